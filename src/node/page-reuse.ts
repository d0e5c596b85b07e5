// Incremental builds: a day, thread, person or question page whose inputs are unchanged is taken from the previous build instead of
// being rendered again. The one module that writes and reads the page manifest.
//
//   1. scripts/build.ts sets CKA_REUSE_FROM to the folder being replaced (the previous dist).
//   2. In getStaticPaths, `pagesToRender(route, entries)` hashes each page's inputs (src/site/page-inputs.ts) with
//      the code version and the site origin, and keeps only the entries whose hash differs from the manifest of the
//      previous build, or whose previous files are missing or differ from what that manifest recorded.
//   3. After the other build:done steps (search index, precompression), `finishReuse(outDir)` copies the kept pages
//      (index.html and its .gz/.br) from the previous build and writes the new manifest: every page's input hash and
//      the sha-256 of each of its files.
// Without CKA_REUSE_FROM (plain `astro build`, the dev server) every page renders and nothing is written. The
// manifest lives in the cache folder ($CKA_CACHE_DIR/pages, else .cache/pages), keyed by the target folder.
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildCodeVersion } from './analysis-cache.ts';
import { buildManifestPath, sha256 } from './build-manifest.ts';
import { loadConfig } from './config.ts';
import { loadArchive } from './load.ts';
import { viewModel } from '../site/model.ts';
import { pageFile, pageInputs, sharedInputs, type ReusableRoute, type RouteProps } from '../site/page-inputs.ts';
import { relatedIfReady } from '../semantic/related.ts';

const MANIFEST_FORMAT = 1;
/** The files of a page: the HTML and the compressed copies precompression may have written beside it. */
const VARIANTS = ['', '.gz', '.br'];

interface PageRecord {
  key: string;
  /** file (relative to the output folder) -> sha-256 */
  files: Record<string, string>;
}

interface Manifest {
  format: number;
  pages: Record<string, PageRecord>;
}

interface Plan {
  from: string;
  previous: Manifest | null;
  /** page file -> its input hash, for every page of a reusable route in this build */
  keys: Map<string, string>;
  /** page files taken from the previous build */
  reused: Set<string>;
  /** page file -> its route, for the counts per route */
  routes: Map<string, ReusableRoute>;
}

/** Per route: pages of this build, and those taken from the previous one. */
export type ReuseCounts = Partial<Record<ReusableRoute, { reused: number; pages: number }>>;

// Shared by the pages' bundle (which plans) and the integration (which finishes): two module instances.
const KEY = Symbol.for('chat-knowledge-archive.page-reuse');
const g = globalThis as Record<symbol, unknown>;
const planOf = (): Plan | null => (g[KEY] as Plan | undefined) ?? null;


export const manifestPath = (target: string, env: NodeJS.ProcessEnv = process.env): string => buildManifestPath('pages', target, env);

function readManifest(target: string): Manifest | null {
  const p = manifestPath(target);
  if (!existsSync(p)) return null;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
    return m.format === MANIFEST_FORMAT ? m : null;
  } catch {
    return null;
  }
}

function plan(): Plan | null {
  const from = process.env.CKA_REUSE_FROM;
  if (!from) return null;
  let p = planOf();
  if (!p || p.from !== resolve(from)) {
    p = { from: resolve(from), previous: existsSync(from) ? readManifest(from) : null, keys: new Map(), reused: new Set(), routes: new Map() };
    g[KEY] = p;
  }
  return p;
}

/** True when the previous build's files of `file` are all there and exactly as its manifest recorded them. */
function previousIntact(p: Plan, rec: PageRecord): boolean {
  for (const [f, hash] of Object.entries(rec.files)) {
    const path = join(p.from, f);
    if (!existsSync(path) || sha256(readFileSync(path)) !== hash) return false;
  }
  return Object.keys(rec.files).length > 0;
}

/**
 * The entries of a reusable route's getStaticPaths that must be rendered: all of them unless this is an incremental
 * build (CKA_REUSE_FROM) whose previous build holds an intact page with the same input hash.
 */
export function pagesToRender<T extends { props: RouteProps }>(route: ReusableRoute, entries: T[]): T[] {
  const p = plan();
  if (!p) return entries;
  const archive = loadArchive();
  const related = relatedIfReady(archive);
  const version = buildCodeVersion();
  // Related discussions or the code version not known yet (a build without the prepare step): render all.
  if (!related || !version) return entries;
  const vm = viewModel(archive);
  const shared = sha256([MANIFEST_FORMAT, version, loadConfig().site ?? '', sharedInputs(vm)].join('\u0000'));
  return entries.filter((e) => {
    const file = pageFile(route, e.props);
    const inputs = pageInputs(vm, related, route, e.props);
    if (file === null || inputs === null) return true;
    const key = sha256(shared + '\u0000' + inputs);
    p.keys.set(file, key);
    p.routes.set(file, route);
    const rec = p.previous?.pages[file];
    if (rec && rec.key === key && previousIntact(p, rec)) {
      p.reused.add(file);
      return false;
    }
    p.reused.delete(file);
    return true;
  });
}

/**
 * A hard link where the file system allows it, else a copy: the previous build's folder is never written to (it is
 * deleted after the swap, which only drops its names), so sharing the bytes is safe and saves copying thousands of
 * pages.
 */
function takeFile(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Copies the reused pages into `outDir` and writes the manifest of this build. Returns counts for the progress line. */
export function finishReuse(outDir: string): { reused: number; pages: number; byRoute: ReuseCounts } | null {
  const p = planOf();
  if (!p || !process.env.CKA_REUSE_FROM) return null;
  const pages: Record<string, PageRecord> = {};
  for (const [file, key] of p.keys) {
    const files: Record<string, string> = {};
    if (p.reused.has(file)) {
      for (const f of Object.keys(p.previous!.pages[file]!.files)) {
        const dest = join(outDir, f);
        mkdirSync(dirname(dest), { recursive: true });
        takeFile(join(p.from, f), dest);
      }
    }
    for (const v of VARIANTS) {
      const path = join(outDir, file + v);
      if (existsSync(path)) files[file + v] = sha256(readFileSync(path));
    }
    pages[file] = { key, files };
  }
  const target = manifestPath(p.from);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ format: MANIFEST_FORMAT, pages } satisfies Manifest));
  renameSync(tmp, target);
  const byRoute: ReuseCounts = {};
  for (const [file, route] of p.routes) {
    const c = (byRoute[route] ??= { reused: 0, pages: 0 });
    c.pages++;
    if (p.reused.has(file)) c.reused++;
  }
  const counts = { reused: p.reused.size, pages: p.keys.size, byRoute };
  delete g[KEY];
  return counts;
}
