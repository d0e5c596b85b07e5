// Serves a built site (default dist/) on localhost and prints the URL.
// `astro preview` would do, but this one has no dev-server machinery, and it is written to be safe on a folder that
// a rebuild is rewriting: a failed read answers 404/500 and the server keeps running; nothing outside the root is
// served (no `..`, no symlink out of it); GET and HEAD only; every answer carries the site's security headers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { constants, existsSync, type Stats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../src/site/csp.ts';
import { PRECOMPRESSED_EXTENSIONS } from '../src/integrations/precompress.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml; charset=utf-8', '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.ico': 'image/x-icon', '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.gz': 'application/gzip', '.br': 'application/octet-stream',
};
// The feed is Atom; served as XML it would not be recognised by feed readers that sniff the type.
const NAMED_TYPES: Record<string, string> = { 'feed.xml': 'application/atom+xml; charset=utf-8' };

/** Text assets the build writes .br/.gz copies of. */
const COMPRESSIBLE = PRECOMPRESSED_EXTENSIONS;

/**
 * The page's policy (the same constant as its <meta> tag) plus frame-ancestors, which browsers honour only in a
 * header: no other site may frame ours (clickjacking).
 */
export const CSP_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Sent with every answer, errors included: an error page is a page too. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  // Chat links and images point at third-party hosts; they learn nothing about which page linked them.
  'referrer-policy': 'no-referrer',
  // frame-ancestors in the CSP does this for current browsers; the old header for the others.
  'x-frame-options': 'DENY',
};

/** Astro names everything under /_astro/ by content hash, so a URL there never changes meaning. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages, feed, sitemap and the search index keep their URLs across builds: cache, but ask every time (ETag). */
const REVALIDATE = 'no-cache';

export type RequestPath = { segments: string[] } | { status: 400 | 404 };

/**
 * The path segments a request target names, decoded, or the status to refuse it with. Refuses what a file path must
 * never contain (percent-decoding errors, NUL, backslash: 400) and what would leave the root or reach hidden files
 * (`..`, dot segments except .well-known: 404). Pure; the file system is not consulted.
 */
export function requestPath(target: string): RequestPath {
  if (!target.startsWith('/')) return { status: 400 };
  const end = target.search(/[?#]/);
  let path: string;
  try {
    path = decodeURIComponent(end < 0 ? target : target.slice(0, end));
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0') || path.includes('\\')) return { status: 400 };
  const segments: string[] = [];
  for (const s of path.split('/')) {
    if (s === '' || s === '.') continue;
    if (s.startsWith('.') && s !== '.well-known') return { status: 404 };
    segments.push(s);
  }
  return { segments };
}

/** The precompressed encodings a client accepts, best first (br, then gzip), from its Accept-Encoding header. */
export function acceptedEncodings(header: string | string[] | undefined): ('br' | 'gzip')[] {
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? value : 0);
  }
  const wildcard = q.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((e) => (q.get(e) ?? wildcard) > 0);
}

export function cacheControl(urlPath: string): string {
  return urlPath.startsWith('/_astro/') ? IMMUTABLE : REVALIDATE;
}

function contentType(file: string): string {
  return NAMED_TYPES[file.slice(file.lastIndexOf(sep) + 1)] ?? TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

interface Opened {
  fh: FileHandle;
  stat: Stats;
  /** The resolved path (symlinks followed) of the opened file. */
  real: string;
}

/** Errors that mean "nothing servable at this path" rather than a fault of the server. */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES', 'EPERM']);

class OutsideRoot extends Error {}

/**
 * Opens `path` for reading if it resolves (symlinks followed) to a regular file inside `rootReal`. Returns 'dir' for a
 * directory and null for anything missing or not a regular file. Throws OutsideRoot when a symlink leads out.
 * The final component is opened with O_NOFOLLOW, so a symlink swapped in after the realpath check is not followed.
 */
async function openInside(rootReal: string, path: string): Promise<Opened | 'dir' | null> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    if (NOT_FOUND_CODES.has((e as NodeJS.ErrnoException).code ?? '')) return null;
    throw e;
  }
  if (real !== rootReal && !real.startsWith(rootReal + sep)) throw new OutsideRoot(path);
  let fh: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO someone left in the folder must not wait for a writer (it is then refused as not a file).
    fh = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if (NOT_FOUND_CODES.has((e as NodeJS.ErrnoException).code ?? '')) return null;
    throw e;
  }
  try {
    const stat = await fh.stat();
    if (stat.isFile()) return { fh, stat, real };
    await fh.close();
    return stat.isDirectory() ? 'dir' : null;
  } catch (e) {
    await fh.close().catch(() => {});
    throw e;
  }
}

/** The file a URL names: the file itself, or index.html of a directory. */
async function openPage(rootReal: string, segments: string[]): Promise<Opened | null> {
  const path = join(rootReal, ...segments);
  const first = await openInside(rootReal, path);
  if (first !== 'dir') return first;
  const index = await openInside(rootReal, join(path, 'index.html'));
  return index === 'dir' ? null : index; // a folder named index.html is not a page
}

/** A .br/.gz copy beside the file, if the client takes it and it is at least as new as the file. */
async function openVariant(rootReal: string, file: Opened, req: IncomingMessage): Promise<{ v: Opened; encoding: string } | null> {
  if (!COMPRESSIBLE.has(extname(file.real).toLowerCase())) return null;
  for (const encoding of acceptedEncodings(req.headers['accept-encoding'])) {
    let v: Opened | 'dir' | null;
    try {
      v = await openInside(rootReal, `${file.real}.${encoding === 'br' ? 'br' : 'gz'}`);
    } catch (e) {
      if (e instanceof OutsideRoot) continue;
      throw e;
    }
    if (v === null || v === 'dir') continue;
    if (v.stat.mtimeMs >= file.stat.mtimeMs) return { v, encoding };
    await v.fh.close();
  }
  return null;
}

function etag(stat: Stats, encoding: string): string {
  return `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}, head = false): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(head ? undefined : text);
}

/** Streams an opened file; a read that fails half way ends the connection (the status line is already out). */
function sendFile(res: ServerResponse, f: Opened, status: number, headers: Record<string, string | number>, head: boolean): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-length': f.stat.size });
  if (head) {
    res.end();
    void f.fh.close().catch(() => {});
    return;
  }
  const stream = f.fh.createReadStream({ autoClose: true });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

async function sendNotFound(res: ServerResponse, rootReal: string, head: boolean): Promise<void> {
  let page: Opened | 'dir' | null = null;
  try {
    page = await openInside(rootReal, join(rootReal, '404.html'));
  } catch {
    page = null;
  }
  if (page && page !== 'dir') sendFile(res, page, 404, { 'content-type': TYPES['.html']!, 'cache-control': REVALIDATE }, head);
  else sendText(res, 404, 'not found', {}, head);
}

async function handle(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  const method = req.method ?? '';
  if (method !== 'GET' && method !== 'HEAD') {
    sendText(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    return;
  }
  const head = method === 'HEAD';
  const target = requestPath(req.url ?? '/');
  // Resolved per request: a build that swaps in a new dist/ must not leave the server pointing at the old one.
  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch {
    sendText(res, 404, 'not found (the site is not built)', {}, head);
    return;
  }
  if ('status' in target) {
    if (target.status === 404) await sendNotFound(res, rootReal, head);
    else sendText(res, 400, 'bad request', {}, head);
    return;
  }
  let page: Opened | null;
  try {
    page = await openPage(rootReal, target.segments);
  } catch (e) {
    if (!(e instanceof OutsideRoot)) throw e;
    page = null; // refused exactly like a missing file: the answer says nothing about what lies outside
  }
  if (!page) {
    await sendNotFound(res, rootReal, head);
    return;
  }
  const served = await openVariant(rootReal, page, req).catch(async (e: unknown) => {
    await page.fh.close().catch(() => {});
    throw e;
  });
  const headers: Record<string, string> = {
    'content-type': contentType(page.real),
    'cache-control': cacheControl('/' + target.segments.join('/')),
    'last-modified': page.stat.mtime.toUTCString(),
  };
  if (COMPRESSIBLE.has(extname(page.real).toLowerCase())) headers.vary = 'Accept-Encoding';
  const body = served ? served.v : page;
  if (served) {
    headers['content-encoding'] = served.encoding;
    await page.fh.close();
  }
  headers.etag = etag(page.stat, served?.encoding ?? '');
  if (req.headers['if-none-match'] === headers.etag) {
    await body.fh.close();
    const { 'content-type': _type, 'content-encoding': _encoding, ...rest } = headers;
    res.writeHead(304, { ...SECURITY_HEADERS, ...rest });
    res.end();
    return;
  }
  sendFile(res, body, 200, headers, head);
}

export function serve(root: string, port: number, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer((req, res) => {
    handle(req, res, base).catch((e: unknown) => {
      // A fault of ours (EMFILE, EIO, a bug): answer 500 if we still can, and keep serving the next request.
      if (!res.headersSent) sendText(res, 500, 'internal server error');
      else res.destroy();
      if (process.env.CKA_SERVE_QUIET !== '1') console.error(`serve: ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  return new Promise<typeof server>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      // After listening, an error (e.g. EMFILE on accept) is reported, not thrown: the server stays up.
      server.on('error', (e) => console.error(`serve: ${e.message}`));
      ok(server);
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'dist';
  const port = Number(process.env.PORT ?? 4321);
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`error: ${root}/index.html not found; build the site first (npm run build)`);
    process.exit(1);
  }
  serve(root, port).then(
    () => console.log(`Serving ${resolve(root)} at http://localhost:${port}/  (Ctrl+C to stop)`),
    (e: NodeJS.ErrnoException) => {
      console.error(`error: cannot listen on port ${port}: ${e.code ?? e.message} (set PORT to use another port)`);
      process.exit(1);
    },
  );
}
