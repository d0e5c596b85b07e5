// Astro integration: after every other build step, writes <file>.gz and <file>.br beside each text asset of the
// output so a static host serves them as they are (nginx gzip_static/brotli_static, scripts/serve.ts, most CDNs)
// instead of compressing on every request or not at all.
//
// Speed: brotli quality 5 (not the default 11): on the bundled site it gives 1.60 MiB against 1.37 MiB at quality 11
// but in 2.3 s instead of 105 s. Gzip level 6, not 9: on the real archive's pages 9 took 1.8x as long for 1.6 % less. Files are compressed through zlib's async API, so
// the thread pool uses every core, a few files at a time so memory stays bounded on a large archive.
// `CKA_PRECOMPRESS` chooses the copies: `gzip,br` (the default), `gzip`, `br` or `off` (a host that compresses by
// itself, or the whole-archive test build, which only serves gzip).
// Incremental: in `npm run build` (CKA_REUSE_FROM names the folder being replaced) a file byte-identical to the
// previous build's gets that build's copies, checked by hash (src/node/compress-reuse.ts), instead of compressing.
import type { AstroIntegration } from 'astro';
import { readdir, readFile, rm } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { count, stage } from '../node/progress.ts';
import { compressReuse, compressSettings, type CompressReuse } from '../node/compress-reuse.ts';
import { sha256 } from '../node/build-manifest.ts';
import { replaceFile, startEarlyCompression, type EarlyCompression } from './early-compress.ts';

/** Text assets worth compressing; images and fonts are compressed formats already. */
export const PRECOMPRESSED_EXTENSIONS: ReadonlySet<string> = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);

/** Below this a compressed copy saves less than a packet and only costs a file. */
export const MIN_BYTES = 256;

const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;
const CONCURRENCY = 8;

/** A precompressed copy kind, named like its file suffix's Content-Encoding. */
export type Encoding = 'gzip' | 'br';
export const ALL_ENCODINGS: readonly Encoding[] = ['gzip', 'br'];

/** The encodings `CKA_PRECOMPRESS` asks for; an unknown value is an error naming the variable. */
export function precompressEncodings(value: string | undefined): Encoding[] {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return [...ALL_ENCODINGS];
  if (v === 'off' || v === '0' || v === 'none') return [];
  const out = new Set<Encoding>();
  for (const part of v.split(',').map((x) => x.trim())) {
    if (part !== 'gzip' && part !== 'br') throw new Error(`CKA_PRECOMPRESS=${value}: expected gzip, br, gzip,br or off`);
    out.add(part);
  }
  return ALL_ENCODINGS.filter((e) => out.has(e));
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface PrecompressStats {
  /** Text assets seen. */
  files: number;
  /** Those that got compressed copies. */
  compressed: number;
  bytes: { original: number; gzip: number; brotli: number };
  /** Stale .gz/.br copies removed (their file is gone, too small now, or no longer compresses). */
  removed: number;
  /** Of `compressed`, those whose copies were taken from the previous build (identical bytes). */
  reused: number;
  /** Text assets whose copies were made while the pages rendered (./early-compress.ts), from identical bytes. */
  early: number;
  ms: number;
}

async function listFiles(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await listFiles(p, out);
    else if (e.isFile()) out.push(p); // symlinks are not followed: they could lead out of the folder
  }
  return out;
}

const variantsOf = (file: string) => [`${file}.gz`, `${file}.br`] as const;

/** The .gz and .br copies of `body` this build writes; a copy that is not smaller is null (the file is served as is). */
export async function compressBody(body: Buffer, encodings: readonly Encoding[] = ALL_ENCODINGS): Promise<{ gz: Buffer | null; br: Buffer | null }> {
  const none = Promise.resolve(null);
  const [gz, br] = await Promise.all([
    encodings.includes('gzip') ? gzipAsync(body, { level: GZIP_LEVEL }) : none,
    !encodings.includes('br') ? none : brotliAsync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  ]);
  return { gz: gz && gz.length < body.length ? gz : null, br: br && br.length < body.length ? br : null };
}

/** Whether a file gets compressed copies: a text asset of at least `minBytes`. */
export const worthCompressing = (file: string, size: number, minBytes = MIN_BYTES): boolean =>
  size >= minBytes && PRECOMPRESSED_EXTENSIONS.has(extname(file).toLowerCase());

/**
 * Writes .gz and .br copies of every text asset under `root` that is at least `minBytes` long and gets smaller,
 * and removes copies that no longer belong to a file (so a re-used output folder never serves a stale body).
 */
export async function precompressDir(
  root: string,
  minBytes = MIN_BYTES,
  reuse?: CompressReuse,
  encodings: readonly Encoding[] = ALL_ENCODINGS,
  early?: EarlyCompression,
): Promise<PrecompressStats> {
  const t0 = performance.now();
  const all = await listFiles(root);
  const texts = all.filter((f) => PRECOMPRESSED_EXTENSIONS.has(extname(f).toLowerCase()));
  const stats: PrecompressStats = { files: texts.length, compressed: 0, bytes: { original: 0, gzip: 0, brotli: 0 }, removed: 0, reused: 0, early: 0, ms: 0 };
  const keep = new Set<string>();

  const compress = (body: Buffer) => compressBody(body, encodings);
  /** Counts a file's copies (sizes in bytes; null: none, it would not have been smaller) and keeps them. */
  const tally = (file: string, original: number, gz: number | null, br: number | null) => {
    const [gzFile, brFile] = variantsOf(file);
    if (gz !== null) { keep.add(gzFile); stats.bytes.gzip += gz; }
    if (br !== null) { keep.add(brFile); stats.bytes.brotli += br; }
    if (gz !== null || br !== null) { stats.compressed++; stats.bytes.original += original; }
  };

  const one = async (file: string) => {
    const body = await readFile(file);
    if (body.length < minBytes) return;
    const rel = relative(root, file);
    const src = reuse || early ? sha256(body) : '';
    // Copies made while the pages rendered, from exactly these bytes, are already on disk.
    const made = early?.take(file, src);
    if (made) {
      stats.early++;
      reuse?.record(rel, { src, gz: made.gz?.hash ?? null, br: made.br?.hash ?? null });
      tally(file, body.length, made.gz?.bytes ?? null, made.br?.bytes ?? null);
      return;
    }
    const previous = reuse ? await reuse.previous(rel, src) : null;
    if (previous) stats.reused++;
    const { gz, br } = previous ?? (await compress(body));
    reuse?.record(rel, { src, gz: gz ? sha256(gz) : null, br: br ? sha256(br) : null });
    const [gzFile, brFile] = variantsOf(file);
    if (gz) await replaceFile(gzFile, gz);
    if (br) await replaceFile(brFile, br);
    tally(file, body.length, gz?.length ?? null, br?.length ?? null);
  };

  let next = 0;
  const worker = async () => {
    while (next < texts.length) {
      const file = texts[next++];
      if (file !== undefined) await one(file);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, texts.length) }, worker));

  // Copies from an earlier build that this one did not (re)write.
  for (const f of all) {
    if (!(f.endsWith('.gz') || f.endsWith('.br')) || keep.has(f)) continue;
    // Only copies of text assets: a shipped archive.tar.gz is a file of its own.
    if (!PRECOMPRESSED_EXTENSIONS.has(extname(f.slice(0, -3)).toLowerCase())) continue;
    await rm(f, { force: true });
    stats.removed++;
  }
  reuse?.save();
  stats.ms = performance.now() - t0;
  return stats;
}

/** The settings a compressed copy depends on, for the reuse manifest (the encodings too: a copy not made is null). */
export const precompressSettings = (encodings: readonly Encoding[] = ALL_ENCODINGS): string =>
  // (Not keyed `brotli`: compressSettings adds the brotli library's version under that key.)
  compressSettings({ gzipLevel: encodings.includes('gzip') ? GZIP_LEVEL : -1, brotliQuality: encodings.includes('br') ? BROTLI_QUALITY : -1, min: MIN_BYTES });
export const PRECOMPRESS_SETTINGS = precompressSettings();

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

export default function precompress(): AstroIntegration {
  let outDir: string | null = null;
  let early: EarlyCompression | undefined;
  let reuse: CompressReuse | undefined;
  const encodings = () => precompressEncodings(process.env.CKA_PRECOMPRESS);
  return {
    name: 'cka-precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      // Pages are compressed as Astro writes them, on the core its rendering leaves idle (./early-compress.ts).
      // CKA_EARLY_COMPRESS=0 leaves everything to the pass below (to time it, or to rule the tap out).
      'astro:build:start': () => {
        const chosen = encodings();
        const from = process.env.CKA_REUSE_FROM;
        reuse = from ? compressReuse(from, precompressSettings(chosen)) : undefined;
        if (!outDir || chosen.length === 0 || process.env.CKA_EARLY_COMPRESS === '0') return;
        const root = outDir;
        early = startEarlyCompression(root, {
          accept: (f, size) => worthCompressing(f, size),
          compress: (b) => compressBody(b, chosen),
          // An unchanged file of an incremental build gets the previous build's copies in the pass: nothing to do.
          skip: (f, src) => reuse?.recorded(relative(root, f), src) ?? false,
        });
      },
      'astro:build:done': async ({ dir }) => {
        const chosen = encodings();
        const t0 = performance.now();
        const tap = early;
        await tap?.finish();
        const from = process.env.CKA_REUSE_FROM;
        const s = await precompressDir(fileURLToPath(dir), MIN_BYTES, reuse, chosen, tap);
        early = undefined;
        reuse = undefined;
        const lag = tap && tap.backlog > 0 ? `, ${mib(tap.backlog)} of them still queued when the index was done` : '';
        const notes = [from ? `${count(s.reused)} taken from the previous build` : '', s.early ? `${count(s.early)} compressed as they were written${lag}` : ''].filter(Boolean);
        const sizes = chosen.map((e) => (e === 'gzip' ? `gzip ${mib(s.bytes.gzip)}` : `brotli ${mib(s.bytes.brotli)}`));
        const which = chosen.length < ALL_ENCODINGS.length ? ` (CKA_PRECOMPRESS=${process.env.CKA_PRECOMPRESS})` : '';
        stage(
          'precompress',
          chosen.length
            ? `${count(s.compressed)} of ${count(s.files)} text files${notes.length ? ` (${notes.join('; ')})` : ''}: ${mib(s.bytes.original)} → ${sizes.join(', ')}${which}`
            : `off${which}; ${count(s.removed)} old copies removed`,
          performance.now() - t0,
        );
      },
    },
  };
}
