/** The keyboard navigation toolbar: which name of how many, and the keys that move, open and exit. */
import type { NavView } from './views';

export function NavToolbar({ nav, onRef, onKeyDown }: { nav: NavView; onRef(el: HTMLElement | null): void; onKeyDown(e: KeyboardEvent): void }) {
  return (
    <div
      class="nav"
      lang="en"
      dir="ltr"
      role="toolbar"
      tabIndex={0}
      aria-label="Backstory: names on this page"
      aria-keyshortcuts="ArrowRight ArrowLeft Enter Escape"
      ref={onRef}
      onKeyDown={onKeyDown}
    >
      <span aria-live="polite">{nav.total === 0 ? 'No highlighted names on this page' : `${nav.position} of ${nav.total}: ${nav.label}`}</span>
      <span aria-hidden="true">
        <kbd>←</kbd> <kbd>→</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> exit
      </span>
    </div>
  );
}
