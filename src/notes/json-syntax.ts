/**
 * Where a JSON text first goes wrong, as a line and column a reader can find.
 * JSON.parse messages differ between browsers and often give no position
 * ("Unexpected token '}', ... is not valid JSON"), so after JSON.parse fails
 * we scan the text ourselves. Iterative, so deeply nested input can't
 * overflow the stack.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset of the problem. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** What is wrong there, e.g. `unexpected "}"`, `unterminated string`. */
  problem: string;
}

type Expectation = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const open: Array<'{' | '['> = [];
  let expect: Expectation = 'value';
  let at = 0;

  const fail = (offset: number, problem: string): JsonSyntaxError => ({ offset, ...lineAndColumn(text, offset), problem });
  const afterValue = (): Expectation => (open.length > 0 ? 'comma-or-close' : 'end');

  for (;;) {
    WHITESPACE.lastIndex = at;
    WHITESPACE.test(text);
    at = WHITESPACE.lastIndex;
    if (at >= text.length) return expect === 'end' ? null : fail(at, 'unexpected end of file');
    const char = text[at] ?? '';

    switch (expect) {
      case 'end':
        return fail(at, `unexpected ${describeChar(char)} after the end of the data`);
      case 'colon':
        if (char !== ':') return fail(at, `expected ":" but found ${describeChar(char)}`);
        at++;
        expect = 'value';
        break;
      case 'key':
      case 'key-or-close':
        if (char === '}' && expect === 'key-or-close') {
          open.pop();
          at++;
          expect = afterValue();
        } else if (char === '"') {
          const end = scanString(text, at);
          if (typeof end !== 'number') return fail(end.offset, end.problem);
          at = end;
          expect = 'colon';
        } else {
          return fail(at, `expected a property name in double quotes but found ${describeChar(char)}`);
        }
        break;
      case 'comma-or-close': {
        const close = open[open.length - 1] === '{' ? '}' : ']';
        if (char === ',') {
          at++;
          expect = close === '}' ? 'key' : 'value';
        } else if (char === close) {
          open.pop();
          at++;
          expect = afterValue();
        } else {
          return fail(at, `expected "," or "${close}" but found ${describeChar(char)}`);
        }
        break;
      }
      case 'value':
      case 'value-or-close':
        if (char === ']' && expect === 'value-or-close') {
          open.pop();
          at++;
          expect = afterValue();
        } else if (char === '{' || char === '[') {
          open.push(char);
          at++;
          expect = char === '{' ? 'key-or-close' : 'value-or-close';
        } else if (char === '"') {
          const end = scanString(text, at);
          if (typeof end !== 'number') return fail(end.offset, end.problem);
          at = end;
          expect = afterValue();
        } else if (char === '-' || (char >= '0' && char <= '9')) {
          NUMBER.lastIndex = at;
          if (!NUMBER.test(text)) return fail(at, `unexpected ${describeChar(char)}`);
          at = NUMBER.lastIndex;
          expect = afterValue();
        } else {
          const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, at));
          if (!literal) return fail(at, `unexpected ${describeChar(char)}`);
          at += literal.length;
          expect = afterValue();
        }
        break;
    }
  }
}

/** The offset just past the closing quote, or what is wrong with the string. */
function scanString(text: string, start: number): number | { offset: number; problem: string } {
  for (let at = start + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return at + 1;
    if (code < 0x20) return { offset: at, problem: 'line break or control character inside a string' };
    if (code === 0x5c) {
      const escape = text[at + 1] ?? '';
      if (escape === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) return { offset: at, problem: 'bad \\u escape in a string' };
        at += 5;
      } else if ('"\\/bfnrt'.includes(escape) && escape !== '') {
        at++;
      } else {
        return { offset: at, problem: `bad escape "\\${escape}" in a string` };
      }
    }
  }
  return { offset: start, problem: 'unterminated string' };
}

function describeChar(char: string): string {
  return JSON.stringify(char);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
