import { render } from 'preact';
import { activePack } from '../../src/pack/packs';
import { SourceViewer, readSourceParams, sourcePageTitle } from '../../src/extension-pages/source/SourceViewer';

const params = readSourceParams(location.search);
document.title = sourcePageTitle(activePack, params.sourceId);
render(<SourceViewer pack={activePack} {...params} />, document.getElementById('app')!);
