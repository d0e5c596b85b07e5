// Maintainers' corrections (content/corrections.yaml), applied after the automatic threading and Q&A, in file
// order, so they survive rebuilds and refits:
//   - move: <message id>        to: <thread>     the message goes to that thread
//   - split: <message id>                        a new thread starts at this message (it and its thread's later messages)
//   - merge: [<thread>, <thread>, ...]           one thread
//   - title: <thread>           text: <title>    title override
//   - answer: <message id>  /  notAnswer: <message id>
// Ids as in DESIGN: message `<group>/<YYYY-MM-DD>/<seq>`; thread `<group>/<YYYY-MM-DD>/t<seq>`, read as "the
// thread that holds message <seq>", so a correction keeps pointing at the same conversation when the automatic
// pass renumbers threads. Pure: parsing, validation (every problem names its line) and application.
import yaml from 'js-yaml';
import type { CorrectionKind, Day, Problem } from '../model/types.ts';

export const CORRECTIONS_FILE = 'corrections.yaml';

export interface Correction {
  kind: CorrectionKind;
  /** Line of the entry in the file (1-based). */
  line: number;
  /** The message (move, split, answer, notAnswer) or thread (title) the entry is about. */
  target: string;
  /** move: the destination thread. */
  to?: string;
  /** merge: the threads. */
  threads?: string[];
  /** title: the new title. */
  text?: string;
}

const KINDS: CorrectionKind[] = ['move', 'split', 'merge', 'title', 'answer', 'notAnswer'];
const MESSAGE_ID = /^([a-z0-9][a-z0-9-]*\/\d{4}-\d{2}-\d{2})\/(\d+)$/;
const THREAD_ID = /^([a-z0-9][a-z0-9-]*\/\d{4}-\d{2}-\d{2})\/t(\d+)$/;

/** A message or thread id as day and seq; a thread id names the thread holding message <seq>. */
export function parseRef(id: string, as: 'message' | 'thread'): { day: string; seq: number } | null {
  const m = (as === 'message' ? MESSAGE_ID : THREAD_ID).exec(id);
  return m && m[1] && m[2] ? { day: m[1], seq: Number(m[2]) } : null;
}

export function parseCorrections(source: string, file = CORRECTIONS_FILE): { corrections: Correction[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const err = (line: number, message: string) => problems.push({ file, line, severity: 'error', message });
  let doc: unknown;
  try {
    doc = yaml.load(source, { schema: yaml.FAILSAFE_SCHEMA });
  } catch (e) {
    const mark = (e as { mark?: { line?: number } }).mark;
    err((mark?.line ?? 0) + 1, `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    return { corrections: [], problems };
  }
  if (doc == null) return { corrections: [], problems };
  if (!Array.isArray(doc)) { err(1, 'expected a list of corrections ("- move: …", "- split: …", …)'); return { corrections: [], problems }; }
  const lines = source.split(/\r?\n/);
  // Each top-level entry starts with "- " in the first column; its line is where errors point.
  const starts = lines.flatMap((l, i) => (/^-(\s|$)/.test(l) ? [i + 1] : []));
  const lineOf = (k: number) => starts[k] ?? 1;
  const corrections: Correction[] = [];
  doc.forEach((entry, k) => {
    const line = lineOf(k);
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) { err(line, 'a correction is a mapping such as "move: <message id>" with "to: <thread id>"'); return; }
    const e = entry as Record<string, unknown>;
    const kinds = KINDS.filter((kind) => kind in e);
    if (kinds.length !== 1) { err(line, `a correction has exactly one of ${KINDS.join(', ')}`); return; }
    const kind = kinds[0] as CorrectionKind;
    const allowed = new Set<string>([kind, ...(kind === 'move' ? ['to'] : kind === 'title' ? ['text'] : [])]);
    for (const key of Object.keys(e)) if (!allowed.has(key)) err(line, `${kind}: unexpected key "${key}"`);
    const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    if (kind === 'merge') {
      const list = Array.isArray(e.merge) ? e.merge.map(str) : [];
      if (list.length < 2 || list.some((x) => !x)) { err(line, 'merge: expected a list of two or more thread ids'); return; }
      corrections.push({ kind, line, target: list[0] as string, threads: list });
      return;
    }
    const target = str(e[kind]);
    if (!target) { err(line, `${kind}: expected an id`); return; }
    if (kind === 'move') {
      const to = str(e.to);
      if (!to) { err(line, 'move: expected "to: <thread id>"'); return; }
      corrections.push({ kind, line, target, to });
    } else if (kind === 'title') {
      const text = str(e.text);
      if (!text) { err(line, 'title: expected "text: <the title>"'); return; }
      corrections.push({ kind, line, target, text });
    } else corrections.push({ kind, line, target });
  });
  return { corrections, problems };
}

/** The line of `id` inside the entry that starts at `line`, so an error points at the id itself. */
function idLine(source: string | undefined, line: number, id: string): number {
  if (!source) return line;
  const lines = source.split(/\r?\n/);
  for (let i = line - 1; i < lines.length; i++) {
    if (i > line - 1 && /^-(\s|$)/.test(lines[i] ?? '')) break;
    if ((lines[i] ?? '').includes(id)) return i + 1;
  }
  return line;
}

/** Errors for ids that name no message of the archive (unknown day, seq out of range, wrong shape). */
export function checkCorrections(corrections: Correction[], messageCount: (day: string) => number | undefined, source?: string, file = CORRECTIONS_FILE): Problem[] {
  const problems: Problem[] = [];
  const check = (c: Correction, id: string, as: 'message' | 'thread') => {
    const ref = parseRef(id, as);
    const line = idLine(source, c.line, id);
    const shape = as === 'message' ? '<group>/<YYYY-MM-DD>/<seq>' : '<group>/<YYYY-MM-DD>/t<seq>';
    if (!ref) { problems.push({ file, line, severity: 'error', message: `${c.kind}: "${id}" is not a ${as} id (${shape})` }); return null; }
    const n = messageCount(ref.day);
    // As with glossary citations, a day missing from the logs checked is a warning: the entry cannot apply, but a
    // folder holding some days only (one group, a test) is not wrong. An id past the end of a day is an error.
    if (n === undefined) problems.push({ file, line, severity: 'warning', message: `${c.kind}: "${id}" names day ${ref.day}, which is not in the logs` });
    else if (ref.seq < 1 || ref.seq > n) problems.push({ file, line, severity: 'error', message: `${c.kind}: unknown ${as} id "${id}": ${ref.day} has ${n} messages` });
    else return ref;
    return null;
  };
  for (const c of corrections) {
    if (c.kind === 'merge') {
      const refs = (c.threads ?? []).map((t) => check(c, t, 'thread'));
      if (refs.every(Boolean) && new Set(refs.map((r) => r?.day)).size > 1) problems.push({ file, line: c.line, severity: 'error', message: 'merge: threads of different days cannot be merged' });
    } else if (c.kind === 'title') check(c, c.target, 'thread');
    else {
      const a = check(c, c.target, 'message');
      if (c.kind === 'move' && c.to) {
        const b = check(c, c.to, 'thread');
        if (a && b && a.day !== b.day) problems.push({ file, line: c.line, severity: 'error', message: 'move: a message can only move to a thread of its own day' });
      }
    }
  }
  return problems;
}

/** Valid corrections by day (those checkCorrections accepts), in file order. */
export function correctionsByDay(corrections: Correction[], days: Map<string, Day>): Map<string, Correction[]> {
  const out = new Map<string, Correction[]>();
  const ok = checkCorrections(corrections, (d) => days.get(d)?.messages.length);
  const bad = new Set(ok.map((p) => p.line));
  for (const c of corrections) {
    if (bad.has(c.line)) continue;
    const day = (c.kind === 'merge' || c.kind === 'title' ? parseRef(c.target, 'thread') : parseRef(c.target, 'message'))?.day;
    if (!day) continue;
    const l = out.get(day);
    if (l) l.push(c); else out.set(day, [c]);
  }
  return out;
}

/**
 * Applies a day's move/split/merge corrections to its threads (seq lists). Returns the new threads, sorted, and
 * per message seq the corrections that touched its thread (so the thread page can say it was corrected).
 */
export function applyStructure(threads: number[][], corrections: Correction[]): { threads: number[][]; marks: Map<number, Set<CorrectionKind>> } {
  let groups = threads.map((t) => [...t]);
  const marks = new Map<number, Set<CorrectionKind>>();
  const mark = (seq: number | undefined, k: CorrectionKind) => { if (seq === undefined) return; const s = marks.get(seq); if (s) s.add(k); else marks.set(seq, new Set([k])); };
  const holding = (seq: number) => groups.findIndex((g) => g.includes(seq));
  const seqOf = (id: string, as: 'message' | 'thread') => parseRef(id, as)?.seq ?? -1;
  for (const c of corrections) {
    if (c.kind === 'move' && c.to) {
      const m = seqOf(c.target, 'message');
      const from = holding(m);
      const to = holding(seqOf(c.to, 'thread'));
      if (from < 0 || to < 0 || from === to) continue;
      const src = groups[from] as number[];
      groups[from] = src.filter((s) => s !== m);
      (groups[to] as number[]).push(m);
      mark(m, 'move');
      mark(groups[from]?.[0], 'move');
    } else if (c.kind === 'split') {
      const m = seqOf(c.target, 'message');
      const g = holding(m);
      if (g < 0) continue;
      const all = groups[g] as number[];
      const later = all.filter((s) => s >= m);
      if (later.length === all.length) continue;
      groups[g] = all.filter((s) => s < m);
      groups.push(later);
      mark(m, 'split');
      mark(groups[g]?.[0], 'split');
    } else if (c.kind === 'merge') {
      const idx = [...new Set((c.threads ?? []).map((t) => holding(seqOf(t, 'thread'))).filter((i) => i >= 0))];
      if (idx.length < 2) continue;
      const merged = idx.flatMap((i) => groups[i] ?? []);
      groups = groups.filter((_, i) => !idx.includes(i));
      groups.push(merged);
      mark(merged[0], 'merge');
    }
    groups = groups.filter((g) => g.length > 0);
  }
  for (const g of groups) g.sort((a, b) => a - b);
  groups.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  return { threads: groups, marks };
}
