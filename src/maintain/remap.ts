// Re-maps stored message and thread ids after a day is renumbered (`add --merge`, `add --force`). Pure.
//
// Works on any text file (glossary markdown, corrections YAML) and is conservative: it rewrites only
// what is unmistakably an id of a renumbered day, and only seqs the map knows:
//   message ids    prodarch/2017-12-20/122         thread ids   prodarch/2017-12-20/t122
//   page anchors   /prodarch/2017-12-20/#m122      thread URLs  /prodarch/2017-12-20/t122/
// plus, inside a markdown link whose target was rewritten, a label `#122` naming the same seq
// (`[prodarch #122](/prodarch/2017-12-20/#m122)`). A thread id is the seq of its first message, so it
// follows that message. Anything else (a bare "#122" in prose, other days, unknown seqs) is left alone.

/** day id -> (old seq -> new seq). */
export type SeqMaps = ReadonlyMap<string, ReadonlyMap<number, number>>;

export interface IdChange {
  /** 1-based line of the rewritten id. */
  line: number;
  from: string;
  to: string;
}

export interface Remapped {
  text: string;
  changes: IdChange[];
  /** Ids of a renumbered day whose seq the map does not know (left as they are): the caller decides. */
  unmapped: { line: number; id: string; seq: number }[];
}

// An id starts at a boundary (not inside a longer slug), its seq ends at a non-digit.
const ID = /(?<![A-Za-z0-9_-])([a-z0-9][a-z0-9_-]*\/\d{4}-\d{2}-\d{2})\/(#m|t)?(\d+)(?!\d)/g;
const LINK = /\[([^\]\n]*)\]\(([^)\s]*)\)/g;

export function remapIds(text: string, maps: SeqMaps): Remapped {
  const changes: IdChange[] = [];
  const unmapped: Remapped['unmapped'] = [];
  if (maps.size === 0) return { text, changes, unmapped };
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  /** Rewrites the ids of a span; returns it and the (old, new) seqs rewritten. */
  const rewrite = (span: string, base: number): { out: string; seqs: [number, number][] } => {
    const seqs: [number, number][] = [];
    const out = span.replace(ID, (whole: string, day: string, kind: string | undefined, seq: string, at: number) => {
      const map = maps.get(day);
      const to = map?.get(Number(seq));
      if (map && to === undefined) unmapped.push({ line: lineAt(base + at), id: whole, seq: Number(seq) });
      if (to === undefined || to === Number(seq)) return whole;
      const next = `${day}/${kind ?? ''}${to}`;
      changes.push({ line: lineAt(base + at), from: whole, to: next });
      seqs.push([Number(seq), to]);
      return next;
    });
    return { out, seqs };
  };

  let result = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    const at = m.index ?? 0;
    result += rewrite(text.slice(last, at), last).out;
    const label = m[1] ?? '';
    const target = m[2] ?? '';
    const targetAt = at + 1 + label.length + 2;
    const t = rewrite(target, targetAt);
    let newLabel = label;
    const only = t.seqs.length === 1 ? t.seqs[0] : undefined;
    if (only) {
      const [from, to] = only;
      newLabel = label.replace(new RegExp(`#${from}(?!\\d)`, 'g'), () => {
        changes.push({ line: lineAt(at), from: `#${from}`, to: `#${to}` });
        return `#${to}`;
      });
    }
    if (newLabel === label) newLabel = rewrite(label, at + 1).out;
    result += `[${newLabel}](${t.out})`;
    last = at + m[0].length;
  }
  result += rewrite(text.slice(last), last).out;
  return { text: result, changes: changes.sort((a, b) => a.line - b.line), unmapped: unmapped.sort((a, b) => a.line - b.line) };
}
