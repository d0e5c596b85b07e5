// The tooltip of each glossary term link (the glossary card's first sentence), computed once per term list.
// Segments.astro draws every message of every page and used to recompute all of them per message: on the whole
// archive that was two thirds of the CPU time spent rendering components.
import type { Term } from '../model/types.ts';
import { cardText } from '../search/ask-build.ts';

/** Characters of a tooltip (a card shows 90). */
export const TIP_CHARS = 80;

const memo = new WeakMap<readonly Term[], ReadonlyMap<string, string>>();

/** Tooltip text by term slug. Keyed by the list itself: pages pass the archive's one `terms` array. */
export function termTips(terms: readonly Term[]): ReadonlyMap<string, string> {
  let m = memo.get(terms);
  if (!m) memo.set(terms, (m = new Map(terms.map((t) => [t.slug, cardText(t, TIP_CHARS)]))));
  return m;
}
