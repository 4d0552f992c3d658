import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'Backstory',
    description:
      'Context for news about the 2018 zero-tolerance family-separation policy: who is who, dated facts and sourced quotes, offline.',
    permissions: ['storage', 'contextMenus'],
  },
});
