import { render } from 'preact';
import { activePack } from '../../src/pack/packs';
import { Timeline, readTimelineParams } from '../../src/extension-pages/timeline/Timeline';

render(<Timeline pack={activePack} {...readTimelineParams(location.search)} />, document.getElementById('app')!);
