// Builds the question-search files (see ask-format.ts) from an Archive: term vectors trained on the archive's
// own messages, thread vectors, BM25 thread statistics, glossary cards. Pure over its input; files go out
// through `emit`, like build.ts.
import { plainOf } from '../text/reading.ts';
import type { Archive, Term, Thread } from '../model/types.ts';
import { combine, quantize, trainTermVectors, type TermDoc, type TermVectors } from '../semantic/vectors.ts';
import { ASK_VERSION, encodeInt8, tokenShardPath, threadBlockPath, type AskMeta, type TokenEntry } from './ask-format.ts';
import { vectorTerms, type LexiconTerm } from './understand.ts';
import { processMemo } from '../pipeline/process-memo.ts';
import type { AskEmbeddings } from '../semantic/embeddings-ready.ts';
import { writeEmbeddingFiles } from './ask-embed-build.ts';

export type Emit = (path: string, content: string) => void;

/** Threads in the global numbering of the map blocks (build.ts): days in archive order, threads by first message. */
export function numberedThreads(archive: Archive): Thread[] {
  const threadOf = new Map<string, Thread>();
  for (const th of archive.threads) for (const id of th.messageIds) threadOf.set(id, th);
  const out: Thread[] = [];
  const seen = new Set<string>();
  for (const day of archive.days) {
    for (const m of day.messages) {
      const th = threadOf.get(m.id);
      if (th && !seen.has(th.id)) {
        seen.add(th.id);
        out.push(th);
      }
    }
  }
  return out;
}

export const lexiconOf = (archive: Archive): LexiconTerm[] =>
  archive.terms.map((t) => ({ slug: t.slug, term: t.term, aliases: t.aliases, related: t.related }));

export interface ArchiveVectors {
  vectors: TermVectors;
  /** Per numbered thread: its vector (null when none of its terms has a vector). */
  threadVectors: (Float32Array | null)[];
  threads: Thread[];
  /** Per numbered thread: the question's (or first message's) content terms. */
  headings: string[][];
}

const memo = processMemo<Archive, ArchiveVectors>('archive-vectors');
const pending = processMemo<Archive, Promise<ArchiveVectors>>('archive-vectors-pending');

/** The vectors' training input read from the archive, and what turns trained vectors into thread vectors. */
interface VectorInput {
  docs: TermDoc[];
  perThread: Map<string, number>[];
  threads: Thread[];
  headings: string[][];
}

export const VECTOR_OPTIONS = { dim: 48, minCount: 2 } as const;

function vectorInput(archive: Archive): VectorInput {
  const lexicon = lexiconOf(archive);
  const threads = numberedThreads(archive);
  const tnoOf = new Map(threads.flatMap((t, i) => t.messageIds.map((id) => [id, i] as const)));
  const docs: TermDoc[] = [];
  const perThread: Map<string, number>[] = threads.map(() => new Map());
  const headings: string[][] = threads.map(() => []);
  for (const day of archive.days) {
    for (const m of day.messages) {
      const terms = vectorTerms(plainOf(m.segments, { mentions: true }), lexicon);
      const tno = tnoOf.get(m.id) ?? -1;
      docs.push({ terms, thread: tno });
      if (tno < 0) continue;
      const th = threads[tno]!;
      const heading = th.questionId ? th.questionId === m.id : th.messageIds[0] === m.id;
      if (heading) headings[tno] = terms;
      const tf = perThread[tno]!;
      // The question counts twice: it says what the thread is about.
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + (heading ? 2 : 1));
    }
  }
  return { docs, perThread, threads, headings };
}

function withThreadVectors(input: VectorInput, vectors: TermVectors): ArchiveVectors {
  const threadVectors = input.perThread.map((tf) => combine(vectors, [...tf].map(([text, n]) => ({ text, weight: 1 + Math.log(n) }))));
  return { vectors, threadVectors, threads: input.threads, headings: input.headings };
}

/** The archive's term and thread vectors, trained once per archive object (pages and the index share them). */
export function archiveVectors(archive: Archive): ArchiveVectors {
  const hit = memo.get(archive);
  if (hit) return hit;
  const input = vectorInput(archive);
  const out = withThreadVectors(input, trainTermVectors(input.docs, VECTOR_OPTIONS));
  memo.set(archive, out);
  return out;
}

/**
 * The same vectors, trained by `train` (the build passes one that runs on a worker thread: src/node/vectors-thread.ts)
 * while the caller goes on; started once per archive, and once resolved `archiveVectors` returns them without work.
 */
export function archiveVectorsAsync(archive: Archive, train: (docs: TermDoc[], opts: typeof VECTOR_OPTIONS) => Promise<TermVectors>): Promise<ArchiveVectors> {
  const hit = memo.get(archive);
  if (hit) return Promise.resolve(hit);
  let p = pending.get(archive);
  if (!p) {
    const input = vectorInput(archive);
    p = train(input.docs, VECTOR_OPTIONS).then((vectors) => {
      const out = memo.get(archive) ?? withThreadVectors(input, vectors);
      memo.set(archive, out);
      return out;
    });
    pending.set(archive, p);
  }
  return p;
}

/** The definition's first sentence, without markdown: what the glossary card shows. */
export function cardText(t: Term, max = 90): string {
  const text = t.body
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#*_`>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = text.search(/[。！？]/);
  const s = cut >= 0 ? text.slice(0, cut + 1) : text;
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

const pow2ceil = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

export interface AskStats {
  terms: number;
  dim: number;
  threads: number;
  bytes: number;
  ms: number;
  /** The model whose embeddings joined, or null. */
  model: string | null;
}

export const THREAD_BLOCK = 8;
/** Terms per token shard: a query fetches one shard per term, so shards stay small. */
const TERMS_PER_SHARD = 24;

/** `embeddings`: the build's transformers.js embeddings (src/semantic/ask-embeddings.ts), or null without a model. */
export function buildAskIndex(archive: Archive, emit: Emit, embeddings: AskEmbeddings | null = null): AskStats {
  const t0 = performance.now();
  let bytes = 0;
  const write = (p: string, c: string) => {
    bytes += Buffer.byteLength(c);
    emit(p, c);
  };
  const { vectors, threadVectors, threads } = archiveVectors(archive);
  const tokenShards = pow2ceil(vectors.terms.length / TERMS_PER_SHARD);
  const meta: AskMeta = {
    version: ASK_VERSION,
    dim: vectors.dim,
    tokenShards,
    threadBlock: THREAD_BLOCK,
    threads: threads.length,
    avgLength: threads.reduce((n, t) => n + t.messageIds.length, 0) / Math.max(1, threads.length),
    docs: vectors.docs,
    related: Object.fromEntries(archive.terms.filter((t) => t.related.length).map((t) => [t.slug, t.related])),
    cards: Object.fromEntries(archive.terms.map((t) => [t.slug, cardText(t)])),
    model: null,
  };
  const shards = new Map<string, Record<string, TokenEntry>>();
  vectors.terms.forEach((term, r) => {
    const p = tokenShardPath(term, meta);
    let s = shards.get(p);
    if (!s) shards.set(p, (s = {}));
    s[term] = [encodeInt8(quantize(vectors.data.subarray(r * vectors.dim, (r + 1) * vectors.dim))), vectors.df[r]!];
  });
  for (let s = 0; s < tokenShards; s++) write(`ask/tok/${s}.json`, JSON.stringify(shards.get(`ask/tok/${s}.json`) ?? {}));
  for (let b = 0; b * THREAD_BLOCK < threads.length; b++) {
    const block = threadVectors.slice(b * THREAD_BLOCK, (b + 1) * THREAD_BLOCK).map((v) => (v ? encodeInt8(quantize(v)) : ''));
    write(threadBlockPath(b * THREAD_BLOCK, meta), JSON.stringify(block));
  }
  if (embeddings) {
    meta.model = embeddings.id;
    meta.embedding = writeEmbeddingFiles(archive, threads, embeddings, write);
  }
  write('ask/meta.json', JSON.stringify(meta));
  return { terms: vectors.terms.length, dim: vectors.dim, threads: threads.length, bytes, ms: performance.now() - t0, model: meta.model };
}
