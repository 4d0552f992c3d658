/**
 * Picks the card theme from the page itself: a dark page gets a dark card, whatever the OS says.
 *
 * Many sites paint their background on a wrapper rather than on <body>, or with a gradient or
 * image the computed style cannot tell us the colour of. So we look at what is actually behind
 * the text the card is about: the nearest ancestor with an opaque background colour. Where a
 * background image comes first, or nothing is painted at all, the text colour decides (light
 * text means a dark page); only when that says nothing either does prefers-color-scheme, which
 * is what the browser paints an unstyled canvas with.
 */

export type Theme = 'light' | 'dark';

type Rgba = [number, number, number, number];

export function parseRgb(color: string): Rgba | null {
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

/**
 * Below this a background counts as dark: black text and white text have about the same contrast
 * against it (the crossover of the WCAG contrast ratio is at luminance ≈ 0.18).
 */
const DARK_BELOW = 0.18;

/** Text this light is only readable on a dark background. */
const LIGHT_TEXT_ABOVE = 0.5;

/**
 * The theme for a card about text inside `near` (by default the page as a whole).
 * Never throws: a page we cannot read gets the reader's own colour scheme.
 */
export function pageTheme(doc: Document, near?: Element | null): Theme {
  const win = doc.defaultView;
  if (!win) return 'light';
  const start = near && near.ownerDocument === doc ? near : (doc.body ?? doc.documentElement);
  let imageFirst = false;
  for (let el: Element | null = start; el; el = el.parentElement) {
    const style = win.getComputedStyle(el);
    const rgb = parseRgb(style.backgroundColor);
    if (rgb && rgb[3] > 0.5) return luminance([rgb[0], rgb[1], rgb[2]]) < DARK_BELOW ? 'dark' : 'light';
    if (style.backgroundImage && style.backgroundImage !== 'none') {
      imageFirst = true;
      break;
    }
  }
  // Nothing opaque behind the text (or an image we cannot read): the text colour tells.
  const text = start ? parseRgb(win.getComputedStyle(start).color) : null;
  if (text && text[3] > 0.5) {
    const l = luminance([text[0], text[1], text[2]]);
    if (l > LIGHT_TEXT_ABOVE) return 'dark';
    if (imageFirst || l < DARK_BELOW) return 'light';
  }
  // A transparent page shows the browser's canvas, which follows the colour scheme.
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
