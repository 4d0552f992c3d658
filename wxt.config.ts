import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { backstoryPackPlugin } from './build/pack-plugin';
import { backstoryGatePlugin } from './build/gate-plugin';
import { backstoryCompileHintPlugin } from './build/compile-hint-plugin';
import { fileURLToPath } from 'node:url';

/** The engine's `wxt/browser`: the browser's own API, no polyfill (see the module's comment). */
const NATIVE_BROWSER = fileURLToPath(new URL('./src/messages/native-browser.ts', import.meta.url));

/**
 * Web pages may frame Backstory's pages, because the note frame lives in the card on a web page.
 * Only web-accessible pages can be loaded by a page at all, and note-frame.html is the only one.
 */
const FRAME_ANCESTORS = "frame-ancestors 'self' http: https:";

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  // Overridable so parallel checks (several engineers, CI jobs) don't rebuild each other's output.
  outDir: process.env.BACKSTORY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.name === 'page-engine')) return;
      // Ahead of the polyfill module's alias, which Vite would otherwise match first.
      const alias = config.resolve?.alias;
      const list = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: NATIVE_BROWSER }, ...list] };
    },
  },
  vite: () => ({
    plugins: [preact(), backstoryPackPlugin(), backstoryGatePlugin(), backstoryCompileHintPlugin()],
    build: {
      // No source maps in the package: the stores review the shipped code as it runs, and maps
      // would only add size to every install.
      sourcemap: false,
    },
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Context for news about the 2018 zero-tolerance family-separation policy: who is who, dated facts and sourced quotes, offline.',
    // storage: settings; contextMenus: "Save note to Backstory" on a selection; scripting: the
    // background registers entrypoints/noted-page.ts for pages that have notes (and no others).
    permissions: ['storage', 'contextMenus', 'scripting'],
    // The pages the content script runs on, no more: Chrome lets an extension register a content
    // script (the noted-page one) only where it has host permissions. Nothing is ever fetched.
    host_permissions: ['http://*/*', 'https://*/*'],
    // The loader (src/content/boot/loader.ts) is an unlisted script declared here rather than a WXT
    // content script, whose wrapper would cost every page more than the loader itself.
    // Top frame only: the article lives there, and frames would multiply the cost.
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['page-loader.js'], run_at: 'document_idle', all_frames: false }],
    // The engine and the card UI, which the loader imports only on pages that need them, and the
    // note frame, which the card UI frames in its closed shadow root so note text stays out of the page.
    web_accessible_resources: [
      { resources: ['page-host.js', 'page-engine.js', 'page-ui.js', 'note-frame.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
    ],
    commands: {
      'save-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Save a note on the selected text',
      },
      'navigate-mentions': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Move through the highlighted names on the page',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backstory@backstory.example',
              // 140 (an ESR): the first Firefox with the CSS Custom Highlight API and with the
              // built-in data consent key below.
              strict_min_version: '140.0',
              // Firefox's built-in data consent: Backstory collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
          content_security_policy: `script-src 'self'; object-src 'none'; base-uri 'none'; ${FRAME_ANCESTORS}`,
        }
      : {
          content_security_policy: {
            extension_pages: `script-src 'self'; object-src 'none'; base-uri 'none'; ${FRAME_ANCESTORS}`,
          },
          // 105: the first Chrome with the CSS Custom Highlight API, the only way highlights are drawn.
          minimum_chrome_version: '105',
        }),
  }),
});
