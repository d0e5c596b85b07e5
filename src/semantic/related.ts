// Related discussions for threads and glossary terms: threads from OTHER days that talk about the same thing.
// Sentence embeddings when a model is configured and present; otherwise TF-IDF cosine over the search tokens.
// Computed once per build process (Astro renders many pages that all ask for it).
import type { Archive } from '../model/types.ts';
import { termWords } from '../glossary/glossary.ts';
import { loadConfig, type SemanticConfig } from '../node/config.ts';
import { count, stage } from '../node/progress.ts';
import { embedCached, type EmbedStats } from './cache.ts';
import { loadEmbedder, ModelUnavailable, type Embedder } from './embedder.ts';
import { denseCosine, sparseCosine, tfidfVectors } from './tfidf.ts';

export interface RelatedItem {
  threadId: string;
  score: number;
}

export type RelatedMethod = 'embeddings' | 'tfidf';

export interface RelatedResult {
  method: RelatedMethod;
  /** threadId or `term:<slug>` -> related threads, best first. */
  related: Map<string, RelatedItem[]>;
  stats: EmbedStats | null;
}

export interface RelatedOptions {
  /** null: use the lexical fallback. */
  embedder: Embedder | null;
  cacheDir?: string;
  limit?: number;
}

interface Doc {
  key: string;
  /** Day id of a thread; null for a glossary term (any day is "another day"). */
  day: string | null;
  text: string;
}

const MAX_CHARS = 1500; // the model truncates at 512 tokens anyway; shorter input is faster
const MIN_CHARS = 12; // below this a thread is greetings or images: nothing to relate
const MIN_TFIDF = 0.08;

/** The text that stands for each thread and each glossary term. */
export function relatedDocs(archive: Archive): { threads: Doc[]; terms: Doc[] } {
  const dayById = new Map(archive.days.map((d) => [d.id, d]));
  const threads: Doc[] = [];
  for (const t of archive.threads) {
    const day = dayById.get(t.day);
    if (!day) continue;
    const body = t.seqs
      .map((s) => day.messages[s - 1])
      .filter((m) => m && m.duplicateOf === null && (m.kind === 'text' || m.kind === 'link'))
      .map((m) => m!.plain.trim())
      .filter(Boolean)
      .join('\n');
    if (body.replace(/[\s\p{P}\p{S}]/gu, '').length < MIN_CHARS) continue;
    threads.push({ key: t.id, day: t.day, text: body.slice(0, MAX_CHARS) });
  }
  const terms: Doc[] = archive.terms.map((t) => ({
    key: `term:${t.slug}`,
    day: null,
    // The definition without link targets: its words are what a related discussion would share.
    text: `${termWords(t).join('，')}\n${t.body.replace(/\]\([^)]*\)/g, ']').replace(/[#*_`>[\]]/g, '')}`.slice(0, MAX_CHARS),
  }));
  return { threads, terms };
}

function rank(docs: Doc[], threads: Doc[], sim: (a: number, b: number) => number, offset: number, limit: number, min: number): Map<string, RelatedItem[]> {
  const out = new Map<string, RelatedItem[]>();
  docs.forEach((d, i) => {
    const items: RelatedItem[] = [];
    threads.forEach((t, j) => {
      if (t.key === d.key || (d.day !== null && t.day === d.day)) return;
      const score = sim(i, j + offset);
      if (score > min) items.push({ threadId: t.key, score: Math.round(score * 1e4) / 1e4 });
    });
    items.sort((a, b) => b.score - a.score || a.threadId.localeCompare(b.threadId));
    if (items.length) out.set(d.key, items.slice(0, limit));
  });
  return out;
}

export async function computeRelated(archive: Archive, opts: RelatedOptions): Promise<RelatedResult> {
  const limit = opts.limit ?? 5;
  const { threads, terms } = relatedDocs(archive);
  const all = [...threads, ...terms]; // threads first: index j of a thread is j in `all`
  if (opts.embedder) {
    const cacheDir = opts.cacheDir ?? loadConfig().semantic.cacheDir;
    const { vectors, stats } = await embedCached(opts.embedder, all.map((d) => d.text), cacheDir);
    const sim = (a: number, b: number) => denseCosine(vectors[a]!, vectors[b]!);
    const related = rank(all, threads, sim, 0, limit, -1);
    return { method: 'embeddings', related, stats };
  }
  const vocab = archive.terms.flatMap(termWords);
  const vectors = tfidfVectors(all.map((d) => d.text), vocab);
  const sim = (a: number, b: number) => sparseCosine(vectors[a]!, vectors[b]!);
  return { method: 'tfidf', related: rank(all, threads, sim, 0, limit, MIN_TFIDF), stats: null };
}

let warned = false;

/** Loads the configured embedder, or says once (per process) why related discussions fall back to TF-IDF. */
export async function configuredEmbedder(cfg: SemanticConfig = loadConfig().semantic, log: (line: string) => void = console.warn): Promise<Embedder | null> {
  try {
    return await loadEmbedder(cfg);
  } catch (e) {
    if (!(e instanceof ModelUnavailable)) throw e;
    if (!warned) {
      warned = true;
      log(
        `[semantic] ${e.message}; related discussions use lexical similarity (TF-IDF). To use embeddings, put the model in ` +
          `<modelDir>/<model> or set "semantic": { "model", "modelDir" } in archive.config.json (env CKA_MODEL, CKA_MODEL_DIR; CKA_ALLOW_REMOTE_MODELS=1 to download).`,
      );
    }
    return null;
  }
}

const memo = new WeakMap<Archive, Promise<RelatedResult>>();

/** threadId or `term:<slug>` -> related threads from other days, best first. Computed once per build. */
export async function getRelated(archive: Archive): Promise<Map<string, RelatedItem[]>> {
  return (await getRelatedResult(archive)).related;
}

export function getRelatedResult(archive: Archive): Promise<RelatedResult> {
  let p = memo.get(archive);
  if (!p) {
    const cfg = loadConfig().semantic;
    const t = performance.now();
    p = configuredEmbedder(cfg)
      .then((embedder) => computeRelated(archive, { embedder, cacheDir: cfg.cacheDir }))
      .then((r) => (stage('related', `${count(r.related.size)} threads and terms (${r.method})`, performance.now() - t), r));
    memo.set(archive, p);
  }
  return p;
}
