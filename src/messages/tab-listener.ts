/**
 * The content script's side of tab messages. Nothing here touches the extension API or the
 * polyfill: the engine host registers its listener on the raw runtime (src/content/boot), so an
 * idle page that is only asked something never loads either.
 */
import type { TabMessage, TabRequests, TabRequestType } from './protocol';

export type TabHandlers = {
  [K in TabRequestType]?: (req: TabRequests[K]['req']) => Promise<TabRequests[K]['res']> | TabRequests[K]['res'];
};

/** Every tab request type, checked complete by the compiler: a message of any other type is not ours. */
const TAB_REQUEST_TYPES: Record<TabRequestType, true> = {
  'backstory:page-state': true,
  'backstory:page-summary': true,
  'backstory:note-selection': true,
  'backstory:navigate-mentions': true,
  'backstory:show-note': true,
  'backstory:notes-changed': true,
  'backstory:settings-changed': true,
};

export function typeOf(message: unknown): string | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

export function isTabMessage(message: unknown): message is TabMessage {
  const type = typeOf(message);
  return type !== undefined && Object.hasOwn(TAB_REQUEST_TYPES, type);
}

/**
 * Runs the handler for a tab message and gives its raw reply (page-state keeps its published
 * shape); undefined when there is none.
 */
export function answerTabMessage(handlers: TabHandlers, message: unknown): Promise<unknown> | undefined {
  const type = typeOf(message);
  const handler = type ? (handlers[type as TabRequestType] as ((req: unknown) => unknown) | undefined) : undefined;
  if (!handler) return undefined;
  return Promise.resolve().then(() => handler(message));
}

/** `runtime.onMessage`'s listener as the browser calls it, without the polyfill's promise form. */
export type RawTabListener = (message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void) => true | undefined;

/**
 * The tab's one listener: answers the protocol's tab messages from this extension's own id (never
 * another extension's, never a page's) with `answer`'s raw reply. `ownId` is the live extension's
 * id; undefined means this copy was orphaned by an update, and `onOrphaned` runs instead.
 */
export function createTabListener(ownId: () => string | undefined, answer: (message: TabMessage) => Promise<unknown>, onOrphaned: () => void): RawTabListener {
  return (message, sender, sendResponse) => {
    const id = ownId();
    if (!id) {
      onOrphaned();
      return undefined;
    }
    if (sender.id !== id || !isTabMessage(message)) return undefined;
    answer(message).then(sendResponse, () => sendResponse(undefined));
    // Keeps the channel open for the asynchronous reply.
    return true;
  };
}
