// The token shards idx/<n>.json and uni/<n>.json: the one module that writes them (builder) and reads them
// (client), and the FlexSearch index both configure. Our tokens arrive pre-cut by src/text/tokenize.ts,
// joined by TOKEN_SEP, so FlexSearch never cuts text itself: one tokenizer.
import { Index } from 'flexsearch';
import { TOKEN_SEP } from './format.ts';

export function newFlexIndex(): Index {
  // The typings cannot express a custom `encode` without an encoder preset, hence the cast.
  return new Index({
    tokenize: 'strict',
    encode: (s: string) => s.split(TOKEN_SEP),
    // We rank ourselves (tf, position, recency) after an exact check, so one resolution slot is enough.
    resolution: 1,
    fastupdate: false,
  } as ConstructorParameters<typeof Index>[0]) as Index;
}

/** One token's postings in a shard: the token and its posting ids (ord * POS + offset), in one slot. */
export type ShardEntry = [token: string, slots: number[][]];

/**
 * A shard file: FlexSearch's export shape at resolution 1, `{ "1.map": "[[token, [[ids]]], ...]" }`, written
 * by hand so the builder needs no index in memory; {} for a shard no token hashes to.
 */
export function writeShard(entries: readonly ShardEntry[] | undefined): string {
  return JSON.stringify(entries ? { '1.map': JSON.stringify(entries) } : {});
}

/** Reads a shard file written by writeShard into a FlexSearch index. */
export function readShard(text: string): Index {
  const ix = newFlexIndex();
  const parts = JSON.parse(text) as Record<string, string>;
  for (const [key, value] of Object.entries(parts)) ix.import(key, value);
  return ix;
}
