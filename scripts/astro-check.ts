// `npm run typecheck`, second half: type-checks the .astro files with `astro check`, which needs the
// @astrojs/check package (astro would otherwise stop to ask whether to install it). Without that package the
// check cannot run: say so every time, and fail under CI so a missing check is never mistaken for a clean one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
if (!existsSync(join(ROOT, 'node_modules/@astrojs/check/package.json'))) {
  console.error('astro check: NOT RUN: @astrojs/check is not installed (npm install -D @astrojs/check@^0.9.10); .astro files are not type-checked');
  process.exit(process.env.CI ? 1 : 0);
}
const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'check'], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
