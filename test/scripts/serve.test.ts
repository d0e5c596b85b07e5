// The static server through real HTTP on 127.0.0.1: it serves dist/ and nothing else, refuses what it must, sends the
// site's headers, and survives a folder that changes under it. Raw requests go through a socket so that targets
// such as `/../x` reach the server exactly as an attacker would send them (clients normalise them away).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { CSP_HEADER, acceptedEncodings, cacheControl, requestPath } from '../../scripts/serve.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/site/csp.ts';
import { serveSite } from '../helpers/server.ts';
import { launch, skipBrowserTests } from '../helpers/browser.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends one request byte for byte and reads the answer until the server closes the connection. */
function raw(url: string, method: string, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', fail);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(head[0]?.split(' ')[1]);
      const h: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        h[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      ok({ status, headers: h, body: all.subarray(split + 4) });
    });
    const lines = [`${method} ${target} HTTP/1.1`, `Host: ${hostname}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  });
}

const INDEX = '<!doctype html><title>home</title><p>home page</p>';
const PAGE = '<!doctype html><title>day</title><p>' + '支付宝 分录流水 '.repeat(200) + '</p>';
const NOT_FOUND = '<!doctype html><title>404</title><p>page not found marker</p>';
const SECRET = 'TOP-SECRET-OUTSIDE-DIST';

let tmp: string;
let dist: string;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'cka-serve-'));
  dist = join(tmp, 'dist');
  mkdirSync(join(dist, '_astro'), { recursive: true });
  mkdirSync(join(dist, 'g', '2018-01-02'), { recursive: true });
  writeFileSync(join(tmp, 'secret.txt'), SECRET);
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, '404.html'), NOT_FOUND);
  writeFileSync(join(dist, '_astro', 'app.Ab12Cd.js'), 'window.__ownScript = 1;');
  writeFileSync(join(dist, '_astro', 'app.Ab12Cd.css'), 'body{}');
  writeFileSync(join(dist, 'feed.xml'), '<feed/>');
  writeFileSync(join(dist, 'robots.txt'), 'User-agent: *');
  // A day page with both precompressed copies, as the build writes them.
  const day = join(dist, 'g', '2018-01-02', 'index.html');
  writeFileSync(day, PAGE);
  writeFileSync(`${day}.br`, brotliCompressSync(PAGE));
  writeFileSync(`${day}.gz`, gzipSync(PAGE));
  // A folder named index.html (EISDIR when read as a file).
  mkdirSync(join(dist, 'weird', 'index.html'), { recursive: true });
  // Symlinks: out of dist (file and folder), dangling, and one that stays inside.
  symlinkSync(join(tmp, 'secret.txt'), join(dist, 'leak.txt'));
  symlinkSync(tmp, join(dist, 'up'));
  symlinkSync(join(dist, 'nowhere.html'), join(dist, 'dangling.html'));
  symlinkSync(join(dist, 'index.html'), join(dist, 'alias.html'));
  // A page as an injection would leave it, with no <meta> CSP: only the server's header stands in the way.
  writeFileSync(
    join(dist, 'hostile.html'),
    '<!doctype html><p id=p>x</p><img src="data:," onerror="window.__pwned=1"><script>window.__pwned=2</script>' +
      '<script src="/_astro/app.Ab12Cd.js"></script><a id=a href="#" onclick="window.__pwned=3">a</a>',
  );
  mkdirSync(join(dist, '.git'));
  writeFileSync(join(dist, '.git', 'config'), SECRET);
  server = await serveSite(dist);
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('requestPath', () => {
  it('decodes segments and drops empty and "." ones', () => {
    expect(requestPath('/g/2018-01-02/?q=1#x')).toEqual({ segments: ['g', '2018-01-02'] });
    expect(requestPath('/%E6%94%AF%E4%BB%98/./a')).toEqual({ segments: ['支付', 'a'] });
  });
  it('refuses malformed or hostile targets', () => {
    expect(requestPath('/%E0%A4%A')).toEqual({ status: 400 });
    expect(requestPath('/a%00.html')).toEqual({ status: 400 });
    expect(requestPath('/a\\..\\b')).toEqual({ status: 400 });
    expect(requestPath('/a%5c..%5cb')).toEqual({ status: 400 });
    expect(requestPath('/../secret.txt')).toEqual({ status: 404 });
    expect(requestPath('/a/%2e%2e/%2e%2e/secret.txt')).toEqual({ status: 404 });
    expect(requestPath('/.git/config')).toEqual({ status: 404 });
    expect(requestPath('http://evil/x')).toEqual({ status: 400 });
    expect(requestPath('/.well-known/security.txt')).toEqual({ segments: ['.well-known', 'security.txt'] });
  });
});

describe('acceptedEncodings', () => {
  it('orders br before gzip and honours q=0 and *', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toEqual(['gzip']);
    expect(acceptedEncodings('*;q=0.1, gzip;q=0')).toEqual(['br']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings('x-gzip')).toEqual(['gzip']);
  });
  it('caches hashed assets for good and pages with revalidation', () => {
    expect(cacheControl('/_astro/app.Ab12Cd.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControl('/g/2018-01-02/')).toBe('no-cache');
  });
});

describe('static server over HTTP', () => {
  it('serves pages with the security headers, a charset and revalidation', async () => {
    const r = await raw(server.url, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe(INDEX);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CSP_HEADER);
    expect(CSP_HEADER.startsWith(CONTENT_SECURITY_POLICY)).toBe(true);
    expect(r.headers['content-security-policy']).toContain("script-src 'self';");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    expect(r.headers.etag).toMatch(/^W\/"/);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await raw(server.url, 'GET', '/');
    const again = await raw(server.url, 'GET', '/', { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['content-security-policy']).toBe(CSP_HEADER);
  });

  it('marks hashed assets immutable and types them with a charset', async () => {
    const js = await raw(server.url, 'GET', '/_astro/app.Ab12Cd.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await raw(server.url, 'GET', '/_astro/app.Ab12Cd.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(server.url, 'GET', '/feed.xml')).headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect((await raw(server.url, 'GET', '/robots.txt')).headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await raw(server.url, 'GET', '/g/2018-01-02/');
    const head = await raw(server.url, 'HEAD', '/g/2018-01-02/');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    const missing = await raw(server.url, 'HEAD', '/no/such/page/');
    expect(missing.status).toBe(404);
    expect(missing.body.length).toBe(0);
  });

  it('refuses every other method with 405 and an Allow header, never a page', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
      const r = await raw(server.url, method, '/');
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
      expect(r.body.toString()).not.toContain('home page');
    }
  });

  it('never serves a file outside the root, whatever the spelling', async () => {
    const targets = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/g/../../secret.txt', '/..%5csecret.txt',
      '/..\\secret.txt', '/%00/../secret.txt', '/leak.txt', '/up/secret.txt', '/.git/config',
      '//..//secret.txt', '/%252e%252e/secret.txt',
    ];
    for (const t of targets) {
      const r = await raw(server.url, 'GET', t);
      expect([400, 404], t).toContain(r.status);
      expect(r.body.toString(), t).not.toContain(SECRET);
      expect(r.headers['content-security-policy'], t).toBe(CSP_HEADER);
    }
    // Malformed ones are 400, the rest the site's own 404 page.
    expect((await raw(server.url, 'GET', '/%E0%A4%A')).status).toBe(400);
    expect((await raw(server.url, 'GET', '/a%00b')).status).toBe(400);
    const leak = await raw(server.url, 'GET', '/leak.txt');
    expect(leak.status).toBe(404);
    expect(leak.body.toString()).toBe(NOT_FOUND);
  });

  it('follows symlinks that stay inside the root', async () => {
    const r = await raw(server.url, 'GET', '/alias.html');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe(INDEX);
  });

  it('answers 404 for a folder named index.html and a dangling symlink, and keeps serving', async () => {
    for (const t of ['/weird/', '/weird', '/weird/index.html', '/dangling.html']) {
      const r = await raw(server.url, 'GET', t);
      expect(r.status, t).toBe(404);
      expect(r.body.toString(), t).toBe(NOT_FOUND);
    }
    expect((await raw(server.url, 'GET', '/')).status).toBe(200);
  });

  it('refuses a FIFO instead of hanging on it', async () => {
    try {
      execFileSync('mkfifo', [join(dist, 'pipe.html')]);
    } catch {
      return; // no mkfifo on this system: nothing to test
    }
    const r = await raw(server.url, 'GET', '/pipe.html');
    expect(r.status).toBe(404);
    unlinkSync(join(dist, 'pipe.html'));
  });

  it('serves the .br or .gz copy the client accepts, with Vary, else the file itself', async () => {
    const br = await raw(server.url, 'GET', '/g/2018-01-02/', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(PAGE);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(PAGE));

    const gz = await raw(server.url, 'GET', '/g/2018-01-02/index.html', { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(PAGE);

    const plain = await raw(server.url, 'GET', '/g/2018-01-02/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(PAGE);
    // Different bodies, different validators: a cache must not answer a br request with the identity ETag.
    expect(plain.headers.etag).not.toBe(br.headers.etag);

    // No copy on disk: the file itself, even when the client would take br.
    const none = await raw(server.url, 'GET', '/', { 'Accept-Encoding': 'br' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.toString()).toBe(INDEX);
  });

  it('keeps answering while a rebuild deletes and rewrites files under it', async () => {
    const dir = join(dist, 'churn');
    mkdirSync(dir, { recursive: true });
    const names = Array.from({ length: 20 }, (_, i) => `p${i}.html`);
    let stop = false;
    const churn = (async () => {
      for (let round = 0; !stop; round++) {
        for (const n of names) {
          const f = join(dir, n);
          if (round % 2) writeFileSync(f, `<p>${n} ${round}</p>`);
          else rmSync(f, { force: true });
        }
        if (round % 5 === 0) rmSync(dir, { recursive: true, force: true }), mkdirSync(dir, { recursive: true });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => raw(server.url, i % 3 ? 'GET' : 'HEAD', `/churn/${names[i % names.length]}`)));
    stop = true;
    await churn;
    for (const r of results) {
      expect([200, 404]).toContain(r.status);
      if (r.status === 200 && r.headers['content-length'] && r.body.length) expect(r.body.length).toBe(Number(r.headers['content-length']));
    }
    expect((await raw(server.url, 'GET', '/')).status).toBe(200);
  });

  it('answers 404 while the root itself is missing, and serves again once it is back', async () => {
    const moved = `${dist}.moved`;
    execFileSync('mv', [dist, moved]);
    try {
      const r = await raw(server.url, 'GET', '/');
      expect(r.status).toBe(404);
    } finally {
      execFileSync('mv', [moved, dist]);
    }
    expect((await raw(server.url, 'GET', '/')).body.toString()).toBe(INDEX);
  });
});

describe.skipIf(skipBrowserTests())('the CSP header in Chromium', () => {
  it('blocks inline scripts and inline event handlers while the site\'s script files run', async () => {
    const { context, close } = await launch();
    try {
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      let dialog = false;
      page.on('dialog', (d) => ((dialog = true), void d.dismiss()));
      await page.goto(`${server.url}/hostile.html`);
      await page.click('#a');
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(dialog).toBe(false);
      expect(await page.evaluate(() => (window as unknown as { __ownScript?: number }).__ownScript)).toBe(1);
      expect(violations.length).toBeGreaterThanOrEqual(2);
    } finally {
      await close();
    }
  });
});
