// The exporter sometimes wrote one message twice in a row: same second (or the next), same or nearly
// the same text, once under the exporter's own name `我` or another display name of the same person
// (devarch 2017-12-19 throughout). We mark the copy with `duplicateOf` and never drop it.
import type { Message } from '../model/types.ts';

/** How far back (in messages) and in time (seconds) a copy can be from its original. */
const LOOKBACK = 4;
const MAX_SECONDS = 2;

/** What the reader sees, without the whitespace and `?` the exporter varies between copies. */
function key(m: Pick<Message, 'text' | 'images' | 'links'>): string {
  return m.text.replace(/[\s?\u2005]+/g, '') + '\u0000' + m.images.map((i) => i.url).join(' ');
}

function bigrams(s: string): Map<string, number> {
  const g = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const b = s.slice(i, i + 2);
    g.set(b, (g.get(b) ?? 0) + 1);
  }
  return g;
}

/** Dice similarity over character bigrams (bounded input, so cheap). */
function similar(a: string, b: string): boolean {
  if (a.length < 12 || b.length < 12) return false;
  const short = Math.min(a.length, b.length);
  const long = Math.max(a.length, b.length);
  if (short / long < 0.8) return false;
  // "问题2: 还有个问题…" copies "还有个问题…": one contains the other.
  if (a.includes(b) || b.includes(a)) return true;
  const A = bigrams(a.slice(0, 400));
  const B = bigrams(b.slice(0, 400));
  let common = 0;
  let total = 0;
  for (const [k, n] of A) { total += n; common += Math.min(n, B.get(k) ?? 0); }
  for (const n of B.values()) total += n;
  return (2 * common) / total >= 0.9;
}

/** Sets `duplicateOf` on copies (in place) and returns the messages. Linear in the day's length. */
export function markDuplicates<M extends Pick<Message, 'seq' | 'seconds' | 'text' | 'images' | 'links' | 'kind' | 'duplicateOf'>>(messages: M[]): M[] {
  const keys = messages.map(key);
  for (let i = 1; i < messages.length; i++) {
    const m = messages[i];
    if (m!.kind === 'empty') continue;
    const t = m!.seconds;
    for (let j = Math.max(0, i - LOOKBACK); j < i; j++) {
      const o = messages[j];
      if (o!.kind === 'empty' || o!.duplicateOf !== null) continue;
      const dt = t - o!.seconds;
      if (dt < 0 || dt > MAX_SECONDS) continue;
      // Short replies ([强], 哈哈) are often genuinely repeated by others: only an adjacent copy in
      // the same second counts.
      if (keys[i]!.length < 6 && (dt !== 0 || j !== i - 1)) continue;
      if (keys[i] === keys[j] || similar(keys[i]!, keys[j]!)) {
        m!.duplicateOf = o!.seq;
        break;
      }
    }
  }
  return messages;
}
