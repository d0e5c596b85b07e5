// The view model every page reads: the Archive plus the lookups and derived lists pages need, built once per
// archive (Astro renders hundreds of pages from one process). Pure over the Archive.
import { indexArchive, type ArchiveIndex } from '../pipeline/archive.ts';
import type { Archive, Day, Group, Message, Speaker, Thread, Topic } from '../model/types.ts';
import { colourAt } from './palette.ts';
import { secondsOfDay } from '../text/time.ts';
import { processMemo } from '../pipeline/process-memo.ts';
import { planPages, type PagePlan } from './pagination.ts';

export interface ViewModel {
  archive: Archive;
  index: ArchiveIndex;
  groups: Group[];
  groupName: (slug: string) => string;
  /** Days newest first (ties: group order). */
  daysNewest: Day[];
  /** Every thread of a day (the day page draws them all, so no message is lost). */
  threadsOfDay: Map<string, Thread[]>;
  /**
   * Threads worth listing: more than one message. A lone message (a sticker, an unanswered aside) stays on its
   * day page and its own thread page but leaves counts, topic/person lists and the open questions.
   */
  listedThreads: Thread[];
  listedOfDay: (dayId: string) => Thread[];
  /** Thread id -> its colour on the day page (index in the day's threads ordered by first message time). */
  threadColour: Map<string, string>;
  speaker: Map<string, Speaker>;
  topic: Map<string, Topic>;
  /** Topic slug -> threads, newest first. */
  threadsOfTopic: Map<string, Thread[]>;
  /** Speaker id -> threads where they asked the question / gave an answer / took part. */
  asked: Map<string, Thread[]>;
  answered: Map<string, Thread[]>;
  participated: Map<string, Thread[]>;
  /** Threads with a question and no answer, newest first. */
  openQuestions: Thread[];
  /** Topics ordered by number of threads (busiest first), then name. */
  topicsByActivity: { topic: Topic; threads: number }[];
  firstDate: string;
  lastDate: string;
  message: (id: string) => Message | undefined;
  /** Where busy days and long threads are cut into parts; pass it to messageUrl / threadMessageUrl. */
  pages: PagePlan;
}

const cache = processMemo<Archive, ViewModel>('view-model');

/** A thread of more than one message (see ViewModel.listedThreads). */
export const isListed = (t: Thread) => t.messageIds.length > 1;

/** Newest first: by date, then group, then thread position (threads). */
const newestDay = (a: Day, b: Day) => b.date.localeCompare(a.date) || a.group.localeCompare(b.group);

export function viewModel(archive: Archive): ViewModel {
  const hit = cache.get(archive);
  if (hit) return hit;
  const index = indexArchive(archive);
  const names = new Map(archive.groups.map((g) => [g.slug, g.name]));
  // Groups that only appear in logs still get a page.
  const groups = [...archive.groups];
  for (const d of archive.days) if (!names.has(d.group)) { names.set(d.group, d.group); groups.push({ slug: d.group, name: d.group }); }
  const dateOf = (t: Thread) => index.day.get(t.day)?.date ?? '';
  const newestThread = (a: Thread, b: Thread) => dateOf(b).localeCompare(dateOf(a)) || a.day.localeCompare(b.day) || a.seq - b.seq;

  const threadsOfDay = new Map<string, Thread[]>();
  for (const t of archive.threads) { const l = threadsOfDay.get(t.day); if (l) l.push(t); else threadsOfDay.set(t.day, [t]); }
  const threadColour = new Map<string, string>();
  for (const [dayId, list] of threadsOfDay) {
    const day = index.day.get(dayId);
    const first = (t: Thread) => Math.min(...t.seqs.map((s) => day?.messages[s - 1]?.seconds ?? secondsOfDay(t.start)).filter(Number.isFinite));
    list.sort((a, b) => a.seq - b.seq);
    // Same order as the timeline (first message time), so lane colours and message colours agree.
    [...list].sort((a, b) => first(a) - first(b) || a.id.localeCompare(b.id)).forEach((t, i) => threadColour.set(t.id, colourAt(i)!));
  }

  const push = (m: Map<string, Thread[]>, k: string, t: Thread) => {
    const l = m.get(k);
    // Threads arrive one at a time, so a repeat (a speaker answering twice) is always the list's last entry.
    if (l) { if (l[l.length - 1] !== t) l.push(t); } else m.set(k, [t]);
  };
  const threadsOfTopic = new Map<string, Thread[]>();
  const asked = new Map<string, Thread[]>();
  const answered = new Map<string, Thread[]>();
  const participated = new Map<string, Thread[]>();
  const listedThreads = archive.threads.filter(isListed);
  const listedByDay = new Map<string, Thread[]>();
  for (const t of listedThreads) { const l = listedByDay.get(t.day); if (l) l.push(t); else listedByDay.set(t.day, [t]); }
  for (const t of listedThreads) {
    for (const slug of t.topics) push(threadsOfTopic, slug, t);
    if (t.questionId) { const q = index.message.get(t.questionId); if (q) push(asked, q.speakerId, t); }
    for (const a of t.answerIds) { const m = index.message.get(a); if (m) push(answered, m.speakerId, t); }
    for (const p of t.participants) push(participated, p, t);
  }
  for (const m of [threadsOfTopic, asked, answered, participated]) for (const l of m.values()) l.sort(newestThread);

  const dates = archive.days.map((d) => d.date).sort();
  const vm: ViewModel = {
    archive, index, groups,
    groupName: (slug) => names.get(slug) ?? slug,
    daysNewest: [...archive.days].sort(newestDay),
    threadsOfDay, threadColour, listedThreads,
    listedOfDay: (dayId) => listedByDay.get(dayId) ?? [],
    speaker: new Map(archive.speakers.map((s) => [s.id, s])),
    topic: new Map(archive.topics.map((t) => [t.slug, t])),
    threadsOfTopic, asked, answered, participated,
    openQuestions: listedThreads.filter((t) => t.questionId && t.answerIds.length === 0).sort(newestThread),
    topicsByActivity: archive.topics
      .map((topic) => ({ topic, threads: threadsOfTopic.get(topic.slug)?.length ?? 0 }))
      .sort((a, b) => b.threads - a.threads || a.topic.name.localeCompare(b.topic.name, 'zh-CN')),
    firstDate: dates[0] ?? '',
    lastDate: dates[dates.length - 1] ?? '',
    message: (id) => index.message.get(id),
    pages: planPages(archive.days, archive.threads),
  };
  cache.set(archive, vm);
  return vm;
}
