// Compresses pages while Astro is still rendering the others. Rendering runs on the main thread, so on a machine of
// two cores one core idled through the pages stage while precompression waited for it to end and then took most of a
// minute of its own. This taps Astro's page writes (fs.promises.writeFile, which its static generator calls once per
// page with the page's bytes) for files under the output folder and compresses those bytes on zlib's thread pool.
//
// Never trusted blindly: the precompress pass reads every file again and takes an early copy only when the file's
// sha-256 equals the bytes that were compressed (src/integrations/precompress.ts); a path written twice during the
// tap, a body dropped because too much was in flight, or a failed compression is simply compressed in that pass.
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../node/build-manifest.ts';
import { isInside } from '../node/safe-write.ts';

/** One compressed copy written beside its file: its size and sha-256 (for the reuse manifest). */
export interface EarlyCopy {
  bytes: number;
  hash: string;
}

/** The copies made for a file, and the sha-256 of the bytes they were made from. */
export interface EarlyEntry {
  src: string;
  /** null: compressing did not make it smaller, so no copy was written. */
  gz: EarlyCopy | null;
  br: EarlyCopy | null;
}

export interface EarlyCompression {
  /** The entry for `file` if one was made from bytes whose sha-256 is `src`, else null. */
  take(file: string, src: string): EarlyEntry | null;
  /** Queues a file this process wrote by other means (the search index writes its shards synchronously). */
  offer(file: string, body: Buffer): void;
  /** Records copies made elsewhere (the search index's worker thread) beside `file`, from bytes of sha-256 entry.src. */
  adopt(file: string, entry: EarlyEntry): void;
  /** Every file compressed so far (and not written again since), with its copies. */
  copies(): [string, EarlyEntry][];
  /** Stops tapping new writes and resolves when every compression started has written its copies. */
  finish(): Promise<void>;
  /** Files compressed early so far. */
  readonly made: number;
  /** Bytes still queued or being compressed when finish() was called (how far compression lagged rendering). */
  readonly backlog: number;
}

export type Compress = (body: Buffer) => Promise<{ gz: Buffer | null; br: Buffer | null }>;

export interface EarlyOptions {
  /** Which files are worth compressing (extension, size). */
  accept: (file: string, size: number) => boolean;
  compress: Compress;
  /** Files better left to the pass (an incremental build's unchanged files, whose previous copies it takes). */
  skip?: (file: string, src: string) => boolean;
  /** Compressions at once: each holds a thread-pool thread, and Astro's own file writes wait for a free one. */
  concurrency?: number;
  /** Bytes queued at most; a page written beyond that is left to the precompress pass (memory stays bounded). */
  maxQueuedBytes?: number;
  /** Compressions at once after finish(): nothing renders any more, so the backlog may use the whole pool. */
  drainConcurrency?: number;
}

type WriteFile = typeof fs.promises.writeFile;

const asPath = (p: unknown): string | null => {
  if (typeof p === 'string') return p;
  if (p instanceof URL && p.protocol === 'file:') return fileURLToPath(p);
  return null;
};

const asBuffer = (data: unknown, options: unknown): Buffer | null => {
  if (typeof options === 'object' && options !== null && 'flag' in options && (options as { flag?: string }).flag !== 'w') return null;
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'string') {
    const enc = typeof options === 'string' ? options : (options as { encoding?: BufferEncoding } | undefined)?.encoding;
    return enc && enc !== 'utf8' && enc !== 'utf-8' ? null : Buffer.from(data, 'utf8');
  }
  return null;
};

let tmpSeq = 0;
/**
 * Writes by rename, never in place: a reused page's copies are hard links to the previous build's files
 * (src/node/page-reuse.ts), and writing through such a link would change the dist that is still being served.
 * The temporary name is unique, since copies are written concurrently. `write`: the tap writes through the
 * writeFile it replaced.
 */
export async function replaceFile(file: string, body: Buffer, write: WriteFile = fs.promises.writeFile): Promise<void> {
  const tmp = `${file}.early-${process.pid}-${tmpSeq++}`;
  try {
    await write(tmp, body);
    await rename(tmp, file);
  } catch (e) {
    // (Astro may have removed the folder meanwhile; no temporary file may be shipped.)
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Taps fs.promises.writeFile for files under `outDir` until finish(). Only one tap at a time: a second would wrap
 * the first and compress every page twice.
 */
export function startEarlyCompression(outDir: string, opts: EarlyOptions): EarlyCompression {
  const root = resolve(outDir);
  let concurrency = opts.concurrency ?? 2;
  const maxQueued = opts.maxQueuedBytes ?? 128 * 1024 * 1024;
  const original: WriteFile = fs.promises.writeFile;
  if ((original as { earlyTap?: boolean }).earlyTap) throw new Error('early compression is already tapping writes');

  const entries = new Map<string, EarlyEntry>();
  /** Paths written more than once while tapped: their copies may be of an older body. */
  const rewritten = new Set<string>();
  const seen = new Set<string>();
  const queue: { file: string; body: Buffer }[] = [];
  let queuedBytes = 0;
  let running = 0;
  let runningBytes = 0;
  let backlog = 0;
  let made = 0;
  let stopped = false;
  let idle: (() => void) | null = null;

  const settleIfIdle = () => {
    if (running === 0 && queue.length === 0 && idle) idle();
  };

  const one = async (file: string, body: Buffer) => {
    const src = sha256(body);
    if (opts.skip?.(file, src)) return;
    const { gz, br } = await opts.compress(body);
    const copy = async (suffix: string, b: Buffer | null): Promise<EarlyCopy | null> => {
      if (!b) return null;
      await replaceFile(`${file}${suffix}`, b, original);
      return { bytes: b.length, hash: sha256(b) };
    };
    const entry: EarlyEntry = { src, gz: await copy('.gz', gz), br: await copy('.br', br) };
    entries.set(file, entry);
    made++;
  };

  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const job = queue.shift();
      if (!job) break;
      queuedBytes -= job.body.length;
      running++;
      runningBytes += job.body.length;
      one(job.file, job.body)
        .catch(() => entries.delete(job.file)) // the precompress pass compresses it
        .finally(() => {
          running--;
          runningBytes -= job.body.length;
          pump();
          settleIfIdle();
        });
    }
  };

  const written = (path: string, body: Buffer | null) => {
    if (stopped) return;
    const file = resolve(path);
    if (file === root || !isInside(root, file)) return;
    if (seen.has(file)) rewritten.add(file);
    seen.add(file);
    if (body && !rewritten.has(file) && opts.accept(file, body.length) && queuedBytes + body.length <= maxQueued) {
      queue.push({ file, body });
      queuedBytes += body.length;
      pump();
    }
  };

  const tapped = async function (this: unknown, ...args: Parameters<WriteFile>) {
    const result = await original.apply(this, args);
    try {
      const path = asPath(args[0]);
      if (path) written(path, asBuffer(args[1], args[2]));
    } catch {
      // A write the tap cannot read is compressed by the precompress pass.
    }
    return result;
  } as WriteFile;
  (tapped as { earlyTap?: boolean }).earlyTap = true;
  fs.promises.writeFile = tapped;

  const self: EarlyCompression = {
    offer: (file, body) => written(file, body),
    adopt(file, entry) {
      const abs = resolve(file);
      if (seen.has(abs)) rewritten.add(abs);
      seen.add(abs);
      entries.set(abs, entry);
      made++;
    },
    copies: () => [...entries].filter(([f]) => !rewritten.has(f)),
    take(file, src) {
      const abs = resolve(file);
      const e = entries.get(abs);
      return e && !rewritten.has(abs) && e.src === src ? e : null;
    },
    async finish() {
      stopped = true;
      if (active === self) active = null;
      if (fs.promises.writeFile === tapped) fs.promises.writeFile = original;
      backlog = queuedBytes + runningBytes;
      concurrency = Math.max(concurrency, opts.drainConcurrency ?? 4);
      pump();
      if (running > 0 || queue.length > 0) await new Promise<void>((r) => (idle = r));
    },
    get made() {
      return made;
    },
    get backlog() {
      return backlog;
    },
  };
  active = self;
  return self;
}

let active: EarlyCompression | null = null;

/** The tap of the running build, for writers that do not go through fs.promises (null when there is none). */
export const activeEarlyCompression = (): EarlyCompression | null => active;
