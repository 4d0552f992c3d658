/**
 * Typed receivers. Each side registers one handler per request type. The background's listener
 * ignores messages that do not come from Backstory itself (other extensions, web pages), and
 * refuses each request its sender is not granted (BACKGROUND_GRANTS in ./protocol). The content
 * script's side, which must not pull in the polyfill, is in tab-listener.ts.
 */
import { browser, type Browser } from 'wxt/browser';
import {
  BACKGROUND_GRANTS,
  type BackgroundRequests,
  type BackgroundRequestType,
  type Reply,
  type TabRequests,
  type TabRequestType,
} from './protocol';
import { messageOf } from './client';
import { typeOf } from './tab-listener';

export { answerTabMessage, type TabHandlers } from './tab-listener';

type Sender = Browser.runtime.MessageSender;

/**
 * Who sent a background request, as the browser vouches for it: one of Backstory's own pages,
 * Backstory's script on a web page, with that page's URL, or Backstory's note frame (an extension
 * page framed in a web page's tab), with the tab's URL.
 */
export type Caller = ({ kind: 'extension' } | { kind: 'page'; url: string } | { kind: 'frame'; url: string }) & {
  /** The tab the sender is in, if any (the toolbar badge is per tab). */
  tabId?: number;
};

export type BackgroundHandlers = {
  [K in BackgroundRequestType]: (
    req: BackgroundRequests[K]['req'],
    caller: Caller,
  ) => Promise<BackgroundRequests[K]['res']>;
};

/** A message is ours when it comes from this extension's own id. */
export function isFromBackstory(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

function isWebUrl(url: string | undefined): url is string {
  return !!url && (url.startsWith('https://') || url.startsWith('http://'));
}

/**
 * The caller behind a sender from this extension, or null when it is none Backstory answers.
 * A frame of Backstory's own origin is an extension page, unless it sits inside a web page's tab
 * (the note frame, web-accessible): then it speaks for that page only.
 */
export function callerOf(sender: Sender): Caller | null {
  if (!isFromBackstory(sender)) return null;
  const url = sender.url ?? '';
  if (url.startsWith(browser.runtime.getURL('/'))) {
    const framedIn = sender.frameId !== undefined && sender.frameId > 0 ? sender.tab?.url : undefined;
    if (!isWebUrl(framedIn)) return { kind: 'extension', tabId: sender.tab?.id };
    return { kind: 'frame', url: framedIn, tabId: sender.tab?.id };
  }
  const frame = sender.url ?? sender.tab?.url;
  if (!isWebUrl(frame)) return null;
  return { kind: 'page', url: topFrameUrl(sender, frame) ?? frame, tabId: sender.tab?.id };
}

/**
 * The tab's current URL, for a top frame's sender on the same origin. Chromium's `sender.url` stays
 * the URL the document loaded with after history.pushState (a site's own route change), while the
 * tab's follows it; the origin check keeps the answer within the site the sending process holds.
 */
function topFrameUrl(sender: Sender, frame: string): string | undefined {
  const tab = sender.tab?.url;
  if (!isWebUrl(tab) || (sender.frameId !== undefined && sender.frameId !== 0)) return undefined;
  try {
    return new URL(tab).origin === new URL(frame).origin ? tab : undefined;
  } catch {
    return undefined;
  }
}

/** A readable refusal for a request the caller is not granted, or null when it is. */
export function refusal(type: BackgroundRequestType, caller: Caller): string | null {
  const grant = BACKGROUND_GRANTS[type];
  if (grant === 'both' || grant === caller.kind) return null;
  if (grant === 'own-page' && caller.kind !== 'page') return null;
  if (grant === 'page-or-extension' && caller.kind !== 'frame') return null;
  return grant === 'page'
    ? `“${type}” is answered only for Backstory’s script on a web page, about that page.`
    : `“${type}” is answered only for Backstory’s own pages, not for a script on a web page.`;
}

/** Background side: answers every request with a Reply; thrown errors become readable error replies. */
export function createBackgroundListener(handlers: BackgroundHandlers) {
  return (message: unknown, sender: Sender): Promise<Reply<unknown>> | undefined => {
    const type = typeOf(message);
    if (!type || !(type in handlers) || !Object.hasOwn(BACKGROUND_GRANTS, type)) return undefined;
    const caller = callerOf(sender);
    if (!caller) return undefined;
    const refused = refusal(type as BackgroundRequestType, caller);
    if (refused) return Promise.resolve({ ok: false, error: refused, code: 'not-allowed' });
    const handler = handlers[type as BackgroundRequestType] as (req: unknown, caller: Caller) => Promise<unknown>;
    return handler(message, caller).then(
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

