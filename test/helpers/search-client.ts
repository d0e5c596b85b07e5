// A search client over index files held in memory (as the build emitted them), recording what it fetches: the
// tests of what a search downloads and ranks read the very files the browser would.
import { SearchClient } from '../../src/search/client.ts';

export function recordingClient(files: ReadonlyMap<string, string>): { c: SearchClient; fetched: string[] } {
  const fetched: string[] = [];
  const c = new SearchClient(async (p) => {
    fetched.push(p);
    const f = files.get(p);
    if (f === undefined) throw new Error(`missing ${p}`);
    return f;
  });
  return { c, fetched };
}
