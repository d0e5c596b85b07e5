// What a day, thread, person or question page (and parts 2… of a day or thread) reads, as one string per page: if
// it is unchanged (and the code is unchanged), the page's HTML is unchanged, so an incremental build may take it
// from the previous build instead of rendering it (src/node/page-reuse.ts). Each slice is deliberately broader than
// what the page shows: the whole day with its threads, the speakers and terms it may name, its neighbours, a
// thread's related discussions; a person's whole speaker record and thread lists; a question's threads and their
// messages. On day and thread pages speakers enter without their counts, days and aliases, related discussions
// without their scores: those pages do not show them, and a new day changes them everywhere. Pure over the view model.
import type { Message, Speaker, Term, Thread } from '../model/types.ts';
import type { ViewModel } from './model.ts';
import type { RelatedItem } from '../semantic/related.ts';
import type { FaqEntry } from '../questions/recurring.ts';
import { dayPartUrl, personUrl, threadPartUrl } from './urls.ts';
import { dayStarts, threadStarts } from './pagination.ts';

export type ReusableRoute = 'day' | 'thread' | 'person' | 'question';

/** The props each reusable route's getStaticPaths hands its page. */
export type RouteProps = { dayId: string; part?: number } | { threadId: string; part?: number } | { id: string } | { entry: FaqEntry };

const speakerSlice = (s: Speaker | undefined) => (s ? [s.id, s.name, s.company, s.role, s.city] : null);
// The body too: message texts link glossary words with a tooltip drawn from the definition's first sentence.
const termSlice = (t: Term) => [t.slug, t.term, t.aliases, t.body];
const threadSlice = (t: Thread) => t;

/** What every reusable page reads besides its own slice: groups, topics, glossary words. */
export function sharedInputs(vm: ViewModel): string {
  return JSON.stringify([vm.groups, vm.archive.topics.map((t) => [t.slug, t.name]), vm.archive.terms.map(termSlice)]);
}

/** A thread's related discussions as they are linked: id, title, day (scores are not shown). */
function relatedSlice(vm: ViewModel, related: ReadonlyMap<string, RelatedItem[]>, threadId: string): unknown {
  return (related.get(threadId) ?? []).map((r) => {
    const x = vm.index.thread.get(r.threadId);
    return [r.threadId, x?.title ?? null, x?.day ?? null];
  });
}

function daySlice(vm: ViewModel, dayId: string): unknown {
  const day = vm.index.day.get(dayId);
  if (!day) return null;
  const threads = vm.threadsOfDay.get(dayId) ?? [];
  const sameGroup = vm.archive.days.filter((d) => d.group === day.group);
  const i = sameGroup.findIndex((d) => d.id === day.id);
  const speakers = new Set<string>();
  for (const m of day.messages) {
    speakers.add(m.speakerId);
    for (const s of m.segments) if (s.type === 'mention' && s.speakerId) speakers.add(s.speakerId);
  }
  return {
    day,
    threads: threads.map(threadSlice),
    colours: threads.map((t) => vm.threadColour.get(t.id) ?? null),
    neighbours: [sameGroup[i - 1]?.id ?? null, sameGroup[i + 1]?.id ?? null],
    speakers: [...speakers].sort().map((id) => speakerSlice(vm.speaker.get(id))),
    // Where the day and its threads are cut into parts: message links and the parts nav follow it.
    parts: [dayStarts(vm.pages, dayId) ?? null, threads.map((t) => threadStarts(vm.pages, t.id) ?? null)],
  };
}

// Per view model: each thread's slice as a list item (the thread, its colour, its day) serialized once, since a
// busy thread appears on the pages of all its participants; and each speaker's messages per month (the person
// page's activity chart), counted in one pass over the archive instead of once per person.
const itemJson = new WeakMap<ViewModel, Map<string, string>>();
const monthsOf = new WeakMap<ViewModel, Map<string, Record<string, number>>>();

function threadItemSlice(vm: ViewModel, t: Thread): string {
  let m = itemJson.get(vm);
  if (!m) itemJson.set(vm, (m = new Map()));
  let s = m.get(t.id);
  if (s === undefined) {
    const day = vm.index.day.get(t.day);
    m.set(t.id, (s = JSON.stringify([t, vm.threadColour.get(t.id) ?? null, day ? [day.id, day.date, day.group] : null])));
  }
  return s;
}

function speakerMonths(vm: ViewModel, speakerId: string): Record<string, number> {
  let m = monthsOf.get(vm);
  if (!m) {
    m = new Map();
    for (const d of vm.archive.days) {
      const month = d.date.slice(0, 7);
      for (const msg of d.messages) {
        let c = m.get(msg.speakerId);
        if (!c) m.set(msg.speakerId, (c = {}));
        c[month] = (c[month] ?? 0) + 1;
      }
    }
    monthsOf.set(vm, m);
  }
  return m.get(speakerId) ?? {};
}

/**
 * A person page: the whole speaker (counts, days, aliases are shown), the threads they asked, answered and took
 * part in as list items, their messages per month and the months the chart spans (the archive's first and last),
 * the days they wrote on.
 */
function personSlice(vm: ViewModel, id: string): unknown {
  const s = vm.speaker.get(id);
  if (!s) return null;
  const items = (l: Thread[] | undefined) => (l ?? []).map((t) => threadItemSlice(vm, t));
  return {
    s,
    asked: items(vm.asked.get(id)),
    answered: items(vm.answered.get(id)),
    participated: items(vm.participated.get(id)),
    months: speakerMonths(vm, id),
    span: [vm.firstDate.slice(0, 7), vm.lastDate.slice(0, 7)],
    days: s.days.map((d) => {
      const day = vm.index.day.get(d);
      return day ? [day.id, day.date, day.group] : null;
    }),
  };
}

/**
 * A question page: the entry, and for each thread asking it the thread, its day, its question and answer messages
 * (whole) and where its day is cut into parts (the messages link into the day page).
 */
function questionSlice(vm: ViewModel, entry: FaqEntry): unknown {
  const msg = (id: string | null): Message | null => (id ? (vm.message(id) ?? null) : null);
  return {
    entry,
    asked: entry.threadIds.map((id) => {
      const t = vm.index.thread.get(id);
      if (!t) return null;
      const day = vm.index.day.get(t.day);
      return [t, day ? [day.id, day.date, day.group] : null, msg(t.questionId), t.answerIds.map(msg), dayStarts(vm.pages, t.day) ?? null];
    }),
  };
}

/** The inputs of one page of a reusable route, or null when the page's subject is unknown (then it is rendered). */
export function pageInputs(vm: ViewModel, related: ReadonlyMap<string, RelatedItem[]>, route: ReusableRoute, props: RouteProps): string | null {
  if (route === 'person' && 'id' in props) return JSON.stringify(['person', personSlice(vm, props.id)]);
  if (route === 'question' && 'entry' in props) return JSON.stringify(['question', questionSlice(vm, props.entry)]);
  // A day page shows no related discussions; a thread page shows its own, and its day's other threads and colours
  // (the whole day's slice stands in for those).
  // Parts 2… of a busy day or a long thread read what the first part reads; the part number says which slice.
  if (route === 'day' && 'dayId' in props) return JSON.stringify(['day', props.part ?? 1, daySlice(vm, props.dayId)]);
  if (route === 'thread' && 'threadId' in props) {
    const t = vm.index.thread.get(props.threadId);
    return t ? JSON.stringify(['thread', props.part ?? 1, t.id, daySlice(vm, t.day), relatedSlice(vm, related, t.id)]) : null;
  }
  return null;
}

/** The file a page of a reusable route is written to, relative to the output folder. */
export function pageFile(route: ReusableRoute, props: RouteProps): string | null {
  const url =
    route === 'day' && 'dayId' in props ? dayPartUrl(props.dayId, props.part ?? 1)
    : route === 'thread' && 'threadId' in props ? threadPartUrl(props.threadId, props.part ?? 1)
    : route === 'person' && 'id' in props ? personUrl(props.id)
    // The question route's param is the entry id as it is (src/pages/questions/[id].astro).
    : route === 'question' && 'entry' in props ? `/questions/${props.entry.id}/`
    : null;
  return url === null ? null : `${decodeURIComponent(url).replace(/^\//, '')}index.html`;
}
