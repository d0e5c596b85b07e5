// Front matter of a day log. The exporter's YAML varies (quoted "PaymentGroup", tabs in `tag:`,
// `header-img:`, `author: None`, no `lines:`), so we parse it with gray-matter but fall back to a
// line-by-line reading when the YAML is broken: a bad header must not cost the day's messages.
import matter from 'gray-matter';
import { decodeEntities } from '../text/segments.ts';

export interface FrontMatter {
  /** Whether the file starts with a `---` block at all. */
  present: boolean;
  /** 0-based index of the first line after the closing `---` (0 when there is no front matter). */
  bodyStart: number;
  title: string;
  author: string | null;
  /** `date:` as written, YYYY-MM-DD part only; null when missing or unreadable. */
  date: string | null;
  /** 1-based line of `date:` (for problems). */
  dateLine: number;
  declaredLines: number | null;
  tags: string[];
  /** Why the YAML could not be read, if it could not. */
  error: string | null;
}

const NONE = new Set(['', 'none', 'null', '~']);

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return isNaN(v.getTime()) ? null : v.toISOString();
  return String(v).trim();
}

/** Reads the front matter from the file's lines (BOM already removed). */
export function readFrontMatter(lines: readonly string[]): FrontMatter {
  const fm: FrontMatter = { present: false, bodyStart: 0, title: '', author: null, date: null, dateLine: 1, declaredLines: null, tags: [], error: null };
  if (lines.length === 0 || lines[0]!.trimEnd() !== '---') return fm;
  let close = -1;
  // The front matter is short; a missing closing `---` must not swallow the whole log.
  for (let i = 1; i < Math.min(lines.length, 60); i++) {
    if (lines[i]!.trimEnd() === '---') { close = i; break; }
    if (/^> \d/.test(lines[i]!)) break;
  }
  if (close < 0) {
    fm.error = 'front matter has no closing "---"';
    return fm;
  }
  fm.present = true;
  fm.bodyStart = close + 1;
  const block = lines.slice(1, close);

  // Raw values by key, as written: the fallback, and the source of `date` (YAML turns it into a Date in UTC).
  const raw = new Map<string, { value: string; line: number }>();
  block.forEach((l, i) => {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(l);
    if (m && !raw.has(m[1]!)) raw.set(m[1]!, { value: m[2]!, line: i + 2 });
  });

  let data: Record<string, unknown> = {};
  try {
    // Passing options disables gray-matter's global cache (it would keep every file in memory).
    data = matter(`---\n${block.join('\n')}\n---\n`, { excerpt: false }).data as Record<string, unknown>;
  } catch (e) {
    fm.error = `front matter is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
    for (const [k, v] of raw) data[k] = v.value.replace(/^(["'])(.*)\1$/, '$2');
  }

  fm.title = str(data.title) ?? '';
  const author = str(data.author);
  fm.author = author === null || NONE.has(author.toLowerCase()) ? null : decodeEntities(author);
  const d = raw.get('date');
  if (d) {
    fm.dateLine = d.line;
    const m = /^["']?(\d{4}-\d{2}-\d{2})/.exec(d.value);
    fm.date = m ? m[1]! : null;
  }
  const n = typeof data.lines === 'number' ? data.lines : Number(str(data.lines) ?? NaN);
  fm.declaredLines = Number.isFinite(n) ? n : null;
  const tags = data.tags ?? data.tag;
  if (Array.isArray(tags)) fm.tags = tags.map((t) => String(t).trim()).filter(Boolean);
  else if (typeof tags === 'string') fm.tags = tags.replace(/^\[|\]$/g, '').split(',').map((t) => t.trim()).filter(Boolean);
  return fm;
}
