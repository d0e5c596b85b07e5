// Builds the search index files from an Archive. Pure over its input: files go out through `emit`, so the
// Astro integration, the CLI tests and the benchmark all write (or just measure) the same bytes.
import type { Archive, Thread } from '../model/types.ts';
import { planPages } from '../site/pagination.ts';
import { indexTokenPositions, isUnigram, prepareVocabulary } from '../text/tokenize.ts';
import { writeShard, type ShardEntry } from './shard.ts';
import { writeHeadShard, headPath, type Head } from './heads.ts';
import { HEAD_MIN_MESSAGES, HEAD_THREADS, computeHeads, glossaryTokens, headCandidates } from './head-build.ts';
import { docSpans, type MirroredSrc } from './doc-segments.ts';
import {
  FORMAT_VERSION, POS, ROLE_ANSWER, ROLE_OTHER, ROLE_QUESTION, encodeThreadCodes, hash, speakerPath,
  type DocChunk, type Facets, type Manifest, type MapBlock, type MapDay,
} from './format.ts';

export type Emit = (path: string, content: string) => void;

export interface BuildOptions {
  /** Messages per docs chunk: showing one result fetches at least one chunk. */
  chunkMessages?: number;
  /** Messages per map block (a multiple of chunkMessages): a query fetches the blocks of the messages it matches. */
  blockMessages?: number;
  /** Messages per token shard (sets the shard count): smaller shards mean less to download per query. */
  messagesPerShard?: number;
  /** Upper bound on postings held in memory at once; shards are built in batches beyond it. */
  maxPostingsInMemory?: number;
  /** Messages a term must be in to get a result head (src/search/heads.ts); Infinity: no heads. */
  headMinMessages?: number;
  /** Threads per head. */
  headThreads?: number;
  /** Called as heads are computed (the build's progress line). */
  headProgress?: (done: number, all: number) => void;
  /** The site path of a mirrored image (the build's image mirror), so results show the copy pages show. */
  mirroredSrc?: MirroredSrc;
}

export interface BuildStats {
  messages: number;
  threads: number;
  shards: number;
  unigramShards: number;
  blocks: number;
  chunks: number;
  bytes: { manifest: number; idx: number; uni: number; map: number; docs: number; head: number; spk: number; topics: number; facets: number; total: number };
  /** Terms given a result head. */
  heads: number;
  files: number;
  ms: number;
}

const pow2ceil = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

export async function buildSearchIndex(archive: Archive, emit: Emit, opts: BuildOptions = {}): Promise<BuildStats> {
  const t0 = performance.now();
  const bytes = { manifest: 0, idx: 0, uni: 0, map: 0, docs: 0, head: 0, spk: 0, topics: 0, facets: 0, total: 0 };
  let files = 0;
  const headMin = opts.headMinMessages ?? HEAD_MIN_MESSAGES;
  // What the heads are computed from (src/search/head-build.ts): the postings of the tokens in headMin messages or
  // more (every token a head candidate needs) and, per message ordinal, where it sits.
  const tokenMessages = new Map<string, number>();
  const headIds = new Map<string, number[]>();
  const total = archive.days.reduce((n, d) => n + d.messages.length, 0);
  const ordDay = new Uint32Array(total);
  const ordTno = new Int32Array(total);
  const ordRole = new Uint8Array(total);
  const write = (path: string, content: string) => {
    const n = Buffer.byteLength(content);
    const kind = path.split('/')[0]!.replace(/\.json$/, '') as keyof typeof bytes;
    bytes[kind] += n;
    bytes.total += n;
    files++;
    emit(path, content);
  };

  const vocabulary = prepareVocabulary(archive.terms.flatMap((t) => [t.term, ...t.aliases]));
  const headTokens = Number.isFinite(headMin) ? glossaryTokens(vocabulary) : new Set<string>();
  const threadOf = new Map<string, Thread>();
  for (const th of archive.threads) for (const id of th.messageIds) threadOf.set(id, th);

  // Map blocks and docs chunks, in archive order; message ordinals are global positions in that order.
  // 4: a shown result with its context touches one or two chunks; 8 sent twice the text for the 20 results of a
  // first search (issue 11 item 7's 50 KiB budget), at the cost of twice the files.
  const chunkMessages = opts.chunkMessages ?? 4;
  const blockMessages = Math.ceil((opts.blockMessages ?? 8192) / chunkMessages) * chunkMessages;
  const blocks: number[] = [];
  const topicThreads = new Map<string, number[]>();
  const speakerOrds = new Map<string, number[]>();
  let block: MapBlock | null = null;
  let chunk: DocChunk | null = null;
  let chunkCount = 0;
  const flushChunk = () => {
    if (chunk) write(`docs/${blocks.length - 1}/${(chunk.first - blocks[blocks.length - 1]!) / chunkMessages}.json`, JSON.stringify(chunk));
    chunk = null;
  };
  const flushBlock = () => {
    flushChunk();
    if (block) write(`map/${blocks.length - 1}.json`, JSON.stringify(block));
    block = null;
  };
  let ord = 0;
  let tno = 0;
  let dayNo = -1;
  for (const day of archive.days) {
    dayNo++;
    const base = tno;
    const tiOf = new Map<string, number>();
    const tis: number[] = [];
    const roles: number[] = [];
    const tnos: number[] = [];
    for (const m of day.messages) {
      const th = threadOf.get(m.id);
      let ti = -1;
      if (th) {
        ti = tiOf.get(th.id) ?? -1;
        if (ti < 0) {
          tiOf.set(th.id, (ti = tiOf.size));
          for (const slug of th.topics) {
            let a = topicThreads.get(slug);
            if (!a) topicThreads.set(slug, (a = []));
            a.push(tno);
          }
          tno++;
        }
      }
      tnos.push(ti < 0 ? -1 : base + ti);
      const role = !th ? ROLE_OTHER : th.questionId === m.id ? ROLE_QUESTION : th.answerIds.includes(m.id) ? ROLE_ANSWER : ROLE_OTHER;
      tis.push(ti);
      roles.push(role);
    }
    const codes = encodeThreadCodes(tis, roles);
    const first = day.messages[0]?.seq ?? 1;
    const entry: MapDay = [day.id, first, base, codes];
    if (day.messages.some((m, i) => m.seq !== first + i)) entry.push(day.messages.map((m) => m.seq));
    let listed = false;
    day.messages.forEach((m, i) => {
      if (ord % blockMessages === 0) {
        flushBlock();
        blocks.push(ord);
        block = { firstOrd: ord - i, days: [] };
        listed = false;
      }
      const b = block!;
      if (!listed) {
        b.days.push(entry);
        listed = true;
      }
      if (ord % chunkMessages === 0) {
        flushChunk();
        chunk = { first: ord, m: [], t: {} };
        chunkCount++;
      }
      const c: DocChunk = chunk!;
      const spans = docSpans(m.segments, m.text, opts.mirroredSrc);
      c.m.push(spans ? [m.speaker, m.speakerId, m.text, spans] : [m.speaker, m.speakerId, m.text]);
      const th = threadOf.get(m.id);
      if (th && tnos[i]! >= 0) c.t[tnos[i]!] ??= [th.title, th.topics];
      ordDay[ord] = dayNo;
      ordTno[ord] = tnos[i]!;
      ordRole[ord] = roles[i]!;
      let so = speakerOrds.get(m.speakerId);
      if (!so) speakerOrds.set(m.speakerId, (so = []));
      so.push(ord);
      ord++;
    });
  }
  flushBlock();
  const messageCount = ord;

  // Token shards: a token lives in shard hash(token) % n, so a query knows which files to fetch.
  const shards = Math.min(8192, pow2ceil(messageCount / (opts.messagesPerShard ?? 128)));
  const unigramShards = Math.min(2048, pow2ceil(messageCount / ((opts.messagesPerShard ?? 128) * 4)));
  // Each batch re-tokenizes every message but holds only its shards' postings in memory.
  const estPostings = messageCount * 50; // ~42 token occurrences per message measured on the synthetic archive
  const batches = Math.max(1, Math.ceil(estPostings / (opts.maxPostingsInMemory ?? 30_000_000)));
  const shardOf = (tok: string) => hash(tok) % (isUnigram(tok) ? unigramShards : shards);
  const families: { dir: 'idx' | 'uni'; n: number }[] = [
    { dir: 'idx', n: shards },
    { dir: 'uni', n: unigramShards },
  ];
  for (let b = 0; b < batches; b++) {
    // An id per (message, token offset), so the postings carry term frequency and position.
    const map = new Map<string, number[]>();
    let o = 0;
    for (const day of archive.days) {
      for (const m of day.messages) {
        for (const [tok, offs] of indexTokenPositions(m.text, vocabulary)) {
          if (batches > 1 && shardOf(tok) % batches !== b) continue;
          let ids = map.get(tok);
          if (!ids) map.set(tok, (ids = []));
          let last = -1;
          for (const off of offs.length > 1 ? [...offs].sort((x, y) => x - y) : offs) {
            const id = o * POS + Math.min(off, POS - 1);
            if (id !== last) ids.push((last = id));
          }
        }
        o++;
      }
    }
    const buckets = new Map<string, ShardEntry[]>();
    for (const [tok, ids] of map) {
      let n = 0;
      let last = -1;
      for (const id of ids) if (Math.floor(id / POS) !== last) { n++; last = Math.floor(id / POS); }
      if (n >= headMin) tokenMessages.set(tok, n);
      if (n >= headMin || headTokens.has(tok)) headIds.set(tok, ids);
      const key = `${isUnigram(tok) ? 'uni' : 'idx'}/${shardOf(tok)}`;
      let arr = buckets.get(key);
      if (!arr) buckets.set(key, (arr = []));
      arr.push([tok, ids]);
    }
    map.clear();
    for (const f of families) {
      for (let s = 0; s < f.n; s++) {
        if (batches > 1 && s % batches !== b) continue;
        const entries = buckets.get(`${f.dir}/${s}`);
        write(`${f.dir}/${s}.json`, writeShard(entries));
      }
    }
  }

  const speakerShards = pow2ceil(speakerOrds.size / 16);
  const spk = new Map<string, Record<string, number[]>>();
  for (const [id, ords] of speakerOrds) {
    const p = speakerPath(id, { speakerShards });
    let rec = spk.get(p);
    if (!rec) spk.set(p, (rec = {}));
    rec[id] = ords;
  }
  for (let s = 0; s < speakerShards; s++) write(`spk/${s}.json`, JSON.stringify(spk.get(`spk/${s}.json`) ?? {}));
  for (const t of archive.topics) write(`topics/${t.slug}.json`, JSON.stringify(topicThreads.get(t.slug) ?? []));

  // Each message's text by ordinal: where head candidates are found and what decides a head's text-only matches.
  const texts = Number.isFinite(headMin) ? archive.days.flatMap((d) => d.messages.map((m) => m.text)) : [];
  const candidates = Number.isFinite(headMin) ? headCandidates(texts, tokenMessages, headMin) : [];
  const headShards = candidates.length ? pow2ceil(candidates.length / 4) : 0;
  const dates = archive.days.map((d) => d.date).sort();
  const manifest: Manifest = {
    version: FORMAT_VERSION,
    messageCount,
    threadCount: tno,
    shards,
    unigramShards,
    speakerShards,
    headShards,
    headThreads: opts.headThreads ?? HEAD_THREADS,
    blocks,
    chunkMessages,
    vocabulary,
    terms: archive.terms.map((t) => ({ slug: t.slug, term: t.term, aliases: t.aliases })),
    groups: archive.groups.map((g) => ({ slug: g.slug, name: g.name })),
    topics: archive.topics.map((t) => ({ slug: t.slug, name: t.name })),
    dates: [dates[0] ?? '', dates[dates.length - 1] ?? ''],
    pages: planPages(archive.days, archive.threads),
  };
  write('manifest.json', JSON.stringify(manifest));
  // A glossary name the archive never uses has no postings: kept as empty, so its heads are not left out.
  for (const t of headTokens) if (!headIds.has(t)) headIds.set(t, []);
  const dayDates = archive.days.map((d) => d.date);
  const heads = candidates.length
    ? computeHeads({
      messageCount, vocabulary, terms: manifest.terms, ids: (t) => headIds.get(t), text: (o) => texts[o]!,
      date: (o) => dayDates[ordDay[o]!]!, tno: (o) => ordTno[o]!, role: (o) => ordRole[o]!,
    }, candidates, manifest.headThreads, opts.headProgress)
    : new Map<string, Head>();
  headIds.clear();
  const headFiles = new Map<string, [string, Head][]>();
  for (const [text, h] of heads) {
    const p = headPath(text, manifest);
    let a = headFiles.get(p);
    if (!a) headFiles.set(p, (a = []));
    a.push([text, h]);
  }
  for (let s = 0; s < headShards; s++) write(`head/${s}.json`, writeHeadShard(headFiles.get(`head/${s}.json`) ?? []));
  const facets: Facets = {
    speakers: [...archive.speakers].sort((a, b) => b.messageCount - a.messageCount || a.id.localeCompare(b.id)).map((s) => [s.id, s.name, s.messageCount]),
  };
  write('facets.json', JSON.stringify(facets));
  return {
    messages: messageCount, threads: tno, shards, unigramShards, blocks: blocks.length, chunks: chunkCount, bytes, files, heads: heads.size,
    ms: performance.now() - t0,
  };
}
