// Checks across the day logs of one folder: two files that are one day (an error: one would replace the
// other on the site), a log in a sub-folder, byte-identical days, group folders missing from
// groups.yaml. Pure: files and their parsed days in, located problems out.
import type { Day, Problem } from '../../model/types.ts';

export interface LogEntry {
  /** Path relative to the logs root, forward slashes. */
  file: string;
  source: string;
  day: Day;
  /** 0-based index of the first line after the front matter. */
  bodyStart: number;
}

/** FNV-1a over the text: a cheap first key; equality is then confirmed on the text itself. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The ids a file could stand for: the parser's, and for a file in a sub-folder of a group, the group's. */
function claimedIds(e: LogEntry): string[] {
  const parts = e.file.split('/');
  const ids = [e.day.id];
  if (parts.length > 2) ids.push(`${parts[0]}/${e.day.date}`);
  return [...new Set(ids)];
}

export function duplicateDays(entries: readonly LogEntry[]): Problem[] {
  const owner = new Map<string, LogEntry>();
  const out: Problem[] = [];
  for (const e of entries) {
    for (const id of claimedIds(e)) {
      const first = owner.get(id);
      if (!first) { owner.set(id, e); continue; }
      if (first === e) continue;
      out.push({
        file: e.file, line: 1, severity: 'error',
        message: `day ${id} is in two files: ${first.file} and ${e.file}; one would replace the other on the site (keep one: merge them with "add --merge", move copies out of logs/)`,
      });
      break;
    }
  }
  return out;
}

export function nestedLogs(entries: readonly LogEntry[]): Problem[] {
  return entries
    .filter((e) => e.file.split('/').length > 2)
    .map((e) => ({
      file: e.file, line: 1, severity: 'warning' as const,
      message: `day log in a sub-folder: logs are logs/<group>/<YYYY-MM-DD>-chat.markdown; this one is published as ${e.day.id}`,
    }));
}

/** Days whose messages are byte for byte those of another day (e.g. a copy under another group). */
export function identicalDays(entries: readonly LogEntry[]): Problem[] {
  const seen = new Map<number, { e: LogEntry; body: string }[]>();
  const out: Problem[] = [];
  for (const e of entries) {
    // Quiet days (front matter only) of one date are alike by nature, not copies.
    if (!e.day.messages.length) continue;
    const body = e.source.split(/\r?\n/).slice(e.bodyStart).join('\n');
    const h = hash(body);
    const same = seen.get(h)?.find((x) => x.body === body);
    if (same) {
      const whole = same.e.source === e.source ? 'byte for byte' : 'byte for byte after the front matter';
      out.push({
        file: e.file, line: 1, severity: 'warning',
        message: `this day is identical to ${same.e.file} (${whole}, ${e.day.messages.length} messages): a copy under another ${same.e.day.group === e.day.group ? 'date' : 'group'}?`,
      });
    } else seen.set(h, [...(seen.get(h) ?? []), { e, body }]);
  }
  return out;
}

/** One warning per group folder that content/groups.yaml does not list, on its first file. */
export function unknownGroups(entries: readonly LogEntry[], groups: readonly string[]): Problem[] {
  const known = new Set(groups);
  const byGroup = new Map<string, LogEntry[]>();
  for (const e of entries) {
    const g = e.file.includes('/') ? (e.file.split('/')[0] ?? e.day.group) : e.day.group;
    if (known.has(g)) continue;
    byGroup.set(g, [...(byGroup.get(g) ?? []), e]);
  }
  return [...byGroup].map(([g, es]) => ({
    file: es[0]?.file ?? g, line: 1, severity: 'warning' as const,
    message: `group folder "${g}" is not in groups.yaml (${es.length} day log(s)); its pages get no group name (groups: ${groups.join(', ') || 'none'})`,
  }));
}

export function logSetProblems(entries: readonly LogEntry[], groups: readonly string[]): Problem[] {
  return [...duplicateDays(entries), ...nestedLogs(entries), ...identicalDays(entries), ...unknownGroups(entries, groups)];
}
