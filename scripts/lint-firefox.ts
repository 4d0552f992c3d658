/**
 * Mozilla's add-on linter (addons-linter, what addons.mozilla.org runs) over the Firefox build.
 * Fails on any error, and on any warning except the few below that have no fix short of
 * dropping a library or a feature — each is matched by its code *and* by the code it points
 * at, so a new warning of the same kind anywhere else still fails.
 *
 *   npm run build:firefox && npm run lint:firefox
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import linter from 'addons-linter';

const ROOT = resolve(import.meta.dirname, '..');
// The build under test: `.output`, or $BACKSTORY_OUT_DIR (as wxt.config.ts and the browser tests).
const BUILD = join(resolve(ROOT, process.env.BACKSTORY_OUT_DIR ?? '.output'), 'firefox-mv2');

interface Message {
  _type: 'error' | 'warning' | 'notice';
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** The source text at a message's location (the linter's column is 0-based), or ''. */
function sourceAt(m: Message, before = 40, after = 120): string {
  if (!m.file || m.line === undefined) return '';
  const lines = readFileSync(join(BUILD, m.file), 'utf8').split('\n');
  const line = lines[m.line - 1] ?? '';
  const col = m.column ?? 0;
  return line.slice(Math.max(0, col - before), col + after);
}

/** Warnings that cannot be fixed in our code, recognised by what they point at. */
const ACCEPTED: Array<{ code: string; why: string; matches: (m: Message) => boolean }> = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: "Preact's renderer implements `dangerouslySetInnerHTML`; Backstory never uses it (checked below)",
    matches: (m) => /innerHTML/.test(m.message) && /\.innerHTML=\w+\.__html/.test(sourceAt(m, 80, 80)),
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why: 'the loader, the host and the engine import their own packaged scripts (page-host.js, page-engine.js, page-ui.js) by runtime.getURL, only on pages that need them (src/content/boot/packaged-script.ts)',
    matches: (m) => /import/.test(m.message) && /import\(\s*[\w$]+(\.runtime)?\.getURL\(/.test(sourceAt(m, 10, 60)),
  },
];

/** Backstory's own code never writes HTML from strings, so the Preact allowance stays about Preact. */
function htmlSinksInSources(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(name)) {
        const text = readFileSync(path, 'utf8');
        for (const sink of ['dangerouslySetInnerHTML', '.innerHTML', '.outerHTML', 'insertAdjacentHTML', 'document.write', 'new Function', 'eval(']) {
          if (text.includes(sink)) found.push(`${relative(ROOT, path)}: ${sink}`);
        }
      }
    }
  };
  for (const dir of ['src', 'entrypoints']) walk(join(ROOT, dir));
  return found;
}

async function main(): Promise<number> {
  if (!existsSync(join(BUILD, 'manifest.json'))) {
    console.error(`lint:firefox: no Firefox build at ${relative(ROOT, BUILD)}. Run \`npm run build:firefox\` first.`);
    return 1;
  }
  const instance = linter.createInstance({
    config: {
      _: [BUILD],
      logLevel: 'fatal',
      stack: false,
      pretty: false,
      warningsAsErrors: false,
      metadata: false,
      output: 'none',
      boring: true,
      selfHosted: false,
      privileged: false,
      minManifestVersion: 2,
      maxManifestVersion: 3,
    },
    runAsBinary: false,
  });
  const result = (await instance.run()) as { errors: Message[]; warnings: Message[]; notices: Message[] };
  const where = (m: Message) => `${m.file ?? ''}${m.line ? `:${m.line}:${m.column ?? 0}` : ''}`;
  const failures: string[] = [];
  for (const m of result.errors) failures.push(`error ${m.code} ${where(m)}: ${m.message}`);
  for (const m of result.warnings) {
    const accepted = ACCEPTED.find((a) => a.code === m.code && a.matches(m));
    if (accepted) console.log(`lint:firefox: accepted warning ${m.code} at ${where(m)} — ${accepted.why}`);
    else failures.push(`warning ${m.code} ${where(m)}: ${m.message}${m.description ? ` — ${m.description}` : ''}`);
  }
  for (const sink of htmlSinksInSources()) failures.push(`HTML-from-string sink in Backstory's source: ${sink}`);
  for (const m of result.notices) console.log(`lint:firefox: notice ${m.code} ${where(m)}: ${m.message}`);
  if (failures.length > 0) {
    console.error(`lint:firefox: ${failures.length} problem(s) in ${relative(ROOT, BUILD)}:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log(`lint:firefox: ${relative(ROOT, BUILD)} passes addons-linter: 0 errors, 0 warnings that have a fix.`);
  return 0;
}

process.exitCode = await main();
