import gate from 'virtual:backstory/pack-gate';
import { rawRuntime, startLoader } from '../src/content/boot/loader';

// The content script on every http(s) top frame (declared in wxt.config.ts). An unlisted script,
// not a WXT content script: WXT's content-script wrapper and the polyfill it imports would cost
// each page about three milliseconds before Backstory did anything (npm run bench).
export default defineUnlistedScript(() => {
  startLoader(gate, { doc: document, runtime: rawRuntime });
});
