// Headers typed inside a message. By the format, a line `> 12:00:01  name` IS a message header, wherever it
// stands, so the parser keeps reading it as one (nothing is merged or lost). But the exporter lays every
// header out the same way: a whitespace-only separator line before it (or the front matter / start of the
// log for the first one) and one after it. In the real archive (719 days, 123,706 headers) there is no
// exception, while message bodies never contain a whitespace-only line. A header that breaks that layout is
// therefore most likely text a member typed (or pasted) inside the previous message: we flag it, we do not
// re-interpret it. A forged header that is a message's only line, set apart by separators, cannot be told
// from a real one (see the README).

export type LayoutBreak = 'no-separator-before' | 'no-separator-after';

/** The flag a message gets when its header breaks the exporter's layout. */
export const POSSIBLY_QUOTED_HEADER = 'possibly-quoted-header';

const blank = (l: string | undefined) => l === undefined || l.trim() === '';

/**
 * The headers among `headers` (0-based indices into `lines`, ascending) that break the exporter's layout,
 * with how. The first header may follow anything (front matter, or preamble reported elsewhere). A header
 * right after another header is a message without a body (`no-body`), not a sign of forgery: the exporter
 * writes a separator after every real header, so a typed header can never sit directly below one.
 */
export function headerLayoutBreaks(lines: readonly string[], headers: readonly number[]): Map<number, LayoutBreak> {
  const out = new Map<number, LayoutBreak>();
  for (let k = 0; k < headers.length; k++) {
    const i = headers[k]!;
    if (k > 0 && !blank(lines[i - 1]) && headers[k - 1] !== i - 1) out.set(i, 'no-separator-before');
    else if (!blank(lines[i + 1]) && headers[k + 1] !== i + 1) out.set(i, 'no-separator-after');
  }
  return out;
}
