import { render } from 'preact';
import { Options } from '../../src/extension-pages/options/Options';

render(<Options />, document.getElementById('app')!);
