// IO of the image mirror (the decisions are src/site/image-mirror.ts): downloads each image the logs point to,
// with a time limit and a size limit, keeps only real raster images, stores them under content-hashed names
// in the cache folder, and remembers URL -> path there, so an image mirrored once outlives its host: a later
// build whose host is gone still has it. The pages read the URL -> path map through mirroredSrc().
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { judgeBody, judgeHead, mirroredPath, type ImageRef } from '../site/image-mirror.ts';
import { safeHttpUrl } from '../site/safe-url.ts';

export interface MirrorOptions {
  /** Folder of stored images and index.json (URL -> site path). */
  cacheDir: string;
  maxBytes: number;
  timeoutMs: number;
  /** Downloads at once. */
  concurrency?: number;
}

export interface MirrorResult {
  /** URL (as safeHttpUrl writes it) -> site path `/img/<hash>.<ext>`. */
  mirrored: Map<string, string>;
  /** `file:line: warning: …`, one per image kept as a hot link. */
  warnings: string[];
  downloaded: number;
  reused: number;
}

type Outcome = { path: string; bytes: Uint8Array } | { refused: string };

/** One download: the head judged before the body is read, the body read no further than the limit. */
async function fetchImage(url: string, maxBytes: number, timeoutMs: number): Promise<Outcome> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: abort.signal, redirect: 'follow', headers: { accept: 'image/*' } });
    // A redirect may only end on another http(s) URL (fetch follows nothing else, but say so where it matters).
    if (res.url && safeHttpUrl(res.url) === null) return { refused: 'redirected to a non-http(s) URL' };
    const len = res.headers.get('content-length');
    const head = judgeHead(res.status, res.headers.get('content-type'), len === null ? null : Number(len), maxBytes);
    if (head) { await res.body?.cancel(); return { refused: head }; }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) { await reader.cancel(); return { refused: `too large (over ${maxBytes} bytes)` }; }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    const body = judgeBody(res.headers.get('content-type'), bytes, maxBytes);
    if ('refused' in body) return body;
    return { path: mirroredPath(createHash('sha256').update(bytes).digest('hex'), body.ext), bytes };
  } catch (e) {
    return { refused: abort.signal.aborted ? `no answer within ${timeoutMs} ms` : `download failed (${e instanceof Error ? e.message : String(e)})` };
  } finally {
    clearTimeout(timer);
  }
}

const indexFile = (cacheDir: string) => join(cacheDir, 'index.json');

function readIndex(cacheDir: string): Record<string, string> {
  try {
    const raw = JSON.parse(readFileSync(indexFile(cacheDir), 'utf8')) as unknown;
    return raw && typeof raw === 'object' ? (raw as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Mirrors the images into opts.cacheDir; an image already stored there is reused without a download. */
export async function mirrorImages(refs: readonly ImageRef[], opts: MirrorOptions): Promise<MirrorResult> {
  mkdirSync(opts.cacheDir, { recursive: true });
  const index = readIndex(opts.cacheDir);
  const result: MirrorResult = { mirrored: new Map(), warnings: [], downloaded: 0, reused: 0 };
  const refused: [number, string][] = [];
  const queue = refs.map((ref, i) => ({ ref, i }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { ref, i } = job;
      const known = Object.hasOwn(index, ref.url) ? index[ref.url] : undefined;
      if (known && existsSync(join(opts.cacheDir, basename(known)))) { result.mirrored.set(ref.url, known); result.reused++; continue; }
      const out = await fetchImage(ref.url, opts.maxBytes, opts.timeoutMs);
      if ('refused' in out) { refused.push([i, `${ref.file}:${ref.line}: warning: image not mirrored, ${out.refused}; the page links the original: ${ref.url}`]); continue; }
      const file = join(opts.cacheDir, basename(out.path));
      if (!existsSync(file)) { writeFileSync(`${file}.tmp`, out.bytes); renameSync(`${file}.tmp`, file); }
      index[ref.url] = out.path;
      result.mirrored.set(ref.url, out.path);
      result.downloaded++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  writeFileSync(indexFile(opts.cacheDir), JSON.stringify(index, null, 1));
  // Warnings in the order of the logs, whatever order the downloads finished in.
  result.warnings = refused.sort((a, b) => a[0] - b[0]).map(([, w]) => w);
  return result;
}

/** Copies the mirrored files into the built site (`<outDir>/img/`). */
export function copyMirrored(mirrored: ReadonlyMap<string, string>, cacheDir: string, outDir: string): number {
  const paths = new Set(mirrored.values());
  for (const p of paths) {
    const to = join(outDir, p);
    mkdirSync(join(to, '..'), { recursive: true });
    copyFileSync(join(cacheDir, basename(p)), to);
  }
  return paths.size;
}

// The URL -> path map of this build, shared by the integration that fills it and the pages that read it: during
// `astro build` they load this module as two instances (as src/node/progress.ts explains), so it lives on globalThis.
const KEY = Symbol.for('chat-knowledge-archive.image-mirror');
const g = globalThis as Record<symbol, unknown>;

export function setMirroredImages(map: ReadonlyMap<string, string> | null): void {
  g[KEY] = map;
}

/** The URL -> path map of this build (null: the mirror is off), to hand to a worker thread. */
export function mirroredImages(): ReadonlyMap<string, string> | null {
  return (g[KEY] as ReadonlyMap<string, string> | null | undefined) ?? null;
}

/** The site path of a mirrored image, or null (mirror off, or this image kept as a hot link). */
export function mirroredSrc(url: string): string | null {
  const map = g[KEY] as ReadonlyMap<string, string> | null | undefined;
  if (!map) return null;
  const key = safeHttpUrl(url);
  return key === null ? null : map.get(key) ?? null;
}
