// Serves a built site (default dist/) on localhost and prints the URL.
// `astro preview` would do, but this one has no dev-server machinery and refuses paths outside the root.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.woff2': 'font/woff2',
};

export function serve(root: string, port: number, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      const notFound = join(base, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise<typeof server>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
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
