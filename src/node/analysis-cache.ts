// IO edge: the per-day analysis (the parsed day, its threads) cached on disk by content hash, so a rebuild after one
// new or changed day parses and disentangles only what that day changed.
//
// A key holds everything the step reads plus the version of the code (a hash of every source file under src/ and of
// the package lock), so an edit to the code, the glossary, the topics or the corrections never reuses an entry made
// before it:
//   parse:   sha256(version, file, source)
//   threads: sha256(version, the day as the threads stage receives it (after privacy masking and speaker
//            assignment, so a speaker id that moved is a different key), what the stage reads besides: glossary
//            and topic terms, topic model, the day's corrections)
// Entries are immutable files named by their key, written under a temporary name and renamed; a stale entry is
// simply never asked for again. An unreadable entry is a miss (a corrupt cache is only slower, never wrong).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { BuildMemo } from '../pipeline/archive.ts';
import type { Day, ParsedDay, Thread } from '../model/types.ts';

/** Bumped by hand when the cached shape changes in a way the source hash would not show. */
const FORMAT = 1;

const sha = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
};

const PROJECT = resolve(import.meta.dirname, '../..');
const versions = new Map<string, string>();

/**
 * Hash of the code: every file under <root>/src, astro.config.mjs (how pages are written) and package-lock.json (a
 * dependency can change output). Page reuse keys on it too, so it covers everything that shapes a page's HTML.
 */
export function codeVersion(root = PROJECT): string {
  const hit = versions.get(root);
  if (hit) return hit;
  const h = createHash('sha256').update(`format ${FORMAT}\n`);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(root, p)).update('\u0000').update(readFileSync(p)).update('\u0000');
    }
  };
  walk(join(root, 'src'));
  for (const f of ['astro.config.mjs', 'package-lock.json']) {
    const p = join(root, f);
    if (existsSync(p)) h.update(f).update('\u0000').update(readFileSync(p)).update('\u0000');
  }
  const v = h.digest('hex');
  versions.set(root, v);
  return v;
}

// The version the build computed at its prepare step (src/integrations/prepare.ts), for the pages' bundle: there
// import.meta.dirname names the bundle's chunk folder, not this source file's, so PROJECT would be wrong.
const BUILD_VERSION = Symbol.for('chat-knowledge-archive.code-version');
const g = globalThis as Record<symbol, unknown>;

/** Computes the code version of this checkout and records it as the version of the running build. */
export function recordBuildCodeVersion(): string {
  const v = codeVersion();
  g[BUILD_VERSION] = v;
  return v;
}

/** The running build's code version, or null outside a build that recorded it (callers then reuse nothing). */
export function buildCodeVersion(): string | null {
  return (g[BUILD_VERSION] as string | undefined) ?? null;
}

export interface CacheStats {
  parseHits: number;
  parseMisses: number;
  threadHits: number;
  threadMisses: number;
}

export interface AnalysisMemo extends BuildMemo {
  stats: CacheStats;
  /**
   * Deletes the entries this memo neither read nor wrote: those of other code versions and of days since changed,
   * which no build asks for again, so the folder does not grow by a whole archive per code change. Another build
   * sharing the folder at that moment only loses speed (a miss), never correctness. Returns how many went.
   */
  prune(): number;
}

/** The cache folder: $CKA_CACHE_DIR/analysis, else <project>/.cache/analysis. */
export function analysisCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.CKA_CACHE_DIR ?? join(PROJECT, '.cache'), 'analysis');
}

/** A BuildMemo reading and writing `dir`. */
export function analysisMemo(dir: string, version = codeVersion()): AnalysisMemo {
  const stats: CacheStats = { parseHits: 0, parseMisses: 0, threadHits: 0, threadMisses: 0 };
  const used = new Set<string>();
  mkdirSync(join(dir, 'parse'), { recursive: true });
  mkdirSync(join(dir, 'threads'), { recursive: true });
  const read = <T>(file: string): T | null => {
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      return null;
    }
  };
  const write = (file: string, value: unknown) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file); // never a half-written entry, even with two builds at once
  };
  // A day's key is asked for twice (hasThreads, then threads); hashing a whole day is worth doing once.
  const keys = new WeakMap<Day, { reads: string; key: string }>();
  const threadsKey = (day: Day, reads: string): string => {
    const k = keys.get(day);
    if (k && k.reads === reads) return k.key;
    const key = sha(version, 'threads', JSON.stringify(day), reads);
    keys.set(day, { reads, key });
    return key;
  };
  const cached = <T>(sub: string, key: string, hit: () => void, miss: () => void, compute: () => T): T => {
    const file = join(dir, sub, `${key}.json`);
    used.add(file);
    const r = read<T>(file);
    if (r !== null) {
      hit();
      return r;
    }
    miss();
    const v = compute();
    // Stored as JSON and read back, so a hit and a miss hand out the very same shape (no undefined fields).
    write(file, v);
    return JSON.parse(JSON.stringify(v)) as T;
  };
  return {
    stats,
    prune() {
      let removed = 0;
      for (const sub of ['parse', 'threads']) {
        for (const name of readdirSync(join(dir, sub))) {
          const file = join(dir, sub, name);
          // Temporary files of a build still writing are left alone; a killed build's stay until they are old.
          if (used.has(file) || (name.endsWith('.tmp') && Date.now() - statSync(file).mtimeMs < 3_600_000)) continue;
          try {
            rmSync(file, { force: true });
            removed++;
          } catch {
            // Whatever cannot be removed now is removed by a later build.
          }
        }
      }
      return removed;
    },
    parse(log, compute): ParsedDay {
      return cached('parse', sha(version, 'parse', log.file, log.source), () => stats.parseHits++, () => stats.parseMisses++, compute);
    },
    threads(day: Day, reads: string, compute): Thread[] {
      return cached('threads', threadsKey(day, reads), () => stats.threadHits++, () => stats.threadMisses++, compute);
    },
    hasThreads(day: Day, reads: string): boolean {
      return existsSync(join(dir, 'threads', `${threadsKey(day, reads)}.json`));
    },
  };
}
