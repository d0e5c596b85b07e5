// URL helpers for the DESIGN contract: /<group>/<date>/, /<group>/<date>/t<seq>/, #m<seq>, /topics/<slug>/,
// /people/<slug>/, /glossary/<slug>/. Every internal link on the site goes through here.
import { dayRef, messageRef, threadRef } from '../model/ids.ts';
import { boundSlug } from '../text/slug.ts';
import { safeHttpUrl } from './safe-url.ts';
import { dayStarts, partOf, threadStarts, type PagePlan } from './pagination.ts';

/** Decodes a slug that may already be percent-encoded; leaves it alone when it is not valid encoding. */
export function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/**
 * The file-system name of a slug: decoded, with the characters Astro would escape in file names (?, #, %),
 * path separators and control characters written as `_XX`, so the file on disk and the decoded request path
 * are the same string (a `?` in a nickname would otherwise make the page unreachable).
 */
export function pathSlug(slug: string): string {
  const name = decodeSlug(slug);
  // `.` and `..` would address the parent folder (a speaker named ".." must not overwrite the home page).
  if (/^\.*$/.test(name)) return boundSlug(`_${name}`);
  // Bounded after escaping (which can triple a name's length): the folder name must fit the file system.
  // eslint-disable-next-line no-control-regex
  return boundSlug(name.replace(/[?#%/\\\u0000-\u001f\u007f]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
}

/** A path segment for a slug: the file-system name, percent-encoded exactly once for the href. */
const seg = (slug: string) => encodeURIComponent(pathSlug(slug));

export const groupUrl = (group: string) => `/${seg(group)}/`;
/** Day id `<group>/<date>` -> `/<group>/<date>/` */
export const dayUrl = (dayId: string) => { const d = dayRef(dayId); return `/${seg(d.group)}/${seg(d.date)}/`; };
/**
 * Part `part` of a day cut into parts (src/site/pagination.ts): the first part is the day's own URL, so every
 * link made before days were cut keeps its meaning; later parts are `/<group>/<date>/p<part>/`.
 */
export const dayPartUrl = (dayId: string, part: number) => (part <= 1 ? dayUrl(dayId) : `${dayUrl(dayId)}p${part}/`);
/**
 * Message id `<group>/<date>/<seq>` -> `/<group>/<date>/#m<seq>`, or the part of the day that shows it
 * (`/<group>/<date>/p<part>/#m<seq>`). The one decision of where a message lives, for pages, search and feed.
 */
export function messageUrl(messageId: string, plan: PagePlan): string {
  const m = messageRef(messageId);
  return `${dayPartUrl(m.day, partOf(dayStarts(plan, m.day), m.seq))}#m${m.seq}`;
}
/** Thread id `<group>/<date>/t<seq>` -> `/<group>/<date>/t<seq>/` */
export const threadUrl = (threadId: string) => { const t = threadRef(threadId); return `${dayUrl(t.day)}t${t.seq}/`; };
/** Part `part` of a long thread: the first part is the thread's URL, later ones `/<group>/<date>/t<seq>/p<part>/`. */
export const threadPartUrl = (threadId: string, part: number) => (part <= 1 ? threadUrl(threadId) : `${threadUrl(threadId)}p${part}/`);
/** A message shown inside its thread page: `/<group>/<date>/t<seq>/#m<message seq>` (search results land here). */
export const threadMessageUrl = (threadId: string, seq: number, plan: PagePlan) => `${threadPartUrl(threadId, partOf(threadStarts(plan, threadId), seq))}#m${seq}`;
/** Page `page` of the people list: `/people/`, then `/people/page/<n>/` (two segments: no person slug has a `/`). */
export const peoplePageUrl = (page: number) => (page <= 1 ? '/people/' : `/people/page/${page}/`);
export const topicUrl = (slug: string) => `/topics/${seg(slug)}/`;
export const personUrl = (id: string) => `/people/${seg(id)}/`;
export const termUrl = (slug: string) => `/glossary/${seg(slug)}/`;

/** The route param Astro writes to disk for a slug (decoded, so the served path matches the href). */
export const slugParam = (slug: string) => pathSlug(slug);

