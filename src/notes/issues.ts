/**
 * Turns valibot issues into sentences a reader can act on: where the problem
 * is (a path like `target.selector[0].exact`) and what is wrong.
 */
import type { BaseIssue } from 'valibot';

/** `body.tags[3]`, or '' for a problem with the value as a whole. */
export function issuePath(issue: BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$@][\w$:@]*$/.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(String(key))}]`;
  }
  return path;
}

/** "target.source: must be an http(s) web address" */
export function issueAtPath(issue: BaseIssue<unknown>): string {
  const path = issuePath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** A readable length for messages: 12345 → "12,345". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** The largest file the notes import reads; here so extension pages can check it without the importer. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** 1073741824 → "1.0 GB"; limits are shown without a needless ".0" ("20 MB"). */
export function formatBytes(bytes: number, trimWhole = false): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = trimWhole && Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

/** Counts characters the way a reader does (an emoji is one, not two UTF-16 units). */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
