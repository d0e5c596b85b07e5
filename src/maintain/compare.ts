// Compares two versions of one day: which messages are in both, only in one, or in both but written
// differently. Pure; the matching is the one `add --merge` writes.
import { messageKey } from './identity.ts';
import type { Message } from '../model/types.ts';

export interface MarkupDifference {
  existing: Message;
  incoming: Message;
  /** What differs, for a person: "image host static.cocolian.cn → static.cocolian.org", "link markup". */
  what: string;
}

export interface DayComparison {
  existingCount: number;
  incomingCount: number;
  /** incoming seq -> existing seq, for every incoming message that is also in the existing version. */
  matched: Map<number, number>;
  onlyExisting: Message[];
  onlyIncoming: Message[];
  /** Same messages (same time, speaker, text, images) whose markup differs. */
  markup: MarkupDifference[];
}

/**
 * Matches messages of two versions by identity. Repeats are counted: a message sent twice in the same
 * second is two messages, so the k-th occurrence in one version matches the k-th in the other.
 */
export function compareDays(existing: readonly Message[], incoming: readonly Message[]): DayComparison {
  const queues = new Map<string, Message[]>();
  for (const m of existing) {
    const k = messageKey(m);
    const q = queues.get(k);
    if (q) q.push(m);
    else queues.set(k, [m]);
  }
  const matched = new Map<number, number>();
  const onlyIncoming: Message[] = [];
  const markup: MarkupDifference[] = [];
  const taken = new Set<number>();
  for (const m of incoming) {
    const e = queues.get(messageKey(m))?.shift();
    if (!e) { onlyIncoming.push(m); continue; }
    matched.set(m.seq, e.seq);
    taken.add(e.seq);
    const what = markupDifference(e, m);
    if (what) markup.push({ existing: e, incoming: m, what });
  }
  return {
    existingCount: existing.length,
    incomingCount: incoming.length,
    matched,
    onlyExisting: existing.filter((m) => !taken.has(m.seq)),
    onlyIncoming,
    markup,
  };
}

const normalizeRaw = (raw: string) => raw.split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').trim();

function hostOf(url: string): string {
  try { return new URL(url).host; } catch { return url; }
}

/** Null when the two same messages are also written alike (trailing blanks aside). */
function markupDifference(a: Message, b: Message): string | null {
  if (normalizeRaw(a.raw) === normalizeRaw(b.raw)) return null;
  const hosts: string[] = [];
  a.images.forEach((img, i) => {
    const other = b.images[i];
    if (other && other.url !== img.url) {
      const ha = hostOf(img.url);
      const hb = hostOf(other.url);
      hosts.push(ha !== hb ? `image host ${ha} → ${hb}` : `image URL ${img.url} → ${other.url}`);
    }
  });
  if (hosts.length) return [...new Set(hosts)].join(', ');
  const la = a.links.map((l) => l.url).join(' ');
  const lb = b.links.map((l) => l.url).join(' ');
  if (la !== lb) return a.links.length && !b.links.length ? 'a link in the existing version, its bare text in the new one'
    : !a.links.length && b.links.length ? 'bare text in the existing version, a link in the new one' : 'link URLs differ';
  return 'markup differs (same reader text)';
}

/** "07:22:10 郝维甲-浦发-技术-山东: 早上好…" for listings. */
export function describeMessage(m: Pick<Message, 'time' | 'speaker' | 'text' | 'images'>, width = 40): string {
  const file = (url: string) => url.replace(/[?#].*$/, '').split('/').pop() || url;
  const text = m.text.replace(/\s+/g, ' ').trim() || (m.images.length ? `[image ${m.images.map((i) => file(i.url)).join(' ')}]` : '(empty)');
  return `${m.time} ${m.speaker || '(no name)'}: ${text.length > width ? text.slice(0, width) + '…' : text}`;
}
