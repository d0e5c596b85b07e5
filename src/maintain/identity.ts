// When two exports hold "the same" message. Pure.
//
// A message is the same when its time, speaker and text are the same. "Text" is the reader's text
// (entities decoded, markup removed: what export's `text` holds) plus the images it shows, each named
// by its URL without the host: exports of one day put the same screenshots on different image hosts
// (static.cocolian.cn vs static.cocolian.org), and an image-only message has no reader text at all,
// so without its images two different screenshots sent in one second would count as one message.
// Markup that differs between two same messages (a link in one export, its bare title in the other; an
// image host) is reported by the comparison, never silently dropped from it.
import type { Message } from '../model/types.ts';

/** An image's identity: its URL without scheme and host (path, query, fragment). */
export function imageIdentity(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search + u.hash;
  } catch {
    return url;
  }
}

/** The identity of a message: equal keys mean the same message. */
export function messageKey(m: Pick<Message, 'time' | 'speaker' | 'text' | 'images'>): string {
  return [m.time, m.speaker, m.text, ...m.images.map((i) => imageIdentity(i.url))].join('\u0000');
}
