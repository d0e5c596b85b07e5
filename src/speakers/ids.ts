// People URLs that do not move when others join. A person's slug is their name plus their company
// (`wood-通联`) whenever a nickname names one, so a second "wood" writing later changes nothing for the
// first; a bare name (`wood`) is the slug only of someone with no company. Where two people still want
// one slug, the one who wrote first (by date and time, not by file order) keeps it and the other gets a
// short hash of their own nickname — never a number that depends on how many came before.
// Every other slug a person could have had (the bare name, name + any company of theirs) that nobody
// holds becomes a redirect to them, so a slug that changes (a merge, a new main nickname) still resolves.
import { boundSlug, slugHash } from '../text/slug.ts';

export interface IdRequest {
  /** The person's canonical nickname key (stable tie-break and hash input). */
  key: string;
  /** Slug of the name part (`wood`), or a fixed id (`anonymous`). */
  base: string;
  /** Slug of the company of the person's main nickname, if any. */
  company: string | null;
  /** Slugs of every company any of their nicknames names. */
  companies: string[];
  /** `YYYY-MM-DD HH:MM:SS` of their first message. */
  first: string;
  /** true for fixed ids (anonymous): always the bare base. */
  fixed?: boolean;
}

export interface SpeakerRedirect {
  from: string;
  to: string;
}

export function chooseSpeakerIds(reqs: IdRequest[]): { ids: string[]; redirects: SpeakerRedirect[] } {
  const order = reqs.map((_, i) => i).sort((a, b) => {
    const x = reqs[a]!;
    const y = reqs[b]!;
    return Number(!!y.fixed) - Number(!!x.fixed) || (x.first < y.first ? -1 : x.first > y.first ? 1 : x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  });
  const used = new Set<string>();
  const ids: string[] = new Array<string>(reqs.length).fill('');
  for (const i of order) {
    const r = reqs[i]!;
    const want = r.fixed || !r.company ? r.base : boundSlug(`${r.base}-${r.company}`);
    let id = want;
    if (used.has(id)) id = boundSlug(`${want}-${slugHash(r.key).slice(0, 6)}`);
    for (let n = 2; used.has(id); n++) id = boundSlug(`${want}-${slugHash(r.key).slice(0, 6)}-${n}`);
    used.add(id);
    ids[i] = id;
  }
  // Redirects: first claimant (earliest writer) wins each slug nobody holds.
  const redirects = new Map<string, string>();
  for (const i of order) {
    const r = reqs[i]!;
    if (r.fixed) continue;
    for (const from of [r.base, ...r.companies.map((c) => boundSlug(`${r.base}-${c}`))]) {
      if (from && !used.has(from) && !redirects.has(from)) redirects.set(from, ids[i]!);
    }
  }
  return { ids, redirects: [...redirects].map(([from, to]) => ({ from, to })) };
}
