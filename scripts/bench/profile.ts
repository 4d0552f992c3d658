/**
 * Where the content script's time goes, by function: a helper for reading `npm run bench`
 * figures, not part of it. Builds an unminified copy of the extension (bench-output/profile-build,
 * so function names survive), loads each page several times with V8's sampling profiler on, and
 * prints self time per function of the loader and engine, averaged over the loads, from navigation until
 * Backstory's first scan has finished. (Compilation and GC are not attributed to a world by the
 * profiler; the bench's trace reports the script's evaluation instead.)
 *
 *   npx tsx scripts/bench/profile.ts [--no-build] [--runs 5] /pages/covered/gao-report.html /corpus/wikia.html …
 */
import { join } from 'node:path';
import { build } from 'wxt';
import { FIXTURES, REPO_ROOT, SHARED_CORPUS, launchWithExtension } from '../lib/browser';
import { startFixtureServer } from '../lib/fixture-server';
import { CORPUS_MOUNT, dynamicPage } from './pages';
import { PageProbe } from './probe';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const OUT = join(REPO_ROOT, 'bench-output/profile-build');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const paths = args.filter((a, i) => a.startsWith('/') && args[i - 1] !== '--runs');
  if (!args.includes('--no-build')) {
    await build({ root: REPO_ROOT, outDir: OUT, vite: () => ({ build: { minify: false } }) });
  }
  const server = await startFixtureServer(FIXTURES, { dynamic: dynamicPage }, { [CORPUS_MOUNT]: join(SHARED_CORPUS, 'pages') });
  const session = await launchWithExtension({ build: join(OUT, 'chrome-mv3') });
  try {
    for (const path of paths) {
      const self = new Map<string, number>();
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const page = await session.context.newPage();
        const probe = await PageProbe.attach(session.context, page);
        await probe.cdp.send('Profiler.enable');
        await probe.cdp.send('Profiler.setSamplingInterval', { interval: 50 });
        await probe.cdp.send('Profiler.start');
        await page.goto(server.url(path), { waitUntil: 'load' });
        await probe.inBackstory('(b) => b.perf()', 60_000);
        const { profile } = (await probe.cdp.send('Profiler.stop')) as unknown as { profile: Profile };
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        profile.samples.forEach((id, k) => {
          const node = byId.get(id)!;
          const { functionName, url, lineNumber } = node.callFrame;
          // Only samples in the content script's own functions: page work, compilation and GC
          // show up as "(program)" or "(garbage collector)" and cannot be told apart by world.
          if (!/\/page-(loader|engine)\.js/.test(url)) return;
          const key = `${functionName || '(anonymous)'}  ${url.replace(/^.*\//, '').replace(/[?].*$/, '')}:${lineNumber + 1}`;
          const ms = (profile.timeDeltas[k] ?? 0) / 1000;
          self.set(key, (self.get(key) ?? 0) + ms);
          total += ms;
        });
        await probe.detach();
        await page.close();
      }
      console.log(`\n${path}: self time over ${runs} loads (ms per load), Backstory's functions (loader and engine) and V8 internals`);
      for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
        console.log(`${(ms / runs).toFixed(2).padStart(8)}  ${key}`);
      }
      console.log(`${(total / runs).toFixed(2).padStart(8)}  total`);
    }
  } finally {
    await session.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
