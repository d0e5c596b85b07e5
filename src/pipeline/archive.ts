// Assembles the Archive from raw inputs: parse -> speakers -> threads -> qa -> topics -> glossary.
// Pure: no IO here, so every consumer (pages, search, semantic, CLI) shares one in-memory model.
import { parseDay } from '../ingest/parse.ts';
import { assignSpeakers } from '../speakers/assign.ts';
import { disentangle } from '../threads/disentangle.ts';
import { findQA, threadTitle } from '../qa/qa.ts';
import { compileTopics, scoreCompiledTopics, type CompiledTopics } from '../topics/topics.ts';
import { compileThreadTerms, type ThreadTerms } from '../threads/features.ts';
import { linkTerms, parseGlossaryFile } from '../glossary/glossary.ts';
import type { Archive, ArchiveInput, Day, Message, Problem, Term, Thread } from '../model/types.ts';
import { messageId, threadId } from '../model/ids.ts';
import { DEFAULT_PRIVACY, redactDays } from '../ingest/privacy.ts';
import { applyOptOut } from '../speakers/opt-out.ts';

export function buildArchive(input: ArchiveInput): Archive {
  const problems: Problem[] = [];
  const parsed: Day[] = [];
  for (const log of input.logs) {
    const r = parseDay(log.source, log.file);
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
  // Topic keywords count as terms too: two messages naming 路由 or 对账 are likely in one conversation.
  const threadTerms = [...terms.flatMap((t) => [t.term, ...t.aliases]), ...input.topics.flatMap((t) => t.terms.map(String))];
  // Term lists are compiled once per archive, not once per day or per thread.
  const shared: Shared = { threadTerms, compiled: compileThreadTerms(threadTerms), topics: compileTopics(input.topics) };
  const threads: Thread[] = days.flatMap((day) => buildThreads(day, shared));
  linkTerms(terms, threads, days);
  return { groups: input.groups, days, speakers, threads, topics: input.topics, terms, problems, speakerRedirects };
}

interface Shared {
  threadTerms: string[];
  compiled: ThreadTerms;
  topics: CompiledTopics;
}

function buildThreads(day: Day, shared: Shared): Thread[] {
  return disentangle(day, { terms: shared.threadTerms, compiled: shared.compiled }).map((seqs) => {
    const msgs = seqs.map((s) => day.messages[s - 1]);
    const qa = findQA(day, seqs);
    const topicScores = scoreCompiledTopics(msgs.map((m) => m!.text).join('\n'), shared.topics);
    const participants = [...new Set(msgs.map((m) => m!.speakerId))];
    return {
      id: threadId(day.id, seqs[0]!),
      day: day.id,
      seq: seqs[0]!,
      seqs,
      messageIds: msgs.map((m) => m!.id),
      title: threadTitle(day, seqs, qa),
      questionId: qa.questionSeq === null ? null : messageId(day.id, qa.questionSeq),
      answerIds: qa.answerSeqs.map((s) => messageId(day.id, s)),
      topics: topicScores.map((t) => t.slug),
      topicScores,
      participants,
      start: msgs[0]!.time,
      end: msgs[msgs.length - 1]!.time,
    };
  });
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
