/**
 * Where a JSON text first goes wrong, as a line and column a reader can find. JSON.parse
 * messages differ between browsers and often give no position, so after it fails the text
 * goes through jsonc-parser (strict JSON: no comments, no trailing commas), which reports
 * each error's offset, line and character.
 */
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

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

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** The first syntax error in `text`, or null when it is valid JSON or too deeply nested to walk. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let first: JsonSyntaxError | null = null;
  try {
    visit(
      text,
      {
        onError: (code, offset, _length, line, character) => {
          first ??= { offset, line: line + 1, column: character + 1, problem: describe(code, text, offset) };
        },
      },
      STRICT_JSON,
    );
  } catch (error) {
    // jsonc-parser descends recursively: nesting deeper than the stack leaves the caller with the engine's own message.
    if (error instanceof RangeError) return null;
    throw error;
  }
  return first;
}

function describe(code: ParseErrorCode, text: string, offset: number): string {
  const found = offset < text.length ? JSON.stringify(text[offset]) : null;
  const expected = (what: string) => (found === null ? 'unexpected end of file' : `expected ${what} but found ${found}`);
  switch (printParseErrorCode(code)) {
    case 'PropertyNameExpected':
      return expected('a property name in double quotes');
    case 'ColonExpected':
      return expected('":"');
    case 'CommaExpected':
      return expected('","');
    case 'CloseBraceExpected':
      return expected('"," or "}"');
    case 'CloseBracketExpected':
      return expected('"," or "]"');
    case 'ValueExpected':
      return expected('a value');
    case 'EndOfFileExpected':
      return `unexpected ${found} after the end of the data`;
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'InvalidCharacter':
      return 'line break or control character inside a string';
    case 'InvalidEscapeCharacter':
      return 'bad escape in a string';
    case 'InvalidUnicode':
      return 'bad \\u escape in a string';
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return 'malformed number';
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return 'comments are not allowed in JSON';
    default:
      return found === null ? 'unexpected end of file' : `unexpected ${found}`;
  }
}
