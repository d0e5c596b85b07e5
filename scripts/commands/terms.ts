// terms [--limit N] [--json]: candidate glossary terms found in the chat but not yet in content/glossary/,
// ranked by an unsupervised measure (frequency, cohesion, boundary entropy), with an example message.
import { loadArchive } from '../../src/node/load.ts';
import { glossaryCandidates } from '../../src/glossary/term-candidates.ts';
import { indexArchive } from '../../src/pipeline/archive.ts';

export const summary = 'terms [--limit N] [--json]     candidate glossary terms not yet in content/glossary/';

const USAGE = 'usage: npm run cli -- terms [--limit N] [--json]';

/** The example cut around the term's first occurrence, so the maintainer sees it in use. */
function around(text: string, term: string): string {
  const i = Math.max(0, text.toLowerCase().indexOf(term));
  const from = Math.max(0, i - 20);
  return (from > 0 ? '…' : '') + text.slice(from, i + term.length + 40);
}

export async function run(args: string[]): Promise<number> {
  let limit = 30;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--limit' && i + 1 < args.length) {
      limit = Number(args[++i]);
      if (!Number.isInteger(limit) || limit <= 0) { console.error(`error: --limit wants a positive integer\n${USAGE}`); return 2; }
    } else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else { console.error(`error: unexpected argument "${a}"\n${USAGE}`); return 2; }
  }
  const archive = loadArchive();
  const idx = indexArchive(archive);
  const rows = glossaryCandidates(archive, { limit }).map((c) => {
    const m = idx.message.get(c.exampleId);
    return { term: c.term, score: c.score, frequency: c.frequency, messages: c.messages, cohesion: c.cohesion, leftEntropy: c.leftEntropy, rightEntropy: c.rightEntropy, example: { messageId: c.exampleId, text: around((m?.text ?? '').replace(/\s+/g, ' '), c.term) } };
  });
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  console.log(`${rows.length} candidate terms not in content/glossary/ (score = log2(1+freq) × cohesion × min(left, right entropy) × √length)\n`);
  rows.forEach((r, i) => {
    console.log(`${String(i + 1).padStart(3)}. ${r.term}  score ${r.score.toFixed(1)}  freq ${r.frequency}  e.g. ${r.example.messageId}: ${r.example.text.slice(0, 48)}`);
  });
  console.log('\nadd one: create content/glossary/<slug>.md with front matter term, aliases, topics, related, sources (message ids) and a short definition.');
  return 0;
}
