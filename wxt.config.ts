import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { backstoryPackPlugin } from './src/pack/build-plugin';
import { hardenWxtContentScriptContext } from './src/page/wxt-context-hardening';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  // Overridable so parallel checks (several engineers, CI jobs) don't rebuild each other's output.
  outDir: process.env.BACKSTORY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), backstoryPackPlugin(), hardenWxtContentScriptContext()],
    build: {
      // Readable stack traces from users' bug reports; the extension is not size-bound by maps.
      sourcemap: false,
    },
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Context for news about the 2018 zero-tolerance family-separation policy: who is who, dated facts and sourced quotes, offline.',
    // storage: settings; contextMenus: "Save note to Backstory" on a selection.
    permissions: ['storage', 'contextMenus'],
    // The card UI script, which the content script imports only on pages that need it.
    web_accessible_resources: [{ resources: ['page-ui.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
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
          content_security_policy: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        }
      : {
          content_security_policy: {
            extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
          },
        }),
  }),
});
