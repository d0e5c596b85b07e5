// IO edge for commands that change content/: every write stays inside a root and never goes through
// a symlink, concurrent runs are serialized by a lock file, and a set of files lands all or none
// (each staged under a temporary name in its own folder, then renamed; a failed rename rolls back the
// ones already done).
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmdirSync, unlinkSync, writeFileSync, writeSync, fsyncSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

export class UnsafePathError extends Error {}

/** Whether `p` is `root` or inside it, lexically. */
export function isInside(root: string, p: string): boolean {
  const rel = relative(resolve(root), resolve(p));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Refuses a destination outside `root`, or with a symlink at any step from `root` down to it (the
 * file itself included), or whose real folder is outside the real `root`.
 */
export function assertSafeDestination(root: string, dest: string): void {
  const r = resolve(root);
  const d = resolve(dest);
  if (!isInside(r, d)) throw new UnsafePathError(`${d} is outside ${r}; refused`);
  if (existsSync(r) && lstatSync(r).isSymbolicLink()) throw new UnsafePathError(`${r} is a symlink; refused (writes never go through a symlink)`);
  let cur = r;
  for (const part of relative(r, d).split(sep).filter(Boolean)) {
    cur = join(cur, part);
    let st;
    try { st = lstatSync(cur); } catch { break; } // not there yet: created later, inside a checked folder
    if (st.isSymbolicLink()) throw new UnsafePathError(`${cur} is a symlink; refused (writes never go through a symlink)`);
    if (cur !== d && !st.isDirectory()) throw new UnsafePathError(`${cur} is not a folder; refused`);
  }
  if (existsSync(r)) {
    let deepest = dirname(d);
    while (!existsSync(deepest)) deepest = dirname(deepest);
    if (!isInside(realpathSync(r), realpathSync(deepest))) throw new UnsafePathError(`${d} resolves outside ${r}; refused`);
  }
}

export interface Lock {
  release(): void;
}

interface LockInfo { pid: number; started: number; token: string }

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * Takes the lock file (created with O_EXCL), waiting up to `timeoutMs` for another holder. A lock
 * whose process is gone, or older than `staleMs`, is stale: it is moved aside (rename is atomic, so
 * of two waiters only one takes it) and checked to be the one judged stale before it is removed.
 */
export async function acquireLock(path: string, opts: { timeoutMs?: number; staleMs?: number; onStale?: (holder: { pid: number; started: number }) => void } = {}): Promise<Lock> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const staleMs = opts.staleMs ?? 10 * 60_000;
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, started: Date.now(), token } satisfies LockInfo));
      closeSync(fd);
      return {
        release() {
          try {
            const cur = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
            if (cur.token === token) unlinkSync(path);
          } catch { /* already gone */ }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let info: LockInfo | null = null;
    try { info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo; } catch { /* being written, or removed */ }
    if (info && (!alive(info.pid) || Date.now() - info.started > staleMs)) {
      const aside = `${path}.stale-${token}`;
      try {
        renameSync(path, aside);
        const moved = JSON.parse(readFileSync(aside, 'utf8')) as LockInfo;
        // Another waiter may have replaced the stale lock with its own in between: put that one back.
        if (moved.token !== info.token) { try { renameSync(aside, path); } catch { /* ignore */ } }
        else { unlinkSync(aside); opts.onStale?.(info); }
      } catch { /* someone else moved it first */ }
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`another add holds ${path}${info ? ` (pid ${info.pid}, since ${new Date(info.started).toISOString()})` : ''}; try again later`);
    }
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
  }
}

export interface FileWrite {
  path: string;
  data: string | Uint8Array;
}

export interface CommitOptions {
  /** The root every path must be inside (checked again right before writing). */
  root: string;
  /** Fault injection for tests: fail before the rename with this index (0-based). */
  failBeforeRename?: number;
}

/** Writes every file or none. Throws after rolling back. */
export function commitFiles(writes: readonly FileWrite[], opts: CommitOptions): void {
  for (const w of writes) assertSafeDestination(opts.root, w.path);
  const made: string[] = [];
  const staged: { w: FileWrite; tmp: string; previous: Buffer | null }[] = [];
  const cleanup = () => {
    for (const s of staged) { try { unlinkSync(s.tmp); } catch { /* renamed or never written */ } }
    for (const d of made.reverse()) { try { rmdirSync(d); } catch { /* not empty */ } }
  };
  try {
    for (const w of writes) {
      const dir = dirname(w.path);
      const missing: string[] = [];
      for (let d = dir; !existsSync(d); d = dirname(d)) missing.unshift(d);
      for (const d of missing) { mkdirSync(d); made.push(d); }
      const tmp = join(dir, `.${basename(w.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      const previous = existsSync(w.path) ? readFileSync(w.path) : null;
      const fd = openSync(tmp, 'wx');
      staged.push({ w, tmp, previous });
      try { writeSync(fd, typeof w.data === 'string' ? Buffer.from(w.data) : w.data); fsyncSync(fd); } finally { closeSync(fd); }
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  const done: typeof staged = [];
  try {
    staged.forEach((s, i) => {
      if (opts.failBeforeRename === i) throw new Error(`injected failure before writing ${s.w.path}`);
      assertSafeDestination(opts.root, s.w.path);
      renameSync(s.tmp, s.w.path);
      done.push(s);
    });
  } catch (e) {
    for (const s of done.reverse()) {
      if (s.previous === null) { try { unlinkSync(s.w.path); } catch { /* ignore */ } continue; }
      const back = `${s.tmp}.back`;
      writeFileSync(back, s.previous);
      renameSync(back, s.w.path);
    }
    cleanup();
    throw e;
  }
}
