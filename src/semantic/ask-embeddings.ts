// transformers.js embeddings for question search: every thread (the text related discussions embed, so one
// cache entry serves both) and every thread's question (for recurring questions). Cached by content hash
// (cache.ts): a rebuild after one new day embeds only that day's threads. Without a model: null, and the build
// says so once.
import type { Archive } from '../model/types.ts';
import { loadConfig } from '../node/config.ts';
import { count, stage } from '../node/progress.ts';
import { numberedThreads } from '../search/ask-build.ts';
import { questionDocs } from '../questions/recurring.ts';
import { embedCached, type EmbedStats } from './cache.ts';
import type { Embedder } from './embedder.ts';
import { relatedDocs, configuredEmbedder } from './related.ts';
import { askEmbeddingsReady, type AskEmbeddings } from './embeddings-ready.ts';
import { processMemo } from '../pipeline/process-memo.ts';

export async function computeAskEmbeddings(archive: Archive, embedder: Embedder, cacheDir: string): Promise<{ embeddings: AskEmbeddings; stats: EmbedStats }> {
  const threads = numberedThreads(archive);
  const textOf = new Map(relatedDocs(archive).threads.map((d) => [d.key, d.text]));
  const threadTexts = threads.map((t) => textOf.get(t.id) ?? null);
  const questions = questionDocs(archive).filter((d) => d.text);
  const texts = [...threadTexts.filter((t): t is string => t !== null), ...questions.map((d) => d.text)];
  const { vectors, stats } = await embedCached(embedder, texts, cacheDir);
  let k = 0;
  const threadVectors = threadTexts.map((t) => (t === null ? null : vectors[k++]!));
  const questionVectors = new Map(questions.map((d) => [d.thread.id, vectors[k++]!] as const));
  return { embeddings: { id: embedder.id, dim: vectors[0]?.length ?? embedder.dim, threads: threadVectors, questions: questionVectors }, stats };
}

const memo = processMemo<Archive, Promise<AskEmbeddings | null>>('ask-embeddings');

/** The configured model's embeddings of this archive (computed once per build), or null when no model is present. */
export function getAskEmbeddings(archive: Archive, log: (line: string) => void = console.warn): Promise<AskEmbeddings | null> {
  let p = memo.get(archive);
  if (!p) {
    const cfg = loadConfig().semantic;
    const t = performance.now();
    p = configuredEmbedder(cfg, log).then(async (embedder) => {
      if (!embedder) {
        stage('embeddings', `off: no model at ${cfg.modelDir}/${cfg.model}; question search uses the archive-trained vectors only`, performance.now() - t);
        askEmbeddingsReady.set(archive, null);
        return null;
      }
      const { embeddings, stats } = await computeAskEmbeddings(archive, embedder, cfg.cacheDir);
      stage('embeddings', `${embeddings.id}: ${count(stats.total)} texts, ${count(stats.embedded)} embedded, ${count(stats.cached)} cached`, performance.now() - t);
      askEmbeddingsReady.set(archive, embeddings);
      return embeddings;
    });
    memo.set(archive, p);
  }
  return p;
}
