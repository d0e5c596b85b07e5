// add <file>... [--group <slug>] [--merge | --force] [--strict]: validates day logs and copies them
// into content/logs/<group>/, all or none, under a lock, never through a symlink or outside content/logs.
// A day that exists and differs is refused with a comparison; --merge writes the union of both versions
// and re-maps stored message ids (glossary, corrections); --force replaces and keeps a backup.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { checkLog, formatProblem } from '../../src/ingest/check.ts';
import { contentDir, listLogFiles, readGlossaryFiles, readGroups } from '../../src/node/load.ts';
import { acquireLock, assertSafeDestination, commitFiles, UnsafePathError, type FileWrite } from '../../src/node/safe-write.ts';
import { checkLogSet, type CheckedLog } from '../../src/ingest/checks/index.ts';
import { compareDays, describeMessage, type DayComparison } from '../../src/maintain/compare.ts';
import { mergeDays } from '../../src/maintain/merge.ts';
import { messageKey } from '../../src/maintain/identity.ts';
import { remapIds } from '../../src/maintain/remap.ts';
import type { Day } from '../../src/model/types.ts';

export const summary = 'add <file>... [--group <slug>] [--merge | --force]  validate day logs and copy them into content/logs/';

const USAGE = `usage: npm run cli -- add <file>... [--group <slug>] [--merge | --force] [--strict]
  Copies <YYYY-MM-DD>-chat.markdown files into content/logs/<group>/ after validating them (all or none).
  A day that already exists and differs is refused, with a comparison of the two versions.
  --group   the group the files belong to (default: the name of each file's folder, if it is a group)
  --merge   keep every message of both versions (union in time order); stored message ids are re-mapped
  --force   replace the existing version; it is kept in content/backups/<time>/<group>/
  --strict  refuse files with warnings too`;

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
/** How many messages of each side a comparison lists. */
const SHOWN = 5;

interface Plan {
  arg: string;
  day: string;
  dest: string;
  /** What gets written to dest; null: nothing (unchanged, or nothing to merge in). */
  data: string | Buffer | null;
  /** The parsed day as it will be. */
  result: CheckedLog;
  verb: 'added' | 'merged' | 'replaced' | 'unchanged';
  notes: string[];
  /** existing seq -> new seq, when the day's existing messages are renumbered. */
  seqMap: Map<number, number> | null;
  backup: { path: string; data: Buffer } | null;
  /** After --force: existing seq -> text of the messages the new version does not have. */
  dropped?: Map<number, string>;
}

export async function run(args: string[]): Promise<number> {
  const files: string[] = [];
  let group: string | undefined;
  let force = false;
  let merge = false;
  let strict = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--group') {
      if (i + 1 >= args.length) { console.error(`error: --group needs a group slug\n${USAGE}`); return 2; }
      group = args[++i];
    } else if (a === '--force') force = true;
    else if (a === '--merge') merge = true;
    else if (a === '--strict') strict = true;
    else if (a === '--help' || a === '-h') { console.log(USAGE); return 0; }
    else if (a.startsWith('--')) { console.error(`error: unknown option "${a}"\n${USAGE}`); return 2; }
    else files.push(a);
  }
  if (!files.length) { console.error(`error: no files given\n${USAGE}`); return 2; }
  if (merge && force) { console.error(`error: --merge and --force exclude each other\n${USAGE}`); return 2; }

  const content = contentDir();
  const logsRoot = resolve(content, 'logs');
  const groups = readGroups(content);
  const known = new Set(groups.map((g) => g.slug));
  const knownList = groups.map((g) => g.slug).join(', ') || '(none: content/groups.yaml is empty)';
  if (group !== undefined && (!SLUG.test(group) || !known.has(group))) {
    console.error(`error: "${group}" is not a group of content/groups.yaml (groups: ${knownList})`);
    return 2;
  }

  // Everything from reading the existing days to the last rename happens under the lock, so two adds
  // of one day cannot both decide that it is new.
  let lock;
  try {
    lock = await acquireLock(join(content, '.add.lock'), {
      onStale: (h) => console.error(`note: removed a stale lock of pid ${h.pid} (since ${new Date(h.started).toISOString()}; that process is gone)`),
    });
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}; nothing was written`);
    return 1;
  }
  try {
    return addUnderLock({ files, group, force, merge, strict, content, logsRoot, known, knownList });
  } finally {
    lock.release();
  }
}

interface Ctx {
  files: string[]; group: string | undefined; force: boolean; merge: boolean; strict: boolean;
  content: string; logsRoot: string; known: Set<string>; knownList: string;
}

/** A path relative to the working folder when it is under it, else absolute. */
const shownPath = (p: string) => { const r = relative(process.cwd(), p); return r && !r.startsWith('..') ? r : p; };

function addUnderLock(c: Ctx): number {
  const errors: string[] = [];
  const warnings: string[] = [];
  const plans: Plan[] = [];
  const seen = new Map<string, string>();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backupRoot = join(c.content, 'backups', stamp);

  for (const f of c.files) {
    const src = resolve(f);
    if (!existsSync(src) || !statSync(src).isFile()) { errors.push(`${f}: no such file`); continue; }
    let g = c.group;
    if (g === undefined) {
      const folder = basename(dirname(src));
      if (!c.known.has(folder)) {
        errors.push(`${f}: cannot tell its group: its folder "${folder}" is not a group of content/groups.yaml; pass --group <slug> (groups: ${c.knownList})`);
        continue;
      }
      g = folder;
    }
    const name = basename(src);
    const file = `${g}/${name}`;
    const dest = resolve(c.logsRoot, g, name);
    try {
      assertSafeDestination(c.logsRoot, dest);
    } catch (e) {
      if (!(e instanceof UnsafePathError)) throw e;
      errors.push(`${f}: ${e.message}`);
      continue;
    }
    const bytes = readFileSync(src);
    const r = checkLog(file, bytes);
    // Problems name the file as given, so the user can open it.
    for (const p of r.problems) (p.severity === 'error' ? errors : warnings).push(formatProblem({ ...p, file: f }));
    if (seen.has(file)) errors.push(`${f}: same day as ${seen.get(file)} (${file})`);
    seen.set(file, f);
    if (!r.parsed) continue;
    const source = new TextDecoder().decode(bytes);
    const incoming: CheckedLog = { file, source, day: r.parsed.day };
    const day = r.parsed.day.id;
    const base: Omit<Plan, 'data' | 'result' | 'verb'> = { arg: f, day, dest, notes: [], seqMap: null, backup: null };

    if (!existsSync(dest)) { plans.push({ ...base, data: bytes, result: incoming, verb: 'added' }); continue; }
    const oldBytes = readFileSync(dest);
    if (oldBytes.equals(bytes)) { plans.push({ ...base, data: null, result: incoming, verb: 'unchanged' }); continue; }
    const old = checkLog(file, oldBytes);
    if (!old.parsed) { errors.push(`${shownPath(dest)}: the existing version cannot be read (${old.problems.map((p) => p.message).join('; ')}); fix or remove it first`); continue; }
    const oldSource = new TextDecoder().decode(oldBytes);
    const existing = old.parsed.day;
    const cmp = compareDays(existing.messages, incoming.day.messages);

    if (c.merge) {
      const m = mergeDays(oldSource, existing, source, incoming.day);
      const merged = checkLog(file, Buffer.from(m.source));
      const lost = merged.parsed ? missingMessages(merged.parsed.day, [existing, incoming.day]) : -1;
      if (!merged.parsed || lost !== 0) { errors.push(`${f}: the merge of ${day} would lose messages (${lost}); nothing was written (please report this)`); continue; }
      const notes = [comparisonText(day, cmp, shownPath(dest), f, 'merge')];
      if (!m.added.length) {
        notes.push(`  nothing to add: every message of ${f} is already in ${day}; the existing version is kept as it is`);
        plans.push({ ...base, notes, data: null, result: { file, source: oldSource, day: existing }, verb: 'unchanged' });
        continue;
      }
      notes.push(`  added ${m.added.length} message(s) (${existing.messages.length} -> ${merged.parsed.day.messages.length}):`);
      for (const a of m.added.slice(0, SHOWN * 2)) notes.push(`    #${a.seq}  ${describeMessage(a.message)}`);
      if (m.added.length > SHOWN * 2) notes.push(`    … and ${m.added.length - SHOWN * 2} more`);
      plans.push({ ...base, notes, data: m.source, result: { file, source: m.source, day: merged.parsed.day }, verb: 'merged', seqMap: m.seqMap });
    } else if (c.force) {
      // The messages both versions share keep their citations: existing seq -> the seq it has now.
      const seqMap = new Map<number, number>();
      for (const [inSeq, exSeq] of cmp.matched) seqMap.set(exSeq, inSeq);
      const backup = join(backupRoot, g, name);
      const dropped = new Map(cmp.onlyExisting.map((m) => [m.seq, m.text.replace(/\s+/g, ' ').trim()]));
      plans.push({ ...base, notes: [comparisonText(day, cmp, shownPath(dest), f, 'force')], data: bytes, result: incoming, verb: 'replaced', seqMap, backup: { path: backup, data: oldBytes }, dropped });
    } else {
      errors.push(comparisonText(day, cmp, shownPath(dest), f, 'refused') +
        `\n  pass --merge to keep every message of both versions, or --force to replace it (the existing version is then backed up)`);
    }
  }

  // Stored ids follow renumbered messages: glossary sources and anchors, corrections.
  const maps = new Map(plans.filter((p) => p.seqMap).map((p) => [p.day, p.seqMap!] as const));
  const idWrites: FileWrite[] = [];
  const idNotes: string[] = [];
  const glossary = readGlossaryFiles(c.content);
  const stored = [...glossary, ...(existsSync(join(c.content, 'corrections.yaml')) ? [{ file: 'corrections.yaml', source: readFileSync(join(c.content, 'corrections.yaml'), 'utf8') }] : [])];
  const newGlossary = glossary.map((g) => ({ ...g }));
  const lost = new Map(plans.filter((p) => p.dropped).map((p) => [p.day, p.dropped!] as const));
  for (const s of stored) {
    const r = remapIds(s.source, maps);
    // After --force, an id of a message the new version does not have would silently name another one.
    for (const u of r.unmapped) {
      const day = u.id.replace(/^\/?([^/]+\/[^/]+)\/.*$/, '$1');
      const text = lost.get(day)?.get(u.seq);
      if (text !== undefined) errors.push(`${shownPath(join(c.content, s.file))}:${u.line}: ${u.id} names a message the new version does not have ("${text.slice(0, 40)}"); change that citation first, or use --merge`);
    }
    if (!r.changes.length) continue;
    idWrites.push({ path: join(c.content, s.file), data: r.text });
    const g = newGlossary.find((x) => x.file === s.file);
    if (g) g.source = r.text;
    idNotes.push(`re-mapped ${r.changes.length} id(s) in ${shownPath(join(c.content, s.file))}: ${r.changes.slice(0, 6).map((x) => `${x.from} -> ${x.to} (line ${x.line})`).join(', ')}${r.changes.length > 6 ? ', …' : ''}`);
  }

  // The checks of the whole content as it would be: a new day may copy another, its group may be
  // unknown, a citation of a replaced day may point at a message that no longer says its term.
  if (plans.length) {
    const after = contentAfter(c.logsRoot, plans);
    const touched = new Set(plans.map((p) => p.result.file));
    const days = new Set(plans.map((p) => p.day));
    for (const p of checkLogSet(after, { groups: [...c.known], glossary: newGlossary, allDays: true })) {
      const mine = touched.has(p.file) || (p.file.startsWith('glossary/') && [...days].some((d) => p.message.includes(d + '/')));
      if (!mine) continue;
      const line = formatProblem(p, p.file.startsWith('glossary/') ? shownPath(c.content) + '/' : shownPath(c.logsRoot) + '/');
      (p.severity === 'error' ? errors : warnings).push(line);
    }
  }

  for (const w of warnings) console.error(w);
  if (c.strict && warnings.length) errors.push(`--strict: ${warnings.length} warning(s)`);
  if (errors.length) {
    for (const e of errors) console.error(e);
    console.error(`error: ${errors.length} problem(s); nothing was written`);
    return 1;
  }

  const writes: FileWrite[] = [];
  for (const p of plans) if (p.backup) writes.push({ path: p.backup.path, data: p.backup.data });
  for (const p of plans) if (p.data !== null) writes.push({ path: p.dest, data: p.data });
  writes.push(...idWrites);
  // Test hooks (fault injection): hold the lock a while between deciding and writing, so a test can start
  // a second add in that window; fail before the n-th rename, so a test can see the rollback.
  const hold = Number(process.env.CKA_TEST_HOLD_LOCK_MS ?? 0);
  if (hold > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, hold);
  const fail = process.env.CKA_TEST_FAIL_BEFORE_RENAME;
  try {
    commitFiles(writes, { root: c.content, failBeforeRename: fail === undefined ? undefined : Number(fail) });
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}; nothing was written (every file is as it was)`);
    return 1;
  }
  for (const p of plans) {
    console.log(`${p.verb} ${p.day} (${p.result.day.messages.length} messages) -> ${shownPath(p.dest)}`);
    for (const n of p.notes) console.log(n);
    if (p.backup) console.log(`  the replaced version is kept in ${shownPath(p.backup.path)}`);
  }
  for (const n of idNotes) console.log(n);
  return 0;
}

/** How many messages of the versions are not in the merged day (by identity, repeats counted). */
function missingMessages(merged: Day, versions: Day[]): number {
  const have = new Map<string, number>();
  for (const m of merged.messages) have.set(messageKey(m), (have.get(messageKey(m)) ?? 0) + 1);
  let lost = 0;
  for (const v of versions) {
    const need = new Map<string, number>();
    for (const m of v.messages) need.set(messageKey(m), (need.get(messageKey(m)) ?? 0) + 1);
    for (const [k, n] of need) lost += Math.max(0, n - (have.get(k) ?? 0));
  }
  return lost;
}

/** The content's logs as they would be after the plans (existing days parsed, planned ones replaced). */
function contentAfter(logsRoot: string, plans: Plan[]): CheckedLog[] {
  const planned = new Map(plans.map((p) => [p.result.file, p.result]));
  const out: CheckedLog[] = [...planned.values()];
  for (const p of listLogFiles(logsRoot)) {
    const file = relative(logsRoot, p).split('\\').join('/');
    if (planned.has(file)) continue;
    const bytes = readFileSync(p);
    const r = checkLog(file, bytes);
    if (r.parsed) out.push({ file, source: new TextDecoder().decode(bytes), day: r.parsed.day });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Both versions' counts, what is only in each (first few), what is in both but written differently. */
export function comparisonText(day: string, cmp: DayComparison, existingPath: string, incomingPath: string, mode: 'refused' | 'merge' | 'force'): string {
  const both = cmp.matched.size;
  const lines = [
    mode === 'refused' ? `${day} already exists and differs from ${incomingPath}:` : `  compared with the version it replaces or joins:`,
    `  existing ${existingPath}: ${cmp.existingCount} messages; new ${incomingPath}: ${cmp.incomingCount} messages; in both: ${both}`,
  ];
  if (!cmp.onlyExisting.length && !cmp.onlyIncoming.length) {
    lines.push(`  the same ${both} messages in both; only the way ${cmp.markup.length || 'some'} of them are written differs (below)`);
  }
  const list = (title: string, ms: DayComparison['onlyExisting']) => {
    lines.push(`  only in the ${title}: ${ms.length}`);
    for (const m of ms.slice(0, SHOWN)) lines.push(`    line ${String(m.line).padEnd(5)} ${describeMessage(m)}`);
    if (ms.length > SHOWN) lines.push(`    … and ${ms.length - SHOWN} more`);
  };
  list('existing version', cmp.onlyExisting);
  list('new version', cmp.onlyIncoming);
  if (cmp.markup.length) {
    lines.push(`  in both but written differently: ${cmp.markup.length} (same time, speaker, text and image files; ${mode === 'force' ? 'the new form replaces the existing one' : '--merge keeps the existing form'})`);
    for (const d of cmp.markup.slice(0, SHOWN)) lines.push(`    line ${String(d.existing.line).padEnd(5)} ${describeMessage(d.existing)}: ${d.what}`);
    if (cmp.markup.length > SHOWN) lines.push(`    … and ${cmp.markup.length - SHOWN} more`);
  }
  return lines.join('\n');
}
