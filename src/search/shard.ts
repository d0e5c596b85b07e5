// The token shards idx/<n>.json and uni/<n>.json: the one module that writes them (builder) and reads them
// (client). A shard is `{ "<token>": "<postings>" }` for the tokens hashing to it; a token's postings are its ids
// (`ord * POS + offset`, ascending) written as base-36 gaps joined by commas. Gaps between neighbouring messages
// are a few characters and repeat a lot, so the text is about a third of the decimal ids and gzips better still
// (the first-search download budget, issue 11 item 7).

/** One token's postings in a shard: the token and its posting ids (ord * POS + offset), ascending. */
export type ShardEntry = [token: string, ids: number[]];

/** Gaps in base 36; a shard no token hashes to is `{}`. */
export function writeShard(entries: readonly ShardEntry[] | undefined): string {
  // No prototype: a chat token such as `__proto__` is a key like any other.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [token, ids] of entries ?? []) {
    const parts: string[] = new Array(ids.length);
    let last = 0;
    for (let i = 0; i < ids.length; i++) {
      const gap = ids[i]! - last;
      if (gap < 0 || (i > 0 && gap === 0)) throw new Error(`postings of "${token}" are not strictly ascending`);
      parts[i] = gap.toString(36);
      last = ids[i]!;
    }
    out[token] = parts.join(',');
  }
  return JSON.stringify(out);
}

/** A parsed shard: a token's posting ids, decoded on first use. */
export interface Shard {
  ids(token: string): number[];
}

export function readShard(text: string): Shard {
  const raw = JSON.parse(text) as Record<string, string>;
  const cache = new Map<string, number[]>();
  return {
    ids(token: string): number[] {
      let ids = cache.get(token);
      if (ids) return ids;
      const s = Object.hasOwn(raw, token) ? raw[token]! : '';
      ids = [];
      let last = 0;
      if (s) for (const g of s.split(',')) ids.push((last += parseInt(g, 36)));
      cache.set(token, ids);
      return ids;
    },
  };
}
