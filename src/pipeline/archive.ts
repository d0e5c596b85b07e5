// Assembles the Archive from raw inputs: parse -> speakers -> threads -> qa -> topics -> glossary.
// Pure: no IO here, so every consumer (pages, search, semantic, CLI) shares one in-memory model.
import { parseDay } from '../ingest/parse.ts';
import { assignSpeakers } from '../speakers/assign.ts';
import { disentangle } from '../threads/disentangle.ts';
import { findQA, threadTitle } from '../qa/qa.ts';
import { compileTagger, tagThread, type TopicModel, type TopicTagger } from '../topics/evidence.ts';
import { threadText } from '../topics/thread-text.ts';
import { fillNearestTopics } from '../topics/nearest.ts';
import topicModel from '../topics/model.json' with { type: 'json' };
import { compileThreadTerms, type ThreadTerms } from '../threads/features.ts';
import { linkTerms, parseGlossaryFile } from '../glossary/glossary.ts';
import { applyStructure, checkCorrections, correctionsByDay, parseCorrections, parseRef, type Correction } from '../threads/corrections.ts';
import type { Archive, ArchiveInput, CorrectionKind, Day, Message, ParsedDay, Problem, Term, Thread, Topic } from '../model/types.ts';
import { messageId, parseThreadId, threadId } from '../model/ids.ts';
import { DEFAULT_PRIVACY, redactDays } from '../ingest/privacy.ts';
import { applyOptOut } from '../speakers/opt-out.ts';

/**
 * Per-day steps a caller may answer from a cache (src/node/analysis-cache.ts). `compute` is the pure step; a memo
 * returns its result, or an equal one stored earlier under a key of everything the step reads (`reads`).
 */
export interface BuildMemo {
  parse(log: { file: string; source: string }, compute: () => ParsedDay): ParsedDay;
  /** `reads`: what the day's threads depend on besides the day itself (glossary and topic terms, its corrections). */
  threads(day: Day, reads: string, compute: () => Thread[]): Thread[];
  /** Whether `threads(day, reads, …)` would answer without computing, so a runner computes only the misses. */
  hasThreads?(day: Day, reads: string): boolean;
}

/** One day's threads to compute: the day as the threads stage receives it, and its corrections. */
export interface DayJob {
  day: Day;
  corrections: Correction[];
}

/**
 * Computes the threads of several days: the default runs `compute` on each in turn. The site build passes one that
 * spreads the days over two threads (src/node/parallel-threads.ts); a runner must return what `compute` would.
 */
export type DayThreadsRunner = (jobs: DayJob[], compute: (job: DayJob) => Thread[]) => Thread[][];

const inTurn: DayThreadsRunner = (jobs, compute) => jobs.map(compute);

export function buildArchive(input: ArchiveInput, memo?: BuildMemo, run: DayThreadsRunner = inTurn): Archive {
  const problems: Problem[] = [];
  const parsed: Day[] = [];
  for (const log of input.logs) {
    const r = memo ? memo.parse(log, () => parseDay(log.source, log.file)) : parseDay(log.source, log.file);
    problems.push(...r.problems);
    parsed.push(r.day);
  }
  parsed.sort((a, b) => (a.group === b.group ? a.date.localeCompare(b.date) : a.group.localeCompare(b.group)));
  // Privacy first: nothing downstream (speakers, threads, search, pages, export) sees a masked number or an opted-out name.
  const privacy = input.privacy ?? DEFAULT_PRIVACY;
  const assigned = assignSpeakers(redactDays(parsed, privacy));
  const { days, speakers } = applyOptOut(assigned.days, assigned.speakers, privacy.optOut);
  // A redirect to an opted-out person would name them in its URL: those go.
  const ids = new Set(speakers.map((s) => s.id));
  const speakerRedirects = assigned.redirects.filter((r) => ids.has(r.to));
  const terms = input.glossary.map((g) => parseGlossaryFile(g.file, g.source));
  const shared = sharedOf(terms, input.topics);
  const corrections = readCorrections(input.corrections, days, problems);
  const byDay = new Map(days.map((d) => [d.id, d]));
  // What every day's threads read besides the day: the words threads and topics compare, and the topic model.
  const sharedReads = memo ? JSON.stringify([shared.threadTerms, input.topics, input.glossary, topicModel]) : '';
  const jobs: DayJob[] = days.map((day) => ({ day, corrections: corrections.get(day.id) ?? [] }));
  const readsOf = (j: DayJob) => sharedReads + JSON.stringify(j.corrections);
  // The days the cache cannot answer are computed first, together, so a runner may spread them over threads.
  const todo = memo?.hasThreads ? jobs.filter((j) => !memo.hasThreads!(j.day, readsOf(j))) : memo ? [] : jobs;
  const done = run(todo, (j) => buildThreads(j.day, shared, j.corrections));
  const computed = new Map(todo.map((j, i) => [j.day.id, done[i]!]));
  const perDay: Thread[] = jobs.flatMap((j) => {
    const compute = () => computed.get(j.day.id) ?? buildThreads(j.day, shared, j.corrections);
    return memo ? memo.threads(j.day, readsOf(j), compute) : compute();
  });
  // Substantive threads no topic term claimed take the nearest topic over the whole archive (src/topics/nearest.ts):
  // it reads every thread, so it runs after the per-day (cached) step, never inside it.
  const threads: Thread[] = fillNearestTopics(perDay, input.topics, (t) => t.seqs.map((s) => byDay.get(t.day)?.messages[s - 1]?.text ?? ''));
  linkTerms(terms, threads, days);
  return { groups: input.groups, days, speakers, threads, topics: input.topics, terms, problems, speakerRedirects };
}

/** The terms threads compare whole. Topic keywords count too: two messages naming 路由 or 对账 are likely in one conversation. */
export function threadTermsOf(terms: Term[], topics: Topic[]): string[] {
  return [...terms.flatMap((t) => [t.term, ...t.aliases]), ...topics.flatMap((t) => [...t.terms, ...(t.context ?? [])].map(String))];
}

/** What every day's threads read besides the day: compiled once per archive (and once per worker thread). */
export interface Shared {
  threadTerms: string[];
  compiled: ThreadTerms;
  topics: TopicTagger;
}

/** Term lists are compiled once per archive, not once per day or per thread. */
export function sharedOf(terms: Term[], topics: Topic[]): Shared {
  const threadTerms = threadTermsOf(terms, topics);
  return { threadTerms, compiled: compileThreadTerms(threadTerms), topics: compileTagger(topics, terms, topicModel as TopicModel) };
}

/** Parses and checks content/corrections.yaml (problems name its lines); the valid entries by day. */
function readCorrections(file: ArchiveInput['corrections'], days: Day[], problems: Problem[]): Map<string, Correction[]> {
  if (!file) return new Map();
  const byId = new Map(days.map((d) => [d.id, d]));
  const parsed = parseCorrections(file.source, file.file);
  problems.push(...parsed.problems, ...checkCorrections(parsed.corrections, (d) => byId.get(d)?.messages.length, file.source, file.file));
  return correctionsByDay(parsed.corrections, byId);
}

/** One day's threads with Q&A, titles and topics, corrections applied. Pure. */
export function buildThreads(day: Day, shared: Shared, corrections: Correction[]): Thread[] {
  const automatic = disentangle(day, { terms: shared.threadTerms, compiled: shared.compiled });
  // Maintainers' move/split/merge apply to the automatic threads; Q&A, titles and topics follow the result.
  const { threads: groups, marks } = corrections.length ? applyStructure(automatic, corrections) : { threads: automatic, marks: new Map<number, Set<CorrectionKind>>() };
  const built = groups.map((seqs): Thread => {
    const msgs = seqs.map((s) => day.messages[s - 1]);
    const qa = findQA(day, seqs, { terms: shared.compiled.matcher });
    // Topics weigh the evidence of the whole thread (src/topics/evidence.ts); the terms that decided them are kept.
    const tagged = tagThread(threadText(day, seqs, qa.questionSeq), shared.topics);
    const topicScores = tagged.topics;
    const participants = [...new Set(msgs.map((m) => m!.speakerId))];
    return {
      id: threadId(day.id, seqs[0]!),
      day: day.id,
      seq: seqs[0]!,
      seqs,
      messageIds: msgs.map((m) => m!.id),
      title: threadTitle(day, seqs, qa),
      kind: qa.kind,
      corrections: [...new Set(seqs.flatMap((s) => [...(marks.get(s) ?? [])]))],
      questionId: qa.questionSeq === null ? null : messageId(day.id, qa.questionSeq),
      answerIds: qa.answerSeqs.map((s) => messageId(day.id, s)),
      topics: topicScores.map((t) => t.slug),
      topicScores,
      topicEvidence: tagged.evidence,
      participants,
      start: msgs[0]!.time,
      end: msgs[msgs.length - 1]!.time,
    };
  });
  return corrections.length ? applyThreadCorrections(built, corrections) : built;
}

/** title / answer / notAnswer, after Q&A and titles were computed; marks what they changed. */
function applyThreadCorrections(threads: Thread[], corrections: Correction[]): Thread[] {
  const holding = (seq: number) => threads.find((t) => t.seqs.includes(seq));
  const mark = (t: Thread, k: CorrectionKind) => { if (!t.corrections.includes(k)) t.corrections.push(k); };
  for (const c of corrections) {
    if (c.kind === 'title' && c.text) {
      const t = holding(parseRef(c.target, 'thread')?.seq ?? -1);
      if (t) { t.title = c.text; mark(t, 'title'); }
    } else if (c.kind === 'answer' || c.kind === 'notAnswer') {
      const id = c.target;
      const t = holding(parseRef(id, 'message')?.seq ?? -1);
      if (!t || id === t.questionId) continue;
      if (c.kind === 'answer' && !t.answerIds.includes(id)) {
        t.answerIds = [...t.answerIds, id].sort((x, y) => (parseRef(x, 'message')?.seq ?? 0) - (parseRef(y, 'message')?.seq ?? 0));
        mark(t, 'answer');
      }
      if (c.kind === 'notAnswer' && t.answerIds.includes(id)) { t.answerIds = t.answerIds.filter((x) => x !== id); mark(t, 'notAnswer'); }
    }
  }
  return threads;
}

/** Lookups every consumer needs; built once per archive. */
export interface ArchiveIndex {
  day: Map<string, Day>;
  message: Map<string, Message>;
  thread: Map<string, Thread>;
  /** message id -> thread id */
  threadOf: Map<string, string>;
}

export function indexArchive(a: Archive): ArchiveIndex {
  const day = new Map(a.days.map((d) => [d.id, d]));
  const message = new Map<string, Message>();
  for (const d of a.days) for (const m of d.messages) message.set(m.id, m);
  const thread = new Map(a.threads.map((t) => [t.id, t]));
  const threadOf = new Map<string, string>();
  for (const t of a.threads) for (const id of t.messageIds) threadOf.set(id, t.id);
  return { day, message, thread, threadOf };
}

/**
 * The thread that now holds the message a stored thread reference `<day>/t<seq>` starts from. Judgments and
 * corrections name threads by their first message; when the splitter changes, that message names the same
 * conversation while the thread ids move.
 */
export function threadHolding(index: ArchiveIndex, ref: string): string | undefined {
  const r = parseThreadId(ref);
  return r ? index.threadOf.get(messageId(r.day, r.seq)) : undefined;
}
