// Embedding time per 1,000 messages: the tiny test model (real @xenova/transformers + onnxruntime path) and the
// TF-IDF fallback, on the bundled content's threads. Uncached: every run embeds everything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyModel } from '../../test/helpers/tiny-model.ts';
import { loadArchive, readContent } from '../../src/node/load.ts';
import { loadEmbedder } from '../../src/semantic/embedder.ts';
import { computeRelated, relatedDocs } from '../../src/semantic/related.ts';
import { tfidfVectors } from '../../src/semantic/tfidf.ts';

export async function run(_args: string[]): Promise<void> {
  const archive = loadArchive();
  const messages = archive.days.reduce((n, d) => n + d.messages.length, 0);
  const { threads, terms } = relatedDocs(archive);
  const texts = [...threads, ...terms].map((d) => d.text);
  const tmp = mkdtempSync(join(tmpdir(), 'cka-bench-'));
  try {
    writeTinyModel(join(tmp, 'models'), 'tiny', { text: readContent().logs.map((l) => l.source).join('') });
    const cfg = { model: 'tiny', modelDir: join(tmp, 'models'), allowRemoteModels: false, quantized: true, prefix: '', cacheDir: join(tmp, 'cache') };
    let t = performance.now();
    const e = await loadEmbedder(cfg);
    const load = performance.now() - t;
    t = performance.now();
    await e.embed(texts);
    const embed = performance.now() - t;
    t = performance.now();
    await computeRelated(archive, { embedder: e, cacheDir: join(tmp, 'cache2') });
    const full = performance.now() - t;
    t = performance.now();
    await computeRelated(archive, { embedder: e, cacheDir: join(tmp, 'cache2') });
    const cached = performance.now() - t;
    t = performance.now();
    tfidfVectors(texts);
    const tfidf = performance.now() - t;
    t = performance.now();
    await computeRelated(archive, { embedder: null });
    const tfidfFull = performance.now() - t;
    const per1k = (ms: number) => ((ms / messages) * 1000).toFixed(1);
    console.log(`corpus: ${messages} messages, ${threads.length} thread texts + ${terms.length} term texts\n`);
    console.log('| step | ms | ms per 1,000 messages |');
    console.log('|---|---:|---:|');
    console.log(`| tiny model: load | ${load.toFixed(0)} | |`);
    console.log(`| tiny model: embed all texts | ${embed.toFixed(0)} | ${per1k(embed)} |`);
    console.log(`| tiny model: related, cold cache | ${full.toFixed(0)} | ${per1k(full)} |`);
    console.log(`| tiny model: related, warm cache | ${cached.toFixed(0)} | ${per1k(cached)} |`);
    console.log(`| fallback: TF-IDF vectors | ${tfidf.toFixed(0)} | ${per1k(tfidf)} |`);
    console.log(`| fallback: related (vectors + ranking) | ${tfidfFull.toFixed(0)} | ${per1k(tfidfFull)} |`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
