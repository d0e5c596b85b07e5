// Builds into a fresh folder beside the target and swaps it in only when the build succeeded, so a failed or
// interrupted build never empties or half-writes the site being served.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The sibling folders a build of `target` uses: `.dist.building-<pid>` and `.dist.old-<pid>`. */
export function stagingDirs(target: string, pid = process.pid): { building: string; old: string } {
  const abs = resolve(target);
  const name = basename(abs);
  return { building: join(dirname(abs), `.${name}.building-${pid}`), old: join(dirname(abs), `.${name}.old-${pid}`) };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes staging folders left by builds that were killed (their process is gone). */
export function removeStaleStaging(target: string): string[] {
  const abs = resolve(target);
  const parent = dirname(abs);
  const pattern = new RegExp(`^\\.${basename(abs).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:building|old)-(\\d+)$`);
  const removed: string[] = [];
  if (!existsSync(parent)) return removed;
  for (const n of readdirSync(parent)) {
    const m = pattern.exec(n);
    if (m && !alive(Number(m[1]))) {
      try {
        rmSync(join(parent, n), { recursive: true, force: true });
      } catch {
        // The background removal of that build may be deleting the same folder right now; what is left, the next
        // build removes.
        continue;
      }
      removed.push(join(parent, n));
    }
  }
  return removed;
}

/**
 * How the replaced folder goes: 'now' deletes it before returning; 'background' leaves it to a detached process
 * (deleting tens of thousands of files took seconds of the visible build time), and if that process dies, the
 * next build's removeStaleStaging deletes the folder: its name carries this process's id, which is gone by then.
 */
export type OldRemoval = 'now' | 'background';

/** Deletes `dir` in a detached process that outlives this one; no output, nothing waits for it. */
function removeInBackground(dir: string): void {
  try {
    const child = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => rmSync(dir, { recursive: true, force: true }));
    child.unref();
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Puts `fresh` where `target` is. Two renames on the same file system: the old folder moves aside, the new one
 * takes its name, the old one is deleted (now or in the background). A server resolving the folder per request
 * (scripts/serve.ts) sees either the old or the new site, or for the instant between the renames a 404. If the
 * second rename fails the old folder is put back.
 */
export function swapDir(fresh: string, target: string, removal: OldRemoval = 'now'): void {
  const { old } = stagingDirs(target);
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, old);
  try {
    renameSync(fresh, target);
  } catch (e) {
    if (hadOld) renameSync(old, target);
    throw e;
  }
  if (!hadOld) return;
  if (removal === 'background') removeInBackground(old);
  else rmSync(old, { recursive: true, force: true });
}

/**
 * Runs `build` into an empty staging folder and swaps it in as `target` if it resolves and wrote `mustExist`;
 * otherwise deletes the staging folder, leaves `target` untouched, and rethrows.
 */
export async function buildReplacing(
  target: string,
  build: (outDir: string) => Promise<void>,
  mustExist = 'index.html',
  removal: OldRemoval = 'now',
): Promise<void> {
  removeStaleStaging(target);
  const { building } = stagingDirs(target);
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    await build(building);
    if (!existsSync(join(building, mustExist))) throw new Error(`the build wrote no ${mustExist}; ${target} left as it was`);
  } catch (e) {
    rmSync(building, { recursive: true, force: true });
    throw e;
  }
  swapDir(building, resolve(target), removal);
}
