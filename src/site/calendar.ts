// The activity calendar: one cell per day, weeks as columns (Monday first), from the archive's first month
// to its last, shaded by how many messages were written that day across all groups.

export interface CalendarDayInput {
  date: string;
  count: number;
  href: string;
  label: string;
}

export interface CalendarCell {
  date: string;
  week: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  count: number;
  /** 0 (nothing) … 4 (busiest) */
  level: number;
  /** The first group's page of that date that has messages; null when nothing was said (no log, or quiet days only). */
  href: string | null;
  label: string;
  /** A date with a day log but no message in any group (front matter only): drawn as quiet, not linked. */
  quiet: boolean;
}

export interface Calendar {
  cells: CalendarCell[];
  weeks: number;
  months: { week: number; label: string }[];
}

const DAY_MS = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Level 1..4 by quartiles of the busiest day, so one huge day does not wash the others out to level 1. */
export function levelOf(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

export function buildCalendar(days: CalendarDayInput[]): Calendar {
  if (days.length === 0) return { cells: [], weeks: 0, months: [] };
  const byDate = new Map<string, CalendarDayInput[]>();
  for (const d of days) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  const dates = [...byDate.keys()].sort();
  const first = utc(`${dates[0]!.slice(0, 7)}-01`);
  const lastMonth = new Date(utc(`${dates[dates.length - 1]!.slice(0, 7)}-01`));
  const end = Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 1) - DAY_MS;
  const mondayOffset = (new Date(first).getUTCDay() + 6) % 7;
  const start = first - mondayOffset * DAY_MS;
  const totals = new Map(dates.map((d) => [d, byDate.get(d)!.reduce((n, x) => n + x.count, 0)]));
  const max = Math.max(...totals.values());
  const cells: CalendarCell[] = [];
  const months: Calendar['months'] = [];
  for (let t = first; t <= end; t += DAY_MS) {
    const date = iso(t);
    const idx = Math.round((t - start) / DAY_MS);
    const week = Math.floor(idx / 7);
    if (date.endsWith('-01')) months.push({ week, label: `${Number(date.slice(5, 7))}月` });
    const entries = byDate.get(date) ?? [];
    const count = totals.get(date) ?? 0;
    // A quiet day's page only says that nothing was said, so a cell links to a day with messages, never to one without.
    const spoken = entries.filter((e) => e.count > 0);
    cells.push({
      date, week, weekday: idx % 7, count, level: levelOf(count, max),
      href: spoken[0]?.href ?? null,
      label: spoken.length ? `${date}：${spoken.map((e) => e.label).join('，')}` : date,
      quiet: entries.length > 0 && count === 0,
    });
  }
  return { cells, weeks: cells[cells.length - 1]!.week + 1, months };
}
