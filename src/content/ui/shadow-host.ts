/**
 * Backstory's one element in the page: a host attached to <html> (outside <body>, so the
 * article's text and layout are untouched) with a closed shadow root. Closed, so page
 * scripts cannot read notes shown inside; inline `!important` styles, so page rules such
 * as `* { display: none !important }` cannot hide or move it. A custom tag name that is
 * never registered, because `customElements` is null in content scripts.
 */
export const HOST_TAG = 'backstory-ui';

const HOST_STYLE: Array<[string, string]> = [
  ['all', 'initial'],
  ['display', 'block'],
  ['position', 'fixed'],
  ['top', '0'],
  ['left', '0'],
  ['width', '0'],
  ['height', '0'],
  ['overflow', 'visible'],
  ['z-index', '2147483647'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['pointer-events', 'auto'],
  ['contain', 'style'],
];

export interface ShadowHost {
  host: HTMLElement;
  shadow: ShadowRoot;
  mount: HTMLElement;
  destroy(): void;
}

export function createShadowHost(doc: Document, css: string): ShadowHost {
  const host = doc.createElement(HOST_TAG);
  // Set through the CSSOM: a strict page CSP (style-src 'none') blocks style attributes and
  // <style> elements, but not constructed stylesheets or CSSOM writes.
  for (const [prop, value] of HOST_STYLE) host.style.setProperty(prop, value, 'important');
  const shadow = host.attachShadow({ mode: 'closed' });
  const win = doc.defaultView;
  if (win && 'adoptedStyleSheets' in shadow) {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = doc.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
  const mount = doc.createElement('div');
  mount.className = 'layer';
  shadow.append(mount);
  doc.documentElement.appendChild(host);
  return {
    host,
    shadow,
    mount,
    destroy: () => host.remove(),
  };
}

/** True for Backstory's own UI, so scans and selections skip it. */
export function isBackstoryUi(el: Element): boolean {
  return el.localName === HOST_TAG;
}
