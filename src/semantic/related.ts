// Related discussions for threads and glossary terms. PROVISIONAL: no relations yet.
import type { Archive } from '../core/types.ts';

export interface RelatedItem {
  threadId: string;
  score: number;
}

/** threadId or `term:<slug>` -> related threads from other days, best first. Computed once per build. */
export async function getRelated(_archive: Archive): Promise<Map<string, RelatedItem[]>> {
  return new Map();
}
