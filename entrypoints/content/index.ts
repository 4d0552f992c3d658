import packIndex from 'virtual:backstory/pack-index';
import { listenInTab } from '../../src/messages/handler';
import { PageSession } from '../../src/page/session';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Top frame only: the article lives there, and frames would multiply the cost.
  allFrames: false,
  main(ctx) {
    const session = new PageSession({ index: packIndex.index, entities: packIndex.entities });
    const stopListening = listenInTab(session.tabHandlers());
    void session.start();
    // Visible only in this extension's isolated world, where browser tests evaluate.
    (globalThis as { __backstory?: unknown }).__backstory = session.debugHandle();
    // Single-page apps change the URL through the History API: a new route is a new page.
    ctx.addEventListener(window, 'wxt:locationchange', () => void session.restart());
    ctx.onInvalidated(() => {
      stopListening();
      session.stop();
    });
  },
});
