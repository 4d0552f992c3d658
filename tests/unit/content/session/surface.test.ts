import { afterEach, describe, expect, it } from 'vitest';
import { PageSurface } from '../../../../src/content/session/surface';
import { handOver, withdraw } from '../../../../src/content/boot/contract';
import { PageUi } from '../../../../src/content/ui/page-ui';
import type { PageUiCallbacks } from '../../../../src/content/ui/views';
import { HOST_TAG } from '../../../../src/content/ui/shadow-host';
import { rangeOf } from './fakes';

afterEach(() => {
  withdraw('pageUi');
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('PageSurface', () => {
  it('makes the highlighter and the UI once, on first use, and clear() leaves the page as it was', async () => {
    handOver('pageUi', { PageUi });
    // jsdom lays nothing out.
    Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
    Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 10, 10);
    document.body.innerHTML = '<p>Alpha spoke.</p>';
    const before = document.body.innerHTML;
    const surface = new PageSurface(document, () => 'underline', () => ({ noteDraft: () => ({ pageTitle: '', selector: [] }) }) as unknown as PageUiCallbacks);
    expect(surface.highlighter).toBeNull();
    expect(surface.ui).toBeNull();
    const highlighter = surface.ensureHighlighter();
    expect(surface.ensureHighlighter()).toBe(highlighter);
    highlighter.set('mention', [rangeOf(document, 'Alpha')]);
    const ui = await surface.ensureUi();
    expect(await surface.ensureUi()).toBe(ui);
    ui.showEditor({ anchor: { range: rangeOf(document, 'spoke') }, quote: 'spoke', pageNote: false });
    expect(document.querySelector(HOST_TAG)).not.toBeNull();
    surface.clear();
    expect(surface.highlighter).toBeNull();
    expect(surface.ui).toBeNull();
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(document.body.innerHTML).toBe(before);
  });
});
