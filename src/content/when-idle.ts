/**
 * Waiting for the page to be idle, shared by the boot scripts and the session. Kept free of
 * imports: the engine host bundles it, and it must stay small.
 */

/**
 * Resolves in the window's next idle period, or after `timeoutMs` at the latest; where the
 * browser has no idle callbacks, after one task.
 */
export function whenIdle(view: (Window & typeof globalThis) | null | undefined, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Called on the window: Firefox's content-script (Xray) window throws on an unbound call.
    if (typeof view?.requestIdleCallback === 'function') view.requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
