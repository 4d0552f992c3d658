import { describe, expect, it } from 'vitest';
import { createNote, type Note, type NoteDraft } from '../../../src/notes/model';
import { describeQuote } from '../../../src/notes/selectors';
import { formatBytes } from '../../../src/notes/issues';
import { csvCell, exportCsv, exportJsonLd, exportMarkdown, mdLink, mdText, parseImport, type ParseImportResult } from '../../../src/notes/transfer';
import { ARTICLE } from './article';

const NOW = new Date('2018-06-20T14:00:00.000Z');

function note(draft: Partial<NoteDraft> = {}, time = NOW): Note {
  const result = createNote({ pageUrl: 'https://example.com/story', pageTitle: 'The story', text: 'A note', ...draft }, time);
  if (!result.ok) throw new Error(result.error);
  return result.note;
}

/** A deterministic pseudo-random generator, so the 10,000 notes are the same on every run. */
function random(seed: number) {
  return () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x6d2b79f5) | 0;
    return ((seed ^ (seed >>> 13)) >>> 0) / 4294967296;
  };
}

/** Notes of every shape a reader can make, with awkward text. */
function generateNotes(count: number): Note[] {
  const next = random(42);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const texts = ['Plain note.', 'Ünïcödé — “quotes”, emoji 😀, עברית', 'Line one\nLine two\r\n\tindented', '<script>alert("x")</script>', '=HYPERLINK("http://evil")', 'a, "b", c'];
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 5;
    const start = Math.floor(next() * (ARTICLE.length - 200));
    const selector = describeQuote(ARTICLE, start, start + 1 + Math.floor(next() * 150));
    const draft: NoteDraft = {
      pageUrl: `https://Site${i % 37}.example.org/2018/story-${i % 211}?id=${i % 7}&utm_source=feed#c${i}`,
      pageTitle: `${pick(['Family separation', 'Zero tolerance', 'Peña Nieto'])} ${i % 211}`,
      text: kind === 4 ? '' : `${pick(texts)} #${i}${i % 997 === 0 ? 'x'.repeat(9_000) : ''}`,
      tags: Array.from({ length: Math.floor(next() * 4) }, (_, t) => `tag-${(i + t) % 13}`),
      motivation: kind === 4 ? 'highlighting' : 'commenting',
      selector: kind === 0 ? [] : kind === 1 ? [selector[0]] : selector,
      ...(kind === 2 ? { entityId: `entity-${i % 17}`, entityName: pick(['Dana Sabraw', 'Jeff Sessions', 'Kirstjen Nielsen']) } : {}),
    };
    const created = new Date(Date.UTC(2018, 3, 6) + i * 61_000);
    const made = note(draft, created);
    return i % 3 === 0 ? { ...made, modified: new Date(created.getTime() + 86_400_000).toISOString() } : made;
  });
}

function errorsOf(result: ParseImportResult): string[] {
  if (result.ok) throw new Error(`expected the import to fail, got ${result.notes.length} notes`);
  return result.errors;
}

function notesOf(result: ParseImportResult): Note[] {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.notes;
}

/** One W3C annotation in a file, with `overrides` merged in. */
function annotationFile(overrides: Record<string, unknown> = {}, extra: Record<string, unknown>[] = []): string {
  const base = {
    type: 'Annotation',
    id: 'https://annotations.example.net/a/1',
    created: '2018-06-20T14:00:00Z',
    body: { type: 'TextualBody', value: 'A comment' },
    target: { source: 'https://example.com/story', selector: [{ type: 'TextQuoteSelector', exact: 'zero-tolerance policy' }] },
  };
  return JSON.stringify([{ ...base, ...overrides }, ...extra]);
}

describe('exportJsonLd', () => {
  it('writes a W3C AnnotationCollection with one embedded page', () => {
    const notes = [note(), note({ text: 'Second' })];
    const data = JSON.parse(exportJsonLd(notes, { id: 'urn:uuid:collection', now: NOW }));
    expect(data).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:uuid:collection',
      type: 'AnnotationCollection',
      total: 2,
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
    expect(data.first.items).toHaveLength(2);
  });

  it('writes each note as an Annotation with text and tag bodies, selectors and Backstory fields', () => {
    const selector = describeQuote(ARTICLE, 100, 130);
    const made = note({ text: 'Why it matters', tags: ['court', 'ICE'], selector, entityId: 'dana-sabraw', entityName: 'Dana Sabraw', pageUrl: 'https://example.com/story?utm_source=x' });
    const [item] = JSON.parse(exportJsonLd([made])).first.items;
    expect(item).toEqual({
      type: 'Annotation',
      id: made.id,
      motivation: 'commenting',
      created: made.created,
      modified: made.modified,
      body: [
        { type: 'TextualBody', value: 'Why it matters', format: 'text/plain', purpose: 'commenting' },
        { type: 'TextualBody', purpose: 'tagging', value: 'court' },
        { type: 'TextualBody', purpose: 'tagging', value: 'ICE' },
      ],
      target: {
        source: 'https://example.com/story',
        'backstory:originalUrl': 'https://example.com/story?utm_source=x',
        'backstory:pageTitle': 'The story',
        selector,
      },
      'backstory:entityId': 'dana-sabraw',
      'backstory:entityName': 'Dana Sabraw',
    });
  });

  it('gives a bare highlight no body, as the W3C model does', () => {
    const highlight = note({ text: '', motivation: 'highlighting', selector: describeQuote(ARTICLE, 0, 10) });
    const [item] = JSON.parse(exportJsonLd([highlight])).first.items;
    expect(item.body).toBeUndefined();
    expect(notesOf(parseImport(exportJsonLd([highlight])))).toEqual([highlight]);
  });

  it('round-trips 10,000 notes exactly through export and import', () => {
    const notes = generateNotes(10_000);
    const file = exportJsonLd(notes);
    expect(notesOf(parseImport(file))).toStrictEqual(notes);
    // The same file read as bytes, as a File's arrayBuffer() gives it.
    expect(notesOf(parseImport(new TextEncoder().encode(file).buffer as ArrayBuffer))).toStrictEqual(notes);
  }, 60_000); // a correctness test on a big batch, not a timing test: the machine may be busy
});

describe('exportMarkdown', () => {
  it('groups notes under a heading per page with the quote, text, tags and date', () => {
    const story = 'Attorney General Jeff Sessions announced the policy.';
    const markdown = exportMarkdown(
      [
        note({ text: 'Second page note', pageUrl: 'https://example.com/b', pageTitle: 'B page' }),
        note({ text: 'On the quote', tags: ['doj', 'memo'], entityName: 'Jeff Sessions', entityId: 'jeff-sessions', selector: describeQuote(story, 17, 30) }),
      ],
      NOW,
    );
    expect(markdown).toBe(
      [
        '# Backstory notes',
        '',
        'Exported 2018-06-20 · 2 notes on 2 pages',
        '',
        '## B page',
        '',
        '<https://example.com/b>',
        '',
        'Second page note',
        '',
        '*Saved 2018-06-20*',
        '',
        '## The story',
        '',
        '<https://example.com/story>',
        '',
        '> Attorney General Jeff Sessions announced the policy.',
        '',
        'On the quote',
        '',
        '*About: Jeff Sessions · Tags: doj, memo · Saved 2018-06-20*',
        '',
      ].join('\n'),
    );
  });

  it('quotes every line of a multi-line passage and uses the address when a page has no title', () => {
    const text = 'First line\nsecond line';
    const markdown = exportMarkdown([note({ pageTitle: '', selector: describeQuote(text, 0, text.length) })], NOW);
    expect(markdown).toContain('## https://example.com/story');
    expect(markdown).toContain('> First line\n> second line');
  });
});

describe('exportMarkdown with hostile fields', () => {
  const HOSTILE = '[click me](javascript:alert(1)) <img src=x onerror=alert(document.cookie)> &lt;b&gt; `code` *bold* _it_ ~~s~~ | a | ![i](http://x/i.png)';

  /** What a Markdown reader would see as markup: the text with backslash escapes and valid http(s) autolinks taken out. */
  function markup(markdown: string): string {
    return markdown.replace(/\\[\s\S]/g, '').replace(/<https?:\/\/[^\s<>]*>/g, '');
  }

  it('writes a hostile page title, quote, note, tag and name as text, with no link, HTML or entity left', () => {
    const passage = `${HOSTILE} in the passage`;
    const hostile = note({
      pageTitle: HOSTILE,
      text: `${HOSTILE}\n# not a heading\n> not a quote\n- not a list\n1. not a list\n    not code\n===\n<script>alert(1)</script>`,
      tags: ['*tag*'],
      entityName: '<b>Name</b> [x](javascript:1)',
      entityId: 'x',
      selector: describeQuote(passage, 0, passage.length),
    });
    const markdown = exportMarkdown([hostile], NOW);
    expect(markdown).toContain('## \\[click me\\](javascript:alert(1)) \\<img src=x onerror=alert(document.cookie)\\> \\&lt;b\\&gt; \\`code\\` \\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\| a \\| \\!\\[i\\](http://x/i.png)');
    const left = markup(markdown);
    for (const c of ['<', '[', ']', '&', '`', '|', '~', '_']) expect(left, `an unescaped ${c}`).not.toContain(c);
    // Emphasis only where the export puts it: around each note's details line.
    expect(left.match(/\*/g)).toHaveLength(2);
    const bodyLines = markdown.split('\n');
    for (const line of ['\\# not a heading', '\\> not a quote', '\\- not a list', '1\\. not a list', 'not code', '\\===', '\\<script\\>alert(1)\\</script\\>']) {
      expect(bodyLines, line).toContain(line);
    }
    expect(markdown).toContain('> \\[click me\\]');
    expect(markdown).toContain('*About: \\<b\\>Name\\</b\\> \\[x\\](javascript:1) · Tags: \\*tag\\* · Saved 2018-06-20*');
  });

  it('writes http(s) addresses as autolinks the URL parser wrote, and any other scheme as plain text', () => {
    expect(mdLink('https://example.com/a b"<c>')).toBe('<https://example.com/a%20b%22%3Cc%3E>');
    expect(mdLink('HTTP://Example.com')).toBe('<http://example.com/>');
    expect(mdLink('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(mdLink('data:text/html,<script>alert(1)</script>')).toBe('data:text/html,\\<script\\>alert(1)\\</script\\>');
    expect(mdLink('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    const imported = note();
    const withScheme = { ...imported, target: { ...imported.target, originalUrl: 'javascript:alert(1)//<b>' } };
    const markdown = exportMarkdown([withScheme], NOW);
    expect(markdown).toContain('\njavascript:alert(1)//\\<b\\>\n');
    expect(markdown).not.toMatch(/<javascript/);
  });

  it('leaves plain words as they are', () => {
    expect(mdText('Jeff Sessions announced the policy on May 7, 2018.')).toBe('Jeff Sessions announced the policy on May 7, 2018.');
  });
});

describe('exportCsv', () => {
  it('writes a header and one CRLF row per note, after a byte-order mark', () => {
    const csv = exportCsv([note({ text: 'Simple' })]);
    expect(csv.startsWith('\uFEFFcreated,modified,page_title,url,quote,note,tags,entity,motivation,id\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('quotes fields with commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    const csv = exportCsv([note({ text: '=1+1', tags: ['@home'] })]);
    expect(csv).toContain(",'=1+1,'@home,");
  });

  it('defuses formulas behind leading whitespace, in full-width signs, and after a carriage return', () => {
    for (const value of [' =1+1', '  +cmd', '\u3000=cmd', '\u00a0@SUM(A1)', '\n-2+3', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' ＝HYPERLINK("x")', '\r=1', '\t']) {
      expect(csvCell(value).replace(/^"/, ''), JSON.stringify(value)).toMatch(/^'/);
    }
    for (const value of ['a=b', 'Sessions - the memo', '1+1', 'plain ＝ text', '']) {
      expect(csvCell(value).replace(/^"/, ''), JSON.stringify(value)).not.toMatch(/^'/);
    }
  });
});

describe('parseImport accepts', () => {
  it("other tools' single Annotation with a string body and a string target", () => {
    const file = JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'http://x.example/anno/1', body: 'Hello', target: 'https://example.com/page#frag' });
    const [imported] = notesOf(parseImport(file, { now: NOW }));
    expect(imported).toEqual({
      id: 'http://x.example/anno/1',
      schemaVersion: 2,
      motivation: 'commenting',
      target: { source: 'https://example.com/page', originalUrl: 'https://example.com/page#frag', pageTitle: '', selector: [] },
      body: { text: 'Hello', tags: [] },
      created: NOW.toISOString(),
      modified: NOW.toISOString(),
    });
  });

  it('an AnnotationPage and a plain list of annotations', () => {
    const items = [
      { type: 'Annotation', id: 'urn:x:1', bodyValue: 'One', target: 'https://example.com/1' },
      { type: 'Annotation', id: 'urn:x:2', body: [{ type: 'TextualBody', value: 'Two' }], target: { source: 'https://example.com/2' } },
    ];
    expect(notesOf(parseImport(JSON.stringify({ type: 'AnnotationPage', items }))).map((n) => n.body.text)).toEqual(['One', 'Two']);
    expect(notesOf(parseImport(JSON.stringify(items))).map((n) => n.body.text)).toEqual(['One', 'Two']);
  });

  it("Hypothesis's JSON-LD: target list, RangeSelector ignored, markdown and tagging bodies, microsecond times", () => {
    const file = JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/AbC123',
      created: '2018-06-21T09:30:00.123456+00:00',
      modified: '2018-06-22T10:00:00.000000+00:00',
      body: [
        { type: 'TextualBody', value: 'See **the order**', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'court' },
      ],
      target: [
        {
          source: 'https://example.com/story',
          selector: [
            { type: 'RangeSelector', startContainer: '/div[1]/p[2]', startOffset: 0, endContainer: '/div[1]/p[2]', endOffset: 21 },
            { type: 'TextPositionSelector', start: 120, end: 141 },
            { type: 'TextQuoteSelector', exact: 'preliminary injunction', prefix: 'issued a ', suffix: ' in Ms. L.' },
          ],
        },
      ],
    });
    const [imported] = notesOf(parseImport(file));
    expect(imported).toMatchObject({
      id: 'https://hypothes.is/a/AbC123',
      motivation: 'commenting',
      body: { text: 'See **the order**', tags: ['court'] },
      target: {
        selector: [
          { type: 'TextQuoteSelector', exact: 'preliminary injunction', prefix: 'issued a ', suffix: ' in Ms. L.' },
          { type: 'TextPositionSelector', start: 120, end: 141 },
        ],
      },
      created: '2018-06-21T09:30:00.123Z',
      modified: '2018-06-22T10:00:00.000Z',
    });
  });

  it("Hypothesis's own export file", () => {
    const file = JSON.stringify({
      export_date: '2019-01-01T00:00:00Z',
      annotations: [
        {
          id: 'XyZ',
          created: '2018-06-21T09:30:00.000000+00:00',
          updated: '2018-06-21T09:30:00.000000+00:00',
          uri: 'https://example.com/story',
          text: 'From Hypothesis',
          tags: ['imported'],
          target: [{ source: 'https://example.com/story', selector: [{ type: 'TextQuoteSelector', exact: 'family detention' }] }],
          document: { title: ['The story'] },
          links: { html: 'https://hypothes.is/a/XyZ' },
        },
      ],
    });
    expect(notesOf(parseImport(file))).toEqual([
      expect.objectContaining({
        id: 'https://hypothes.is/a/XyZ',
        body: { text: 'From Hypothesis', tags: ['imported'] },
        target: expect.objectContaining({ pageTitle: 'The story', selector: [{ type: 'TextQuoteSelector', exact: 'family detention', prefix: '', suffix: '' }] }),
      }),
    ]);
  });

  it('a tagging annotation, whose bodies are tags', () => {
    const [imported] = notesOf(parseImport(annotationFile({ motivation: 'tagging', body: ['asylum', { type: 'TextualBody', value: 'ports of entry' }] })));
    expect(imported!.body).toEqual({ text: '', tags: ['asylum', 'ports of entry'] });
    expect(imported!.motivation).toBe('highlighting');
  });

  it('an annotation with a quote and no text, as a highlight', () => {
    const [imported] = notesOf(parseImport(annotationFile({ body: undefined, motivation: 'commenting' })));
    expect(imported!.motivation).toBe('highlighting');
    expect(imported!.body.text).toBe('');
  });

  it('annotations without ids, giving each the same id on every import', () => {
    const file = annotationFile({ id: undefined });
    const first = notesOf(parseImport(file))[0]!.id;
    expect(first).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(notesOf(parseImport(file))[0]!.id).toBe(first);
  });

  it('script and markup in text as the exact text, neither stripped nor run', () => {
    const payload = '<script>alert(1)</script><img src=x onerror="alert(2)"> javascript:alert(3)';
    const [imported] = notesOf(parseImport(annotationFile({ body: payload })));
    expect(imported!.body.text).toBe(payload);
  });

  it('a file with a UTF-8 byte-order mark, as text or as bytes', () => {
    const file = `\uFEFF${annotationFile()}`;
    expect(notesOf(parseImport(file))).toHaveLength(1);
    expect(notesOf(parseImport(new TextEncoder().encode(file).buffer as ArrayBuffer))).toHaveLength(1);
  });
});

describe('parseImport refuses, naming the problem', () => {
  it('a file that is not JSON, with the line and column', () => {
    expect(errorsOf(parseImport('{\n  "type": "Annotation",\n}'))).toEqual([
      'This file isn\'t valid JSON: expected a property name in double quotes but found "}" at line 3, column 1. Backstory imports the JSON files it exports and W3C Web Annotations.',
    ]);
    expect(errorsOf(parseImport('[1, 2'))[0]).toMatch(/unexpected end of file at line 1, column 6/);
  });

  it('a broken file nested too deeply to walk, in the browser’s own words', () => {
    const [error] = errorsOf(parseImport(`${'['.repeat(200_000)}x`));
    expect(error).toMatch(/^This file isn't valid JSON: .+\. Backstory imports the JSON files it exports/);
  });

  it('an empty file', () => {
    expect(errorsOf(parseImport(' \n'))).toEqual(['This file is empty.']);
  });

  it('JSON that is not annotations', () => {
    expect(errorsOf(parseImport('{"settings": {"theme": "dark"}}'))[0]).toMatch(/^This file doesn't look like annotations/);
    expect(errorsOf(parseImport('[1]'))).toEqual(['Annotation 1: is not an annotation object.']);
    expect(errorsOf(parseImport('[{"name": "x"}]'))).toEqual(['Annotation 1: is not an annotation (it has no "type": "Annotation").']);
  });

  it('a collection that links to its pages instead of including them', () => {
    const file = JSON.stringify({ type: 'AnnotationCollection', total: 3, first: 'https://example.net/page1' });
    expect(errorsOf(parseImport(file))[0]).toMatch(/only links to its pages/);
  });

  it('an annotation without a target', () => {
    expect(errorsOf(parseImport(annotationFile({ target: undefined })))).toEqual(['Annotation 1: has no target (the page it is about).']);
  });

  it('targets that are not web pages (javascript:, data:)', () => {
    expect(errorsOf(parseImport(annotationFile({ target: { source: 'javascript:alert(1)' } })))).toEqual([
      'Annotation 1: target.source: must be an http(s) web address, not "javascript:alert(1)".',
    ]);
    expect(errorsOf(parseImport(annotationFile({ target: 'data:text/html,<script>x</script>' })))[0]).toMatch(
      /^Annotation 1: target: must be an http\(s\) web address, not "data:text\/html/,
    );
  });

  it('an annotation about several pages', () => {
    expect(errorsOf(parseImport(annotationFile({ target: ['https://a.example/', 'https://b.example/'] })))).toEqual([
      'Annotation 1: target: has 2 targets; a Backstory note is about one page.',
    ]);
  });

  it('strings over the limits: text, quote, address, tags', () => {
    expect(errorsOf(parseImport(annotationFile({ body: 'x'.repeat(10_001) })))).toEqual([
      'Annotation 1: Notes can be at most 10,000 characters (this one has 10,001).',
    ]);
    const longQuote = { source: 'https://example.com/', selector: { type: 'TextQuoteSelector', exact: 'q'.repeat(5_001) } };
    expect(errorsOf(parseImport(annotationFile({ target: longQuote })))).toEqual([
      'Annotation 1: target.selector.exact: quotes can be at most 5,000 characters (this one has 5,001).',
    ]);
    expect(errorsOf(parseImport(annotationFile({ target: `https://example.com/${'a'.repeat(2_100)}` })))).toEqual([
      'Annotation 1: target: web addresses can be at most 2,048 characters (this one has 2,120).',
    ]);
    const tags = Array.from({ length: 21 }, (_, i) => ({ type: 'TextualBody', purpose: 'tagging', value: `t${i}` }));
    expect(errorsOf(parseImport(annotationFile({ body: tags })))).toEqual(['Annotation 1: A note can have at most 20 tags (this one has 21).']);
    expect(errorsOf(parseImport(annotationFile({ body: [{ type: 'TextualBody', purpose: 'tagging', value: 't'.repeat(51) }] })))[0]).toMatch(
      /^Annotation 1: Tags can be at most 50 characters/,
    );
  });

  it('a file bigger than the limit, before reading it', () => {
    expect(errorsOf(parseImport(new ArrayBuffer(21 * 1024 * 1024)))).toEqual(['This file is 21.0 MB; Backstory imports files up to 20 MB.']);
    expect(errorsOf(parseImport('x'.repeat(2048), { maxBytes: 1024 }))).toEqual(['This file is 2.0 KB; Backstory imports files up to 1 KB.']);
    expect(formatBytes(1024 ** 3)).toBe('1.0 GB');
    expect(formatBytes(20 * 1024 * 1024, true)).toBe('20 MB');
  });

  it('bytes that are not UTF-8', () => {
    const latin1 = new Uint8Array([0x5b, 0x22, 0x50, 0xe9, 0x6e, 0x61, 0x22, 0x5d]); // ["Péna"] in Latin-1
    expect(errorsOf(parseImport(latin1.buffer))[0]).toMatch(/^This file isn't UTF-8 text/);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x5b, 0x00, 0x5d, 0x00]);
    expect(errorsOf(parseImport(utf16.buffer))[0]).toMatch(/^This file is UTF-16 text; Backstory reads UTF-8/);
  });

  it('two annotations with the same id', () => {
    const second = { type: 'Annotation', id: 'urn:x:other', body: 'b', target: 'https://example.com/' };
    const duplicate = { type: 'Annotation', id: 'https://annotations.example.net/a/1', body: 'c', target: 'https://example.com/' };
    expect(errorsOf(parseImport(annotationFile({}, [second, duplicate])))).toEqual([
      'Annotation 3: has the same id as annotation 1 (https://annotations.example.net/a/1).',
    ]);
  });

  it('a position without a quote, a non-text body and a wrong date', () => {
    const positionOnly = { source: 'https://example.com/', selector: { type: 'TextPositionSelector', start: 5, end: 9 } };
    expect(errorsOf(parseImport(annotationFile({ target: positionOnly })))[0]).toMatch(
      /^Annotation 1: target\.selector: has a TextPositionSelector but no TextQuoteSelector/,
    );
    expect(errorsOf(parseImport(annotationFile({ body: { type: 'Image', id: 'https://example.com/a.png' } })))).toEqual([
      'Annotation 1: body: is an Image; Backstory imports text bodies only (TextualBody with a "value").',
    ]);
    expect(errorsOf(parseImport(annotationFile({ created: 'last Tuesday' })))).toEqual([
      'Annotation 1: created: must be an ISO date and time like 2018-06-20T14:00:00Z.',
    ]);
    const badPosition = { source: 'https://example.com/', selector: [{ type: 'TextQuoteSelector', exact: 'a' }, { type: 'TextPositionSelector', start: 9, end: -1 }] };
    expect(errorsOf(parseImport(annotationFile({ target: badPosition })))).toEqual(['Annotation 1: target.selector[1].end: must not be negative.']);
  });

  it('everything wrong at once: the first five problems, then how many more', () => {
    const broken = Array.from({ length: 8 }, (_, i) => ({ type: 'Annotation', id: `urn:x:${i}`, target: 'javascript:void(0)' }));
    const errors = errorsOf(parseImport(JSON.stringify(broken)));
    expect(errors).toHaveLength(6);
    expect(errors.slice(0, 5).every((error, i) => error.startsWith(`Annotation ${i + 1}: target: must be an http(s) web address`))).toBe(true);
    expect(errors[5]).toBe('…and 3 more problems.');
  });
});
