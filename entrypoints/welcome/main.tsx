import { render } from 'preact';
import { Welcome } from '../../src/extension-pages/welcome/Welcome';

render(<Welcome />, document.getElementById('app')!);
