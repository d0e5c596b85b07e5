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
