/**
 * Typed receivers. Each side registers one handler per request type; the listener
 * refuses messages that do not come from Backstory itself (other extensions, web pages).
 */
import { browser, type Browser } from 'wxt/browser';
import type {
  BackgroundRequests,
  BackgroundRequestType,
  Reply,
  TabRequests,
  TabRequestType,
} from './protocol';
import { messageOf } from './client';

type Sender = Browser.runtime.MessageSender;

export type BackgroundHandlers = {
  [K in BackgroundRequestType]: (
    req: BackgroundRequests[K]['req'],
    sender: Sender,
  ) => Promise<BackgroundRequests[K]['res']>;
};

export type TabHandlers = {
  [K in TabRequestType]?: (req: TabRequests[K]['req']) => Promise<TabRequests[K]['res']> | TabRequests[K]['res'];
};

/** A message is ours when it comes from this extension's own id. */
export function isFromBackstory(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

function typeOf(message: unknown): string | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** Background side: answers every request with a Reply; thrown errors become readable error replies. */
export function createBackgroundListener(handlers: BackgroundHandlers) {
  return (message: unknown, sender: Sender): Promise<Reply<unknown>> | undefined => {
    const type = typeOf(message);
    if (!type || !(type in handlers) || !isFromBackstory(sender)) return undefined;
    const handler = handlers[type as BackgroundRequestType] as (req: unknown, sender: Sender) => Promise<unknown>;
    return handler(message, sender).then(
      (value): Reply<unknown> => ({ ok: true, value }),
      (e: unknown): Reply<unknown> => ({
        ok: false,
        error: messageOf(e),
        code: typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : undefined,
      }),
    );
  };
}

export function listenInBackground(handlers: BackgroundHandlers): void {
  browser.runtime.onMessage.addListener(createBackgroundListener(handlers) as never);
}

/**
 * Extension-page side: calls `listener` for each broadcast of one type from Backstory (the
 * background tells open extension pages of changes, src/background/broadcast.ts); returns the
 * unlisten. Broadcasts need no reply, so the listener leaves the message to others.
 */
export function onBroadcast<K extends TabRequestType>(type: K, listener: (message: TabRequests[K]['req']) => void): () => void {
  const onMessage = (message: unknown, sender: Sender): undefined => {
    if (typeOf(message) === type && isFromBackstory(sender)) listener(message as TabRequests[K]['req']);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

/**
 * Content-script side: runs the handler for a tab message and gives its raw reply (page-state
 * keeps its published shape); undefined when there is none. The loader (src/content/boot/loader.ts) owns
 * the tab's one listener and checks the sender, without the polyfill; the engine answers through this.
 */
export function answerTabMessage(handlers: TabHandlers, message: unknown): Promise<unknown> | undefined {
  const type = typeOf(message);
  const handler = type ? (handlers[type as TabRequestType] as ((req: unknown) => unknown) | undefined) : undefined;
  if (!handler) return undefined;
  return Promise.resolve().then(() => handler(message));
}
