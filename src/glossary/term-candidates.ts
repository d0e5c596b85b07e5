// Glue between the archive and term discovery: which texts feed it and what counts as already known.
import { discoverTerms, type Candidate } from './term-discovery.ts';
import { termWords } from './glossary.ts';
import type { Archive } from '../model/types.ts';

/** Candidate terms not yet in the glossary, best first. */
export function glossaryCandidates(archive: Archive, opts: { limit?: number; includeKnown?: boolean } = {}): Candidate[] {
  const inputs = archive.days.flatMap((d) => d.messages.filter((m) => m.duplicateOf === null).map((m) => ({ id: m.id, text: m.plain })));
  // Display names carry company, role and city (老熊-头条-支付PL): their parts are not terms of the chat.
  const names = [...new Set(archive.days.flatMap((d) => d.messages.map((m) => m.speaker)))];
  const known = opts.includeKnown ? [] : archive.terms.flatMap(termWords);
  return discoverTerms(inputs, { known, exclude: names, limit: opts.limit });
}
