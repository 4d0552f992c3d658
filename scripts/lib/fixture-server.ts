/** A static file server on localhost for the test pages, the shared corpus and generated pages. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { FIXTURES } from './browser';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** Every request path the server saw, for the privacy test. */
  requests: string[];
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  /** Extra headers for a path, e.g. a strict Content-Security-Policy. */
  headers?: (path: string) => Record<string, string> | undefined;
  /** Generated pages: return HTML for a path, or undefined to fall back to files. */
  dynamic?: (path: string) => string | undefined;
}

/** Serves files under `root` (and any mounts) on 127.0.0.1 with a random port. */
export async function startFixtureServer(
  root: string = FIXTURES,
  options: FixtureServerOptions = {},
  mounts: Record<string, string> = {},
): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (path === '/favicon.ico') {
      // Browsers ask for it on a first visit; a 404 would be logged to the page's console at
      // random and spoil tests that compare consoles with and without Backstory.
      res.writeHead(204);
      res.end();
      return;
    }
    const extra = options.headers?.(path) ?? {};
    const generated = options.dynamic?.(path);
    if (generated !== undefined) {
      res.writeHead(200, { 'content-type': MIME['.html']!, ...extra });
      res.end(generated);
      return;
    }
    let base = root;
    let rel = path;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) {
        base = dir;
        rel = path.slice(prefix.length);
      }
    }
    const file = normalize(join(base, rel));
    if (!file.startsWith(resolve(base) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', ...extra });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    requests,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
