/**
 * Typed receivers. Each side registers one handler per request type; the listener
 * refuses messages that do not come from Backstory itself (other extensions, web pages).
 * The content script's side, which must not pull in the polyfill, is in tab-listener.ts.
 */
import { browser, type Browser } from 'wxt/browser';
import type {
  BackgroundRequests,
  BackgroundRequestType,
  Reply,
} from './protocol';
import { messageOf } from './client';
import { typeOf } from './tab-listener';

export { answerTabMessage, type TabHandlers } from './tab-listener';

type Sender = Browser.runtime.MessageSender;

export type BackgroundHandlers = {
  [K in BackgroundRequestType]: (
    req: BackgroundRequests[K]['req'],
    sender: Sender,
  ) => Promise<BackgroundRequests[K]['res']>;
};

/** A message is ours when it comes from this extension's own id. */
export function isFromBackstory(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
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
