// Recurring questions: questions asked on different days that ask the same thing, grouped into entries. A
// question is a thread's question message (Thread.questionId, from the Q&A stage). Two questions are the same
// when the mix of lexical similarity (TF-IDF cosine over their vector terms) and semantic similarity (cosine of
// their archive-trained vectors) reaches SAME_QUESTION; the threshold was measured on hand-judged pairs
// (test/fixtures/question-pairs*.json). When a transformers.js model embedded the questions at build time
// (src/semantic/ask-embeddings.ts), the cosine of their embeddings joins the mix with EMBEDDING_SHARE. Entries are
// connected components of those links, so a question that restates two others joins them.
import type { Archive, Thread } from '../model/types.ts';
import { archiveVectors, lexiconOf } from '../search/ask-build.ts';
import { understand, vectorTerms } from '../search/understand.ts';
import { combine, vectorIdf } from '../semantic/vectors.ts';
import { processMemo } from '../pipeline/process-memo.ts';
import { askEmbeddingsReady, type AskEmbeddings } from '../semantic/embeddings-ready.ts';

/** Weight of the lexical cosine in the similarity (the semantic cosine has the rest). */
export const LEXICAL_SHARE = 0.6;
/**
 * Similarity at or above which two questions ask the same thing. Fitted (src/questions/fit.ts: best recall at
 * precision >= 0.9, which is also the best F1) on 141 hand-judged cross-day pairs scored on the whole archive
 * (test/fixtures/question-pairs-archive.json and question-pairs.json): midway between the most similar pair judged
 * different (0.769) and the next pair judged the same (0.842). Precision 1.000, recall 0.556 there (the former 0.47,
 * set on 8 days, had precision 0.123 on the whole archive). `npx tsx scripts/fit-questions.ts` prints it;
 * test/archive/questions.test.ts keeps it.
 */
export const SAME_QUESTION = 0.8;

/**
 * Share of the model's embedding cosine in the similarity when both questions have an embedding (the mix above has
 * the rest). NOT measured: no model is present on the machine the judged pairs were fitted on, so this is a prior
 * (an equal say for the model), to be fitted with scripts/fit-questions.ts where a model is.
 */
export const EMBEDDING_SHARE = 0.5;

/** Content terms a question needs before it can be the same as another (one shared word is a coincidence). */
const MIN_TERMS = 2;

export interface QuestionDoc {
  thread: Thread;
  text: string;
  date: string;
  answered: boolean;
}

export interface FaqEntry {
  /** Stable: derived from the entry's first thread id (`devarch-2017-12-19-t5`), not from a counter. */
  id: string;
  title: string;
  /** Threads asking it, newest first. */
  threadIds: string[];
  /** Days it was asked on. */
  days: number;
  topics: string[];
  answered: boolean;
}

export interface QuestionSimilarity {
  docs: QuestionDoc[];
  /** Similarity of two questions (indices into docs). */
  sim(a: number, b: number): number;
  /**
   * Every pair (a < b) whose lexical cosine may reach `min` (it is computed from the shared terms' postings, so pairs
   * with no term in common are never visited); a superset, by a small margin, of the pairs that do.
   */
  lexicalPairs(min: number): Iterable<[number, number]>;
}

/** The question of every thread that has one, with its text, in archive order. */
export function questionDocs(archive: Archive): QuestionDoc[] {
  const msg = new Map(archive.days.flatMap((d) => d.messages.map((m) => [m.id, m] as const)));
  const dateOf = new Map(archive.days.map((d) => [d.id, d.date]));
  const out: QuestionDoc[] = [];
  for (const t of archive.threads) {
    const q = t.questionId ? msg.get(t.questionId) : undefined;
    if (!q) continue;
    // Mentions and link targets say who was asked and where, not what (Message.plain has neither).
    const text = q.plain.trim() || q.text.trim();
    out.push({ thread: t, text, date: dateOf.get(t.day) ?? '', answered: t.answerIds.length > 0 });
  }
  return out;
}

/** `embeddings`: the build's model embeddings (default: those computed in this process, if any). */
export function questionSimilarity(archive: Archive, embeddings: AskEmbeddings | null = askEmbeddingsReady.get(archive) ?? null): QuestionSimilarity {
  const docs = questionDocs(archive);
  const emb = embeddings ? docs.map((d) => embeddings.questions.get(d.thread.id) ?? null) : null;
  const { vectors } = archiveVectors(archive);
  const lexicon = lexiconOf(archive);
  // What a question asks: its content terms as query understanding reads them (请教, 大家, 吗 dropped), in the
  // vectors' terms. A question with no content (请教一下问题, 新年快乐) relates to nothing.
  const terms = docs.map((d) => understand(d.text, lexicon).terms.flatMap((t) => vectorTerms(t.text, lexicon)));
  // Lexical: TF-IDF over the questions' terms, idf from the whole archive's messages.
  const idfOf = (t: string) => {
    const r = vectors.index.get(t);
    return vectorIdf(r === undefined ? 1 : vectors.df[r]!, vectors.docs);
  };
  const lex = terms.map((ts) => {
    const tf = new Map<string, number>();
    for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, n] of tf) {
      const w = (1 + Math.log(n)) * idfOf(t);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
  const sem = terms.map((ts) => combine(vectors, ts.map((text) => ({ text, weight: 1 }))));
  const postings = new Map<string, number[]>();
  lex.forEach((v, i) => {
    if (terms[i]!.length < MIN_TERMS) return;
    for (const t of v.keys()) {
      const p = postings.get(t);
      if (p) p.push(i);
      else postings.set(t, [i]);
    }
  });
  return {
    docs,
    *lexicalPairs(min) {
      const acc = new Float64Array(docs.length);
      const touched: number[] = [];
      for (let a = 0; a < docs.length; a++) {
        if (terms[a]!.length < MIN_TERMS) continue;
        for (const [t, w] of lex[a]!) {
          for (const b of postings.get(t)!) {
            if (b <= a) continue;
            if (acc[b] === 0) touched.push(b);
            acc[b]! += w * lex[b]!.get(t)!;
          }
        }
        // The margin covers the other order of summation in sim() and cosines a rounding above 1.
        for (const b of touched.sort((x, y) => x - y)) if (acc[b]! >= min - 1e-6) yield [a, b];
        for (const b of touched) acc[b] = 0;
        touched.length = 0;
      }
    },
    sim(a, b) {
      if (terms[a]!.length < MIN_TERMS || terms[b]!.length < MIN_TERMS) return 0;
      const x = lex[a]!;
      const y = lex[b]!;
      let l = 0;
      for (const [t, w] of x.size < y.size ? x : y) l += w * ((x.size < y.size ? y : x).get(t) ?? 0);
      const va = sem[a];
      const vb = sem[b];
      let s = 0;
      if (va && vb) for (let i = 0; i < va.length; i++) s += va[i]! * vb[i]!;
      const mix = LEXICAL_SHARE * l + (1 - LEXICAL_SHARE) * Math.max(0, s);
      const ea = emb?.[a];
      const eb = emb?.[b];
      if (!ea || !eb) return mix;
      let e = 0;
      for (let i = 0; i < ea.length; i++) e += ea[i]! * eb[i]!;
      return (1 - EMBEDDING_SHARE) * mix + EMBEDDING_SHARE * Math.max(0, e);
    },
  };
}

function* allPairs(n: number): Iterable<[number, number]> {
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) yield [a, b];
}

/** `devarch/2017-12-19/t5` -> `devarch-2017-12-19-t5`: one path segment, stable as the thread id is. */
export const entryId = (threadId: string) => threadId.replace(/[^\p{L}\p{N}-]+/gu, '-');

const memo = processMemo<Archive, { embeddings: AskEmbeddings | null; entries: FaqEntry[] }>('recurring-questions');

/** Every question as an entry; questions of different days that ask the same thing share one. Most asked first. */
export function recurringQuestions(archive: Archive, threshold = SAME_QUESTION, embeddings: AskEmbeddings | null = askEmbeddingsReady.get(archive) ?? null): FaqEntry[] {
  const hit = threshold === SAME_QUESTION ? memo.get(archive) : undefined;
  if (hit && hit.embeddings === embeddings) return hit.entries;
  const { docs, sim, lexicalPairs } = questionSimilarity(archive, embeddings);
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // Only pairs whose lexical cosine can carry the mix to the threshold are scored: the other cosines are at most 1,
  // so a pair needs lexical >= (mix needed - their share) / LEXICAL_SHARE. The components (hence the entries) are
  // those of scoring all pairs; a threshold so low that pairs with no shared term pass scores all pairs.
  const mixNeeded = embeddings ? (threshold - EMBEDDING_SHARE) / (1 - EMBEDDING_SHARE) : threshold;
  const minLexical = (mixNeeded - (1 - LEXICAL_SHARE)) / LEXICAL_SHARE;
  const pairs: Iterable<[number, number]> = minLexical > 0 ? lexicalPairs(minLexical) : allPairs(docs.length);
  for (const [a, b] of pairs) {
    // The same day's repeats are one discussion (threading's job), not a recurring question.
    if (docs[a]!.thread.day === docs[b]!.thread.day) continue;
    if (sim(a, b) >= threshold) parent[find(b)] = find(a);
  }
  const groups = new Map<number, number[]>();
  docs.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  const entries: FaqEntry[] = [...groups.values()].map((ix) => {
    const members = ix.map((i) => docs[i]!);
    // Archive order is group, then date: the first by date (then id) names the entry.
    const first = [...members].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.thread.id < b.thread.id ? -1 : 1))[0]!;
    const newest = [...members].sort((a, b) => (a.date > b.date ? -1 : a.date < b.date ? 1 : a.thread.id < b.thread.id ? -1 : 1));
    const topics = [...new Set(members.flatMap((d) => d.thread.topics))];
    return {
      id: entryId(first.thread.id),
      title: first.thread.title || first.text.slice(0, 60),
      threadIds: newest.map((d) => d.thread.id),
      days: new Set(members.map((d) => d.thread.day)).size,
      topics,
      answered: members.some((d) => d.answered),
    };
  });
  entries.sort((a, b) => b.threadIds.length - a.threadIds.length || (a.id < b.id ? -1 : 1));
  if (threshold === SAME_QUESTION) memo.set(archive, { embeddings, entries });
  return entries;
}

/** The export's `faq`: entries asked on more than one day. */
export function faqExport(archive: Archive): { id: string; title: string; threadIds: string[] }[] {
  return recurringQuestions(archive).filter((e) => e.days > 1).map((e) => ({ id: e.id, title: e.title, threadIds: e.threadIds }));
}
