/**
 * `wxt/browser` for unit tests: WXT's fake browser. WXT 0.21.0's own mock imports the whole
 * `wxt/testing` index, which loads esbuild and fails under jsdom; this imports only the fake.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const browser = fakeBrowser;
export default fakeBrowser;
