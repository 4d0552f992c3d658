import { watchTabsForBadge } from '../src/background/badge';
import { openWelcomeOnInstall } from '../src/background/first-run';
import { broadcastSettingsChanges } from '../src/background/broadcast';
import { createHandlers } from '../src/background/handlers';
import { relayNoteFrames } from '../src/background/frame-relay';
import { registerMenus } from '../src/background/menus';
import { notedPagesRegistration } from '../src/background/noted-pages';
import { listenInBackground } from '../src/messages/handler';
import { openNoteStore, type NoteStore } from '../src/notes/store';
import { activePack } from '../src/pack/packs';

export default defineBackground(() => {
  // Opened on first use; reopened if the browser closed it (e.g. after a storage error).
  let store: Promise<NoteStore> | null = null;
  const getStore = (): Promise<NoteStore> => {
    const opened =
      store ??
      openNoteStore().catch((e: unknown) => {
        store = null;
        throw e;
      });
    store = opened;
    return opened;
  };
  const syncNotedPages = notedPagesRegistration({ pageUrls: async () => (await getStore()).pageUrls() });
  listenInBackground(createHandlers({ store: getStore, pack: activePack, onNotesChanged: () => void syncNotedPages() }));
  // The registration persists, but is checked against the notes whenever the worker starts.
  void syncNotedPages();
  registerMenus();
  watchTabsForBadge();
  openWelcomeOnInstall();
  broadcastSettingsChanges();
  relayNoteFrames();
});
