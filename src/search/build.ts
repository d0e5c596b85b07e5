// Builds the search index files from an Archive. Pure over its input: files go out through `emit`, so the
// Astro integration, the CLI tests and the benchmark all write (or just measure) the same bytes.
import type { Index } from 'flexsearch';
import { newFlexIndex } from './flex.ts';
import type { Archive, Thread } from '../core/types.ts';
import { indexTokens, isUnigram, prepareVocabulary } from './tokenize.ts';
import {
  FORMAT_VERSION, ROLE_ANSWER, ROLE_OTHER, ROLE_QUESTION, TOKEN_SEP, hash,
  type DocChunk, type DocMessage, type Facets, type Manifest,
} from './format.ts';

export type Emit = (path: string, content: string) => void;

export interface BuildOptions {
  /** Target size of a docs chunk in characters of text (whole days are never split). */
  chunkChars?: number;
  /** Messages per token shard (sets the shard count): smaller shards mean less to download per query. */
  messagesPerShard?: number;
  /** Upper bound on postings held in memory at once; shards are built in batches beyond it. */
  maxPostingsInMemory?: number;
}

export interface BuildStats {
  messages: number;
  threads: number;
  shards: number;
  unigramShards: number;
  chunks: number;
  bytes: { manifest: number; idx: number; uni: number; docs: number; facets: number; total: number };
  files: number;
  ms: number;
}

const pow2ceil = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/** The token map of a FlexSearch index, from its export (keys `<n>.reg|map|ctx|cfg`; only `map` matters here). */
function exportMaps(ix: Index): unknown[][] {
  const out: unknown[][] = [];
  ix.export((key: string, data: string) => {
    if (data !== undefined && /\.map$/.test(key)) out.push(JSON.parse(data) as unknown[]);
  });
  return out;
}

export function buildSearchIndex(archive: Archive, emit: Emit, opts: BuildOptions = {}): BuildStats {
  const t0 = performance.now();
  const bytes = { manifest: 0, idx: 0, uni: 0, docs: 0, facets: 0, total: 0 };
  let files = 0;
  const write = (path: string, content: string) => {
    const n = Buffer.byteLength(content);
    const kind = path.split('/')[0].replace(/\.json$/, '') as keyof typeof bytes;
    bytes[kind] += n;
    bytes.total += n;
    files++;
    emit(path, content);
  };

  const vocabulary = prepareVocabulary(archive.terms.flatMap((t) => [t.term, ...t.aliases]));
  const threadOf = new Map<string, Thread>();
  for (const th of archive.threads) for (const id of th.messageIds) threadOf.set(id, th);

  // Docs chunks: whole days, in archive order; message ordinals are global positions in that order.
  const chunkChars = opts.chunkChars ?? 40_000;
  const chunks: number[] = [];
  let ord = 0;
  let cur: DocChunk | null = null;
  let curChars = 0;
  let chunkNo = 0;
  const flush = () => {
    if (cur && cur.m.length) write(`docs/${chunkNo++}.json`, JSON.stringify(cur));
    cur = null;
    curChars = 0;
  };
  for (const day of archive.days) {
    if (!cur || curChars >= chunkChars) {
      flush();
      cur = { days: [], threads: [], m: [] };
      chunks.push(ord);
    }
    const c: DocChunk = cur;
    const dayIdx = c.days.push([day.id, day.group, day.date]) - 1;
    const threadIdx = new Map<string, number>();
    for (const m of day.messages) {
      const th = threadOf.get(m.id);
      let ti = -1;
      if (th) {
        ti = threadIdx.get(th.id) ?? -1;
        if (ti < 0) {
          ti = c.threads.push([th.id, th.title, th.topics, th.seqs]) - 1;
          threadIdx.set(th.id, ti);
        }
      }
      const role = !th ? ROLE_OTHER : th.questionId === m.id ? ROLE_QUESTION : th.answerIds.includes(m.id) ? ROLE_ANSWER : ROLE_OTHER;
      const dm: DocMessage = [dayIdx, m.seq, m.speaker, m.speakerId, ti, role, m.text];
      c.m.push(dm);
      curChars += m.text.length + 30;
      ord++;
    }
  }
  flush();
  const messageCount = ord;

  // Token shards: a token lives in shard hash(token) % n, so a query knows which files to fetch.
  const shards = Math.min(8192, pow2ceil(messageCount / (opts.messagesPerShard ?? 128)));
  const unigramShards = Math.min(2048, pow2ceil(messageCount / ((opts.messagesPerShard ?? 128) * 4)));
  // Each batch re-tokenizes every message but holds only its shards' postings in memory.
  const estPostings = messageCount * 80;
  const batches = Math.max(1, Math.ceil(estPostings / (opts.maxPostingsInMemory ?? 30_000_000)));
  const shardOf = (tok: string) => hash(tok) % (isUnigram(tok) ? unigramShards : shards);
  const families: { dir: 'idx' | 'uni'; n: number; uni: boolean }[] = [
    { dir: 'idx', n: shards, uni: false },
    { dir: 'uni', n: unigramShards, uni: true },
  ];
  for (let b = 0; b < batches; b++) {
    // One FlexSearch index per batch (an `add` per shard per message would cost far more), whose exported
    // token map is then split into the shards by token hash.
    const ix = newFlexIndex();
    let o = 0;
    for (const day of archive.days) {
      for (const m of day.messages) {
        const toks = batches === 1 ? indexTokens(m.text, vocabulary) : indexTokens(m.text, vocabulary).filter((t) => shardOf(t) % batches === b);
        if (toks.length) ix.add(o, toks.join(TOKEN_SEP));
        o++;
      }
    }
    const buckets = new Map<string, unknown[]>();
    for (const entries of exportMaps(ix)) {
      for (const e of entries) {
        const tok = (e as [string])[0];
        const key = `${isUnigram(tok) ? 'uni' : 'idx'}/${shardOf(tok)}`;
        let arr = buckets.get(key);
        if (!arr) buckets.set(key, (arr = []));
        arr.push(e);
      }
    }
    for (const f of families) {
      for (let s = 0; s < f.n; s++) {
        if (batches > 1 && s % batches !== b) continue;
        const entries = buckets.get(`${f.dir}/${s}`);
        // The shape FlexSearch's import expects: { "<n>.map": "[[token, [[ids]]], ...]" }.
        write(`${f.dir}/${s}.json`, JSON.stringify(entries ? { '1.map': JSON.stringify(entries) } : {}));
      }
    }
  }

  const dates = archive.days.map((d) => d.date).sort();
  const manifest: Manifest = {
    version: FORMAT_VERSION,
    messageCount,
    threadCount: archive.threads.length,
    shards,
    unigramShards,
    chunks,
    vocabulary,
    terms: archive.terms.map((t) => ({ slug: t.slug, term: t.term, aliases: t.aliases })),
    groups: archive.groups.map((g) => ({ slug: g.slug, name: g.name })),
    topics: archive.topics.map((t) => ({ slug: t.slug, name: t.name })),
    dates: [dates[0] ?? '', dates[dates.length - 1] ?? ''],
  };
  write('manifest.json', JSON.stringify(manifest));
  const facets: Facets = {
    speakers: [...archive.speakers].sort((a, b) => b.messageCount - a.messageCount || a.id.localeCompare(b.id)).map((s) => [s.id, s.name, s.messageCount]),
  };
  write('facets.json', JSON.stringify(facets));
  return {
    messages: messageCount, threads: archive.threads.length, shards, unigramShards, chunks: chunks.length, bytes, files,
    ms: performance.now() - t0,
  };
}
