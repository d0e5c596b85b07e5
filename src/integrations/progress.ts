// Astro integrations that frame the build's stage lines (src/node/progress.ts): `progressStart` turns reporting on
// and says when the public site URL is missing; `progressEnd`, listed last, prints the page count and the total
// once every other build:done hook (search index, precompression) has run.
import type { AstroIntegration } from 'astro';
import { count, enableProgress, markBuildStart, sinceBuildStart, sinceFirstStage, stage, warn } from '../node/progress.ts';
import { NO_SITE_WARNING } from '../site/origin.ts';

export function progressStart(): AstroIntegration {
  let generatedAt = 0;
  return {
    name: 'cka-progress-start',
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        if (command !== 'build') return;
        enableProgress();
        if (!config.site) warn(NO_SITE_WARNING);
      },
      'astro:build:start': () => markBuildStart(),
      'astro:build:generated': () => {
        generatedAt = sinceFirstStage();
      },
      'astro:build:done': ({ pages }) => {
        stage('pages', `${count(pages.length)} pages (incl. the stages above)`, generatedAt);
      },
    },
  };
}

export function progressEnd(): AstroIntegration {
  return {
    name: 'cka-progress-end',
    hooks: {
      'astro:build:done': () => stage('total', 'build finished', sinceBuildStart()),
    },
  };
}
