/**
 * The compile hint (build/compile-hint-plugin.ts) survives the build: the minifier drops comments,
 * and a hint anywhere but the top would reach only the functions after it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT } from '../../build/compile-hint-plugin';
import { CHROME_BUILD, FIREFOX_BUILD } from '../../scripts/lib/browser';

const firstLine = (build: string, file: string) => readFileSync(join(build, file), 'utf8').split('\n', 1)[0];

describe.each([
  ['Chrome', CHROME_BUILD],
  ['Firefox', FIREFOX_BUILD],
])('the %s build', (_name, build) => {
  it('opens the engine and the card UI with the compile hint, and not the loader every page runs', () => {
    expect(firstLine(build, 'page-engine.js')).toBe(COMPILE_HINT);
    expect(firstLine(build, 'page-ui.js')).toBe(COMPILE_HINT);
    expect(readFileSync(join(build, 'page-loader.js'), 'utf8')).not.toContain('allFunctionsCalledOnLoad');
    expect(readFileSync(join(build, 'page-host.js'), 'utf8')).not.toContain('allFunctionsCalledOnLoad');
  });
});
