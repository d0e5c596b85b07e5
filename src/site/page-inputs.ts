// What a day page and a thread page read, as one string per page: if it is unchanged (and the code is unchanged),
// the page's HTML is unchanged, so an incremental build may take it from the previous build instead of rendering
// it (src/node/page-reuse.ts). Each slice is deliberately broader than what the page shows: the whole day with
// its threads, the speakers and terms it may name, its neighbours, a thread's related discussions. Speakers enter without
// their counts, days and aliases, related discussions without their scores: the pages do not show them, and a new
// day changes them everywhere. Pure over the view model.
import type { Speaker, Term, Thread } from '../model/types.ts';
import type { ViewModel } from './model.ts';
import type { RelatedItem } from '../semantic/related.ts';
import { dayUrl, threadUrl } from './urls.ts';
import { dayStarts, threadStarts } from './pagination.ts';

export type ReusableRoute = 'day' | 'thread';

/** The props each reusable route's getStaticPaths hands its page. */
export type RouteProps = { dayId: string } | { threadId: string };

const speakerSlice = (s: Speaker | undefined) => (s ? [s.id, s.name, s.company, s.role, s.city] : null);
const termSlice = (t: Term) => [t.slug, t.term, t.aliases];
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

/** The inputs of one page of a reusable route, or null when the page's subject is unknown (then it is rendered). */
export function pageInputs(vm: ViewModel, related: ReadonlyMap<string, RelatedItem[]>, route: ReusableRoute, props: RouteProps): string | null {
  // A day page shows no related discussions; a thread page shows its own, and its day's other threads and colours
  // (the whole day's slice stands in for those).
  if (route === 'day' && 'dayId' in props) return JSON.stringify(['day', daySlice(vm, props.dayId)]);
  if (route === 'thread' && 'threadId' in props) {
    const t = vm.index.thread.get(props.threadId);
    return t ? JSON.stringify(['thread', t.id, daySlice(vm, t.day), relatedSlice(vm, related, t.id)]) : null;
  }
  return null;
}

/** The file a page of a reusable route is written to, relative to the output folder. */
export function pageFile(route: ReusableRoute, props: RouteProps): string | null {
  const url = route === 'day' && 'dayId' in props ? dayUrl(props.dayId) : route === 'thread' && 'threadId' in props ? threadUrl(props.threadId) : null;
  return url === null ? null : `${decodeURIComponent(url).replace(/^\//, '')}index.html`;
}
