// search --site <dist dir> [--limit N] <query>: ranked JSON results [{ threadId, messageId, score, snippet }],
// read from the very index files the browser fetches (<site>/search/), through the same client code.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SearchClient, snippet, type Filters } from '../../src/search/client.ts';
import { askSearch, type AskOptions } from '../../src/search/ask.ts';
import type { AskMeta } from '../../src/search/ask-format.ts';
import { loadConfig } from '../../src/node/config.ts';
import { loadEmbedder, ModelUnavailable } from '../../src/semantic/embedder.ts';

export const summary = 'search --site <dist dir> [--limit N] [--explain] <query>  search the built site\'s index: terms or a question (JSON)';

const USAGE = 'usage: search --site <dist dir> [--limit N] [--messages] [--explain] [--group G] [--topic T] [--speaker ID] [--from DATE] [--to DATE] <query>';

/** A fetcher over a built site's search folder: what `fetch('/search/<path>')` returns in the browser. */
export function siteFetcher(site: string) {
  const root = join(resolve(site), 'search');
  return async (path: string) => readFileSync(join(root, path), 'utf8');
}

/**
 * The query embedder when the index carries a model's thread embeddings and that model is configured here; else
 * undefined (the neighbour lists in the index still apply), with a line on stderr saying why.
 */
async function queryEmbedder(client: SearchClient): Promise<AskOptions['embedQuery']> {
  const meta = await client.fileJson<AskMeta>('ask/meta.json').catch(() => null);
  if (!meta?.model) return undefined;
  try {
    const embedder = await loadEmbedder(loadConfig().semantic);
    if (embedder.id !== meta.model) {
      console.error(`note: the index was built with ${meta.model}, the configured model is ${embedder.id}; the query is not embedded`);
      return undefined;
    }
    return async (q) => (await embedder.embed([q]))[0] ?? null;
  } catch (e) {
    if (!(e instanceof ModelUnavailable)) throw e;
    console.error(`note: ${e.message}; the query is not embedded (the index's embedding neighbours still rank)`);
    return undefined;
  }
}

export async function run(args: string[]): Promise<number> {
  let site: string | undefined;
  let limit = 20;
  let messagesMode = false;
  let explain = false;
  const filters: Filters = {};
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--site') site = value();
    else if (a === '--limit') {
      limit = Number(value());
      if (!Number.isInteger(limit) || limit < 1) { console.error(`error: --limit must be a positive integer\n${USAGE}`); return 2; }
    } else if (a === '--messages') messagesMode = true;
    else if (a === '--explain') explain = true;
    else if (a === '--group') filters.group = value();
    else if (a === '--topic') filters.topic = value();
    else if (a === '--speaker') filters.speaker = value();
    else if (a === '--from') filters.from = value();
    else if (a === '--to') filters.to = value();
    else if (a!.startsWith('--')) { console.error(`error: unknown option "${a}"\n${USAGE}`); return 2; }
    else words.push(a!);
  }
  const query = words.join(' ').trim();
  if (!site || !query) { console.error(`error: ${!site ? '--site is required' : 'a query is required'}\n${USAGE}`); return 2; }
  if (!existsSync(join(resolve(site), 'search', 'manifest.json'))) {
    console.error(`error: ${join(site, 'search', 'manifest.json')} not found; build the site first (npm run build)`);
    return 1;
  }
  // --messages lists every match and --explain what the postings gave: both need the full answer, not a result head.
  const client = new SearchClient(siteFetcher(site), { heads: !messagesMode && !explain });
  const r = await askSearch(client, query, { filters, limit, embedQuery: await queryEmbedder(client) });
  // Every match's text for --messages (the page, like the default output, loads the text of what it shows only).
  if (messagesMode) await client.hydrate(r.messages, r.terms);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const out = messagesMode
    // Every matching message, ranked (--limit does not apply): what exactness is measured on.
    ? r.messages.map((h) => ({ threadId: h.threadId, messageId: h.id, score: round(h.score), snippet: snippet(h.text, h.ranges) }))
    : r.threads.map((t) => ({ threadId: t.threadId, messageId: t.best.id, score: round(t.score), snippet: snippet(t.best.text, t.best.ranges) }));
  // --explain: how the query was read and what ranked the results, around the same results.
  const body = explain
    ? {
      query, mode: r.mode, dropped: r.explain.dropped, terms: r.explain.terms, expansions: r.explain.expansions,
      signals: Object.fromEntries(Object.entries(r.explain.signals).map(([k, v]) => [k, round(v)])), semantic: r.explain.semantic,
      ...(r.explain.embedding ? { embedding: r.explain.embedding } : {}),
      glossary: r.cards.map((c) => c.slug), closest: r.closest.map((c) => c.threadId), results: out,
    }
    : out;
  process.stdout.write(JSON.stringify(body, null, 1) + '\n');
  return 0;
}
