// Links to messages written by hand (the curated glossary's `[#155](/devarch/2018-08-08/#m155)`) name a day's
// first URL; when that day is cut into parts the link is rewritten to the part that holds the message, so it
// lands without a redirect. Pure, over the HTML remark wrote (its href values are double-quoted).
import { parseMessageId } from '../model/ids.ts';
import { dayUrl, messageUrl } from './urls.ts';
import type { PagePlan } from './pagination.ts';

const MESSAGE_HREF = /href="\/([^/"#?]+)\/(\d{4}-\d{2}-\d{2})\/#m(\d+)"/g;

export function relinkMessages(html: string, plan: PagePlan): string {
  return html.replace(MESSAGE_HREF, (whole, group: string, date: string, seq: string) => {
    let g: string;
    try { g = decodeURIComponent(group); } catch { return whole; }
    const id = `${g}/${date}/${seq}`;
    const ref = parseMessageId(id);
    // Only a link that is exactly what urls.ts writes for that day is ours to rewrite.
    if (!ref || `${dayUrl(ref.day)}#m${ref.seq}` !== `/${group}/${date}/#m${seq}`) return whole;
    return `href="${messageUrl(id, plan)}"`;
  });
}
