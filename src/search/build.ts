// Builds the search index files from an Archive. Pure over its input: files go out through `emit`, so the
// Astro integration, the CLI tests and the benchmark all write (or just measure) the same bytes.
import type { Archive, Thread } from '../model/types.ts';
import { planPages } from '../site/pagination.ts';
import { indexTokenPositions, isUnigram, prepareVocabulary } from '../text/tokenize.ts';
import { writeShard, type ShardEntry } from './shard.ts';
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
  bytes: { manifest: number; idx: number; uni: number; map: number; docs: number; spk: number; topics: number; facets: number; total: number };
  files: number;
  ms: number;
}

const pow2ceil = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

export function buildSearchIndex(archive: Archive, emit: Emit, opts: BuildOptions = {}): BuildStats {
  const t0 = performance.now();
  const bytes = { manifest: 0, idx: 0, uni: 0, map: 0, docs: 0, spk: 0, topics: 0, facets: 0, total: 0 };
  let files = 0;
  const write = (path: string, content: string) => {
    const n = Buffer.byteLength(content);
    const kind = path.split('/')[0]!.replace(/\.json$/, '') as keyof typeof bytes;
    bytes[kind] += n;
    bytes.total += n;
    files++;
    emit(path, content);
  };

  const vocabulary = prepareVocabulary(archive.terms.flatMap((t) => [t.term, ...t.aliases]));
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
  for (const day of archive.days) {
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

  const dates = archive.days.map((d) => d.date).sort();
  const manifest: Manifest = {
    version: FORMAT_VERSION,
    messageCount,
    threadCount: tno,
    shards,
    unigramShards,
    speakerShards,
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
  const facets: Facets = {
    speakers: [...archive.speakers].sort((a, b) => b.messageCount - a.messageCount || a.id.localeCompare(b.id)).map((s) => [s.id, s.name, s.messageCount]),
  };
  write('facets.json', JSON.stringify(facets));
  return {
    messages: messageCount, threads: tno, shards, unigramShards, blocks: blocks.length, chunks: chunkCount, bytes, files,
    ms: performance.now() - t0,
  };
}
