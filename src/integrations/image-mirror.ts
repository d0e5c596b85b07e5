// Astro integration: with images.mirror on (archive.config.json or CKA_MIRROR_IMAGES=1), downloads the images
// the logs point to before the pages render (so each <img> can name its mirrored copy), and copies the copies into
// <outDir>/img/ once the pages are written. Off by default: nothing is fetched and every image stays a hot link.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { loadArchive } from '../node/load.ts';
import { loadConfig } from '../node/config.ts';
import { copyMirrored, mirrorImages, setMirroredImages } from '../node/image-mirror.ts';
import { imageRefs } from '../site/image-mirror.ts';
import { count, stage } from '../node/progress.ts';

export default function imageMirror(): AstroIntegration {
  let mirrored: Map<string, string> | null = null;
  const { images } = loadConfig();
  return {
    name: 'cka-image-mirror',
    hooks: {
      'astro:build:start': async () => {
        setMirroredImages(null);
        if (!images.mirror) return;
        const t = performance.now();
        const refs = imageRefs(loadArchive().days);
        const r = await mirrorImages(refs, images);
        for (const w of r.warnings) console.warn(w);
        mirrored = r.mirrored;
        setMirroredImages(mirrored);
        stage('images', `${count(r.mirrored.size)} of ${count(refs.length)} mirrored (${count(r.downloaded)} downloaded, ${count(r.reused)} from cache), ${count(r.warnings.length)} kept as links`, performance.now() - t);
      },
      'astro:build:done': ({ dir }) => {
        if (mirrored) copyMirrored(mirrored, images.cacheDir, fileURLToPath(dir));
      },
    },
  };
}
