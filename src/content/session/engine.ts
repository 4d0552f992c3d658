/**
 * The engine a page gets once the loader (src/content/boot/loader.ts) decides it needs one: the page
 * session (scan, highlights, cards, notes), answering the tab messages the loader passes on, and
 * watching for single-page-app route changes. Loaded from entrypoints/page-engine.ts.
 */
import { answerTabMessage, type TabHandlers } from '../../messages/tab-listener';
import type { TabMessage } from '../../messages/protocol';
import type { Engine, EngineStart } from '../boot/contract';
import { BenchProbe } from './probe';
import { PageSession, type SessionOptions } from './session';

/** How often a page with the engine checks for a History API route change (and for being orphaned). */
const ROUTE_POLL_MS = 1000;

export interface EngineEnv extends Omit<SessionOptions, 'doc'> {
  doc?: Document;
  /** Whether this copy of the extension is still alive (false after an update or reload). */
  alive: () => boolean;
}

export function startEngine(env: EngineEnv, start: EngineStart): Engine {
  const doc = env.doc ?? document;
  const probe = new BenchProbe();
  const session = new PageSession({ ...env, doc, gatePassed: start.reason === 'gate', probe });
  void session.start();
  const handlers: TabHandlers = session.tabHandlers();

  // Single-page apps change the URL through the History API: a new route is a new page. The
  // Navigation API says so at once where there is one; a slow poll covers the rest, and also
  // notices when this copy of the extension has been replaced (after an update or reload).
  let href = doc.location?.href ?? '';
  let stopped = false;
  const checkRoute = () => {
    if (stopped) return;
    if (!env.alive()) return engine.stop();
    const now = doc.location?.href ?? '';
    if (now === href) return;
    href = now;
    void session.restart();
  };
  const timer = setInterval(checkRoute, ROUTE_POLL_MS);
  const navigation = (doc.defaultView as (Window & { navigation?: EventTarget }) | null)?.navigation;
  navigation?.addEventListener('currententrychange', checkRoute);

  const engine: Engine = {
    handle: (message: TabMessage) => answerTabMessage(handlers, message),
    debug: probe.debugHandle(session, start.reason),
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      navigation?.removeEventListener('currententrychange', checkRoute);
      session.stop();
    },
  };
  return engine;
}
