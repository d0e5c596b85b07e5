// Builds the Astro site from a content folder into an output folder, for tests.
// Each build gets its own Astro cache folder so that two builds in parallel workers cannot collide.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The fixture site (a handful of real days, test/helpers/fixture.ts), built once per test run by test/global-setup.ts. */
export const MAIN_SITE = join(ROOT, '.test-sites/main');

let builds = 0;

export function buildSite(contentDir: string, outDir: string, extraEnv: Record<string, string> = {}): void {
  // Astro stages a build whose outDir lies outside the project in the project's shared .astro/ folder, so two such
  // builds at once (parallel test workers) break each other: build inside the project, then copy out.
  const inside = !relative(ROOT, resolve(outDir)).startsWith('..');
  if (!inside) {
    const staged = join(ROOT, '.test-sites', `staged-${process.pid}-${++builds}`);
    rmSync(staged, { recursive: true, force: true });
    try {
      buildSite(contentDir, staged, { CKA_CACHE_DIR: `${resolve(outDir)}.cache`, ...extraEnv });
      mkdirSync(outDir, { recursive: true });
      cpSync(staged, outDir, { recursive: true });
    } finally {
      rmSync(staged, { recursive: true, force: true });
    }
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', outDir], {
    cwd: ROOT,
    // A public origin, as a production deployment has; a test of the site-less build passes CKA_SITE: ''.
    env: { ...process.env, CKA_SITE: process.env.CKA_SITE ?? 'https://archive.example.org', CKA_CONTENT_DIR: resolve(contentDir), CKA_CACHE_DIR: `${outDir}.cache`, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || !existsSync(join(outDir, 'index.html'))) {
    throw new Error(`site build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}
