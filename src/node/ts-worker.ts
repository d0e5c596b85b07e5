// IO edge: a worker thread running one of the project's TypeScript modules. tsx's loader does not follow a process
// into its worker threads (`--import` in execArgv is not enough under tsx), so the worker first registers tsx's ESM
// hooks through its API, then imports the module. Resolved from this file, so the cwd does not matter.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The file URL of tsx's ESM API (its `import` entry, read from tsx's package exports: require.resolve would give the
 * CommonJS one, and import.meta.resolve is missing where Vite runs this module), or null when tsx is not installed:
 * then no worker can run.
 */
function tsxApi(): string | null {
  try {
    const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
    const entry = pkg.exports?.['./esm/api']?.import?.default;
    return entry ? pathToFileURL(join(dirname(pkgFile), entry)).href : null;
  } catch {
    return null;
  }
}

/** A worker running `module` (a file URL of a .ts module), or null when no TypeScript loader is available. */
export function startTsWorker(module: URL, options: Pick<WorkerOptions, 'workerData' | 'transferList'> = {}): Worker | null {
  const api = tsxApi();
  if (!api) return null;
  // A module that fails to load sets workerData.signal (when there is one) to -1 and wakes a parent that waits
  // synchronously (src/node/parallel-threads.ts): it cannot hear the worker's 'error' event while it waits.
  const boot = `const { workerData } = require('node:worker_threads');
import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); }).catch((e) => {
  const s = workerData && workerData.signal;
  if (s instanceof Int32Array) { Atomics.store(s, 0, -1); Atomics.notify(s, 0); }
  throw e;
});`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * One request to a fresh worker running `module` and its one reply; the worker is stopped after it. Resolves with
 * the reply, or with why there is none (no loader, the worker failed or exited first): never rejects, so callers
 * fall back to doing the work on their own thread.
 */
export function requestOnce<Reply>(module: URL, request: unknown): Promise<{ reply: Reply } | { failed: string }> {
  let w;
  try {
    w = startTsWorker(module);
  } catch (e) {
    return Promise.resolve({ failed: `no worker (${e instanceof Error ? e.message : String(e)})` });
  }
  if (!w) return Promise.resolve({ failed: 'no TypeScript loader for a worker' });
  const thread = w;
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: { reply: Reply } | { failed: string }) => {
      if (done) return;
      done = true;
      void thread.terminate();
      resolve(r);
    };
    thread.once('message', (reply: Reply) => finish({ reply }));
    thread.once('error', (e) => finish({ failed: `the worker failed: ${e.message}` }));
    thread.once('exit', (code) => finish({ failed: `the worker exited (${code})` }));
    thread.postMessage(request);
  });
}
