import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../src/notes/json-syntax';

const problemAt = (text: string) => {
  const error = findJsonSyntaxError(text);
  return error && `${error.line}:${error.column} ${error.problem}`;
};

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"just a string"', '0']) {
      expect(findJsonSyntaxError(text)).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('points at the line and column of the first mistake', () => {
    expect(problemAt('{\n  "a": 1,\n}')).toBe('3:1 expected a property name in double quotes but found "}"');
    expect(problemAt('{"a" 1}')).toBe('1:6 expected ":" but found "1"');
    expect(problemAt('[1 2]')).toBe('1:4 expected "," but found "2"');
    expect(problemAt("{'a': 1}")).toBe('1:2 unexpected "\'"');
    expect(problemAt('[1] [2]')).toBe('1:5 unexpected "[" after the end of the data');
    expect(problemAt('[tru]')).toBe('1:2 unexpected "t"');
    expect(problemAt('[01]')).toBe('1:3 expected "," but found "1"');
  });

  it('holds to strict JSON: no trailing commas, no comments', () => {
    expect(problemAt('[1,]')).toBe('1:4 expected a value but found "]"');
    expect(problemAt('[1] // note')).toBe('1:5 comments are not allowed in JSON');
  });

  it('explains broken strings and numbers', () => {
    expect(problemAt('["abc')).toBe('1:2 unterminated string');
    expect(problemAt('["a\tb"]')).toBe('1:2 line break or control character inside a string');
    expect(problemAt('["\\x"]')).toBe('1:2 bad escape in a string');
    expect(problemAt('["\\u12G4"]')).toBe('1:2 bad \\u escape in a string');
    expect(problemAt('[1.]')).toBe('1:2 malformed number');
  });

  it('reports a truncated file at its end', () => {
    expect(problemAt('{"items": [1, 2')).toBe('1:16 unexpected end of file');
    expect(problemAt('')).toBe('1:1 unexpected end of file');
  });

  it('gives up without throwing on nesting deeper than the stack', () => {
    expect(findJsonSyntaxError(`${'['.repeat(200_000)}x`)).toBeNull();
  });
});
