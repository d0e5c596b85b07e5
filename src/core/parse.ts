// Day-log parser: front matter + `> HH:MM:SS  speaker` blocks. Pure: text in, ParsedDay out.
// PROVISIONAL minimal version; the ingest work replaces the body handling (src/core/text.ts).
import matter from 'gray-matter';
import type { Day, Message, ParsedDay, Problem } from './types.ts';

const HEADER = /^> (\d\d:\d\d:\d\d)(?: +(.*))?$/;
const FILE_NAME = /^(?:.*\/)?([^/]+)\/(\d{4}-\d{2}-\d{2})-chat\.markdown$/;

export function parseDay(source: string, file: string): ParsedDay {
  const problems: Problem[] = [];
  const m = FILE_NAME.exec(file);
  const group = m?.[1] ?? 'unknown';
  const date = m?.[2] ?? '0000-00-00';
  const dayId = `${group}/${date}`;
  const fm = matter(source);
  const data = fm.data as Record<string, unknown>;
  const lines = source.split(/\r?\n/);
  const messages: Message[] = [];
  let cur: { time: string; speaker: string; line: number; body: string[] } | null = null;
  const flush = () => {
    if (!cur) return;
    const seq = messages.length + 1;
    const raw = cur.body.join('\n');
    const text = raw.replace(/\s+$/gm, '').trim();
    messages.push({
      id: `${dayId}/${seq}`, day: dayId, seq, line: cur.line, time: cur.time, speaker: cur.speaker.trim(),
      speakerId: '', raw, text, segments: [{ type: 'text', text }], links: [], images: [], mentions: [],
      mentionIds: [], emojis: [], kind: text ? 'text' : 'empty', quote: null, duplicateOf: null, flags: [],
    });
  };
  lines.forEach((l, i) => {
    const h = HEADER.exec(l);
    if (h) {
      flush();
      cur = { time: h[1], speaker: h[2] ?? '', line: i + 1, body: [] };
    } else if (cur) {
      (cur as { body: string[] }).body.push(l);
    }
  });
  flush();
  const day: Day = {
    id: dayId, group, date, file, title: String(data.title ?? ''),
    author: data.author && data.author !== 'None' ? String(data.author) : null,
    declaredLines: typeof data.lines === 'number' ? data.lines : null, tags: [], messages,
  };
  return { day, problems };
}
