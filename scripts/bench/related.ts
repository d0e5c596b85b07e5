// Related discussions: the candidate search (rare-token index, random-projection buckets) against the all-pairs
// reference on the content folder ($CKA_CONTENT_DIR or ./content): time, and how many of the reference's top 5
// the candidate search finds (overlap), for the TF-IDF path and for the embedding path with the tiny test model.
// `npm run bench -- related [--no-exhaustive]` (the all-pairs reference is quadratic: minutes on the real archive).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyModel } from '../../test/helpers/tiny-model.ts';
import { loadArchive, readContent } from '../../src/node/load.ts';
import { loadEmbedder } from '../../src/semantic/embedder.ts';
import { computeRelated } from '../../src/semantic/related.ts';
import { overlap } from '../../src/semantic/overlap.ts';

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

export async function run(args: string[]): Promise<void> {
  const archive = loadArchive();
  const exhaustive = !args.includes('--no-exhaustive');
  console.log(`corpus: ${archive.days.length} days, ${archive.threads.length} threads\n`);
  console.log('| path | candidate search ms | all-pairs ms | top-5 overlap | top-5 score sum vs all-pairs | docs |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const [fast, fastMs] = await timed(() => computeRelated(archive, { embedder: null }));
  if (exhaustive) {
    const [ref, refMs] = await timed(() => computeRelated(archive, { embedder: null, exhaustive: true }));
    const o = overlap(ref.related, fast.related);
    console.log(`| TF-IDF | ${fastMs.toFixed(0)} | ${refMs.toFixed(0)} | ${(o.overlap * 100).toFixed(1)} % | ${(o.scoreRatio * 100).toFixed(1)} % | ${o.docs} |`);
  } else console.log(`| TF-IDF | ${fastMs.toFixed(0)} | – | – | – | – |`);
  const tmp = mkdtempSync(join(tmpdir(), 'cka-bench-'));
  try {
    writeTinyModel(join(tmp, 'models'), 'tiny', { text: readContent().logs.slice(0, 50).map((l) => l.source).join('') });
    const cfg = { model: 'tiny', modelDir: join(tmp, 'models'), allowRemoteModels: false, quantized: true, prefix: '', cacheDir: join(tmp, 'cache') };
    const e = await loadEmbedder(cfg);
    await computeRelated(archive, { embedder: e, cacheDir: cfg.cacheDir }); // fills the embedding cache: time ranking only
    const [dfast, dMs] = await timed(() => computeRelated(archive, { embedder: e, cacheDir: cfg.cacheDir }));
    if (exhaustive) {
      const [dref, drefMs] = await timed(() => computeRelated(archive, { embedder: e, cacheDir: cfg.cacheDir, exhaustive: true }));
      const o = overlap(dref.related, dfast.related);
      console.log(`| embeddings (tiny test model, warm cache) | ${dMs.toFixed(0)} | ${drefMs.toFixed(0)} | ${(o.overlap * 100).toFixed(1)} % | ${(o.scoreRatio * 100).toFixed(1)} % | ${o.docs} |`);
    } else console.log(`| embeddings (tiny test model, warm cache) | ${dMs.toFixed(0)} | – | – | – | – |`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
