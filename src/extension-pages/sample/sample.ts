/**
 * The sample article. Content scripts do not run on extension pages, so this page starts the same
 * engine a news page gets (scan, highlights, cards) on its own document, and answers the tab
 * messages a content script would (the popup's This page, the keyboard commands): Chrome delivers
 * `tabs.sendMessage` to an extension page in a tab. Its text is the pack's sample
 * (src/background/about.ts): passages quoted exactly, with their source named.
 */
import { browser } from 'wxt/browser';
import type { PackIndex } from '../../detect/pack-index';
import { askBackground } from '../../messages/client';
import type { SampleArticle, TabMessage } from '../../messages/protocol';
import type { EntityMetaMap } from '../../pack/entity-meta';
import { startEngine } from '../../content/session/engine';
import { handOver } from '../../content/boot/contract';

export async function showSample(article: HTMLElement, pack: { index: PackIndex; entities: EntityMetaMap }): Promise<void> {
  const doc = article.ownerDocument;
  const reply = await askBackground('pack:sample', {});
  article.removeAttribute('aria-busy');
  if (!reply.ok) {
    article.append(el(doc, 'p', 'error', reply.error));
    return;
  }
  writeSample(article, reply.value);
  const engine = startEngine(
    { index: pack.index, entities: pack.entities, doc, alive: () => browser.runtime?.id != null },
    { reason: 'message', gateStartedAt: performance.now(), gateMs: 0 },
  );
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    // Only Backstory's own tab messages; requests meant for the background pass by.
    const type = (message as { type?: unknown } | null)?.type;
    if (sender.id !== browser.runtime.id || typeof type !== 'string' || !type.startsWith('backstory:')) return undefined;
    return engine.handle(message as TabMessage);
  });
  // Browser tests reach the card's closed shadow root here, as they do through a content script's world.
  handOver('debug', engine.debug);
}

/** The article as elements and text nodes: the passages are data, never parsed as HTML. */
export function writeSample(article: HTMLElement, sample: SampleArticle): void {
  const doc = article.ownerDocument;
  const { source } = sample;
  const header = el(doc, 'header');
  header.append(el(doc, 'h1', undefined, sample.title));
  header.append(
    el(doc, 'p', 'dek', `Passages quoted from “${source.title}”, by ${source.author}, ${source.publisher}, ${source.date}.`),
  );
  article.append(header);
  for (const passage of sample.passages) {
    const quote = el(doc, 'blockquote');
    for (const paragraph of passage.text.split(/\n{2,}/)) quote.append(el(doc, 'p', undefined, paragraph));
    if (passage.locator) quote.append(el(doc, 'p', 'locator', `(${passage.locator})`));
    article.append(quote);
  }
  const footer = el(doc, 'footer');
  const link = el(doc, 'a', undefined, 'Read about this source') as HTMLAnchorElement;
  link.href = `/source.html?source=${encodeURIComponent(source.id)}`;
  footer.append(link);
  article.append(footer);
}

function el(doc: Document, tag: string, className?: string, text?: string): HTMLElement {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
