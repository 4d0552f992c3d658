/** Picks the card theme from the page itself: a dark page gets a dark card, whatever the OS says. */

export type Theme = 'light' | 'dark';

function parseRgb(color: string): [number, number, number, number] | null {
  const m = color.match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/);
  if (!m) return null;
  const alphaRaw = m[4];
  const alpha = alphaRaw === undefined ? 1 : alphaRaw.endsWith('%') ? parseFloat(alphaRaw) / 100 : parseFloat(alphaRaw);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** Relative luminance (WCAG) of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function pageTheme(doc: Document): Theme {
  const win = doc.defaultView;
  if (!win) return 'light';
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const rgb = parseRgb(win.getComputedStyle(el).backgroundColor);
    if (rgb && rgb[3] > 0.5) return luminance([rgb[0], rgb[1], rgb[2]]) < 0.2 ? 'dark' : 'light';
  }
  // A transparent page shows the browser's canvas, which follows the colour scheme.
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
