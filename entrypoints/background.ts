import { createHandlers } from '../src/background/handlers';
import { registerMenus } from '../src/background/menus';
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
  listenInBackground(createHandlers({ store: getStore, pack: activePack }));
  registerMenus();
});
