/** The card UI's callbacks, each handed to the session job it belongs to. */
import type { Mention } from '../../detect/mentions';
import { askBackground } from '../../messages/client';
import type { PageUiCallbacks } from '../ui/views';
import type { KeyboardNav } from './keyboard-nav';
import type { EntityMeta } from './mentions';
import type { PageNotes } from './page-notes';
import type { PointerCards } from './pointer-cards';
import type { PageSurface } from './surface';

export interface CardUiJobs {
  surface: PageSurface;
  pointer: PointerCards;
  notes: PageNotes;
  nav: KeyboardNav;
  entities: Record<string, EntityMeta>;
  /** The mentions drawn on the page. */
  mentions(): readonly Mention[];
  articleDate(): string | null;
}

export function cardUiCallbacks({ surface, pointer, notes, nav, entities, mentions, articleDate }: CardUiJobs): PageUiCallbacks {
  return {
    onViewSource: (sourceId, excerptId, quote) => {
      void askBackground('source:open', { sourceId, excerptId, quote });
    },
    noteDraft: (view) =>
      view.kind === 'card' ? notes.draftFor(view.anchor.range, view.entityId) : notes.draftFor(view.pageNote ? null : view.anchor.range),
    onAbout: (view) => {
      if (view.about) void pointer.openCard({ entityId: view.about.entityId, text: view.about.mentionText }, view.anchor);
    },
    onPointerEnterFloating: () => pointer.floatingHover(true),
    onPointerLeaveFloating: () => pointer.floatingHover(false),
    onClosed: () => {
      pointer.dismiss();
      if (surface.ui?.navigating) surface.ui.focusNav();
    },
    onNavKey: (e) => nav.onKey(e),
    articleDate,
    mentionedNames: () => [...new Set(mentions().map((m) => entities[m.entityId]?.name ?? ''))].filter(Boolean),
    onOpenTimeline: () => {
      void askBackground('timeline:open', { date: articleDate(), entities: [...new Set(mentions().map((m) => m.entityId))] });
    },
    onOpenEntity: (entityId, name, anchor) => {
      void pointer.openCard({ entityId, text: name }, anchor).then(() => surface.ui?.focusFloating());
    },
  };
}
