// Activity over time: counts bucketed by month, from the archive's first month to its last (empty months
// included, so gaps in the conversation show as gaps), and the bar geometry of a small SVG chart.

export interface TrendPoint {
  month: string;
  count: number;
}

/** `YYYY-MM` of every month from `from` to `to` inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const [ty, tm] = to.slice(0, 7).split('-').map(Number);
  while (y! < ty! || (y === ty && m! <= tm!)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m! > 12) { m = 1; y!++; }
  }
  return out;
}

/** Monthly counts of dated items across [from, to]. */
export function monthlySeries(dates: string[], from: string, to: string): TrendPoint[] {
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(d.slice(0, 7), (counts.get(d.slice(0, 7)) ?? 0) + 1);
  return monthRange(from, to).map((month) => ({ month, count: counts.get(month) ?? 0 }));
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  point: TrendPoint;
}

/** Bars in a width x height box; a non-empty month is at least 1 unit tall so it stays visible. */
export function barGeometry(series: TrendPoint[], width: number, height: number, gapRatio = 0.2): Bar[] {
  if (series.length === 0) return [];
  const max = Math.max(1, ...series.map((p) => p.count));
  const slot = width / series.length;
  const w = Math.max(0.5, slot * (1 - gapRatio));
  return series.map((point, i) => {
    const h = point.count === 0 ? 0 : Math.max(1, (point.count / max) * height);
    return { x: round(i * slot + (slot - w) / 2), y: round(height - h), width: round(w), height: round(h), point };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The busiest month, or null when every month is empty. */
export function peak(series: TrendPoint[]): TrendPoint | null {
  return series.reduce<TrendPoint | null>((best, p) => (p.count > 0 && (!best || p.count > best.count) ? p : best), null);
}
