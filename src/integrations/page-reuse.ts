// Astro integration, listed after precompression: copies the day, thread, person and question pages an incremental build did not
// render from the previous build, and writes the page manifest (src/node/page-reuse.ts).
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { finishReuse } from '../node/page-reuse.ts';
import { count, stage } from '../node/progress.ts';

export default function pageReuse(): AstroIntegration {
  return {
    name: 'cka-page-reuse',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const t = performance.now();
        const r = finishReuse(fileURLToPath(dir));
        if (!r) return;
        const per = Object.entries(r.byRoute).map(([route, c]) => `${route} ${count(c.reused)}/${count(c.pages)}`).join(', ');
        stage('reuse', `${count(r.reused)} of ${count(r.pages)} day, thread, person and question pages taken from the previous build (${per})`, performance.now() - t);
      },
    },
  };
}
