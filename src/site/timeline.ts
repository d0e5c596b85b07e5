// The day timeline: each thread is a lane of coloured marks at the times its messages were written, so a
// reader sees at a glance what was discussed when. Pure geometry in percent of the day's time span, so the
// server-rendered SVG stretches to any width without scaling its text.
import { secondsOfDay } from '../text/time.ts';
import { colourAt } from './palette.ts';

export interface TimelineThreadInput {
  id: string;
  title: string;
  /** HH:MM:SS of each message of the thread, in thread order. */
  times: string[];
  /** Its colour when it has one already (a part of a busy day draws some of the day's threads, in the day's colours). */
  colour?: string;
}

export interface TimelineLane {
  threadId: string;
  title: string;
  colour: string;
  /** Row of the lane (threads that never overlap in time may share a row when there are many threads). */
  row: number;
  /** Percent positions (0..100) of the first and last message. */
  x0: number;
  x1: number;
  /** Percent positions of each message. */
  ticks: number[];
  start: string;
  end: string;
  count: number;
}

export interface TimelineAxisTick {
  x: number;
  label: string;
}

export interface Timeline {
  lanes: TimelineLane[];
  rows: number;
  axis: TimelineAxisTick[];
}

const HOUR = 3600;

/**
 * Lays out a day's threads. Threads are coloured in order of first message; with at most `maxRows` threads
 * each gets its own row (easiest to read); beyond that, threads are packed greedily into rows, never
 * letting two threads whose time spans overlap (plus a small gap) share one.
 */
export function layoutTimeline(threads: TimelineThreadInput[], maxRows = 16): Timeline {
  const spans = threads
    .map((t) => {
      const secs = t.times.map(secondsOfDay).filter((s) => Number.isFinite(s));
      return { t, secs, lo: secs.length ? Math.min(...secs) : NaN, hi: secs.length ? Math.max(...secs) : NaN };
    })
    .filter((s) => s.secs.length > 0)
    .sort((a, b) => a.lo - b.lo || a.t.id.localeCompare(b.t.id));
  if (spans.length === 0) return { lanes: [], rows: 0, axis: [] };
  const lo = Math.floor(Math.min(...spans.map((s) => s.lo)) / HOUR) * HOUR;
  const hi = Math.max(lo + HOUR, Math.ceil((Math.max(...spans.map((s) => s.hi)) + 1) / HOUR) * HOUR);
  const x = (sec: number) => Math.round(((sec - lo) / (hi - lo)) * 10000) / 100;
  const gap = (hi - lo) * 0.02;
  const rowEnds: number[] = [];
  const fmt = (sec: number) => `${String(Math.floor(sec / HOUR)).padStart(2, '0')}:${String(Math.floor((sec % HOUR) / 60)).padStart(2, '0')}`;
  const lanes = spans.map((s, i): TimelineLane => {
    let row = i;
    if (spans.length > maxRows) {
      row = rowEnds.findIndex((end) => end + gap < s.lo);
      if (row < 0) row = rowEnds.length;
      rowEnds[row] = s.hi;
    }
    return {
      threadId: s.t.id, title: s.t.title, colour: s.t.colour ?? colourAt(i), row, x0: x(s.lo), x1: x(s.hi),
      ticks: s.secs.map(x), start: fmt(s.lo), end: fmt(s.hi), count: s.secs.length,
    };
  });
  const hours = (hi - lo) / HOUR;
  const step = hours <= 6 ? 1 : hours <= 12 ? 2 : 3;
  const axis: TimelineAxisTick[] = [];
  for (let h = lo; h <= hi; h += step * HOUR) axis.push({ x: x(h), label: fmt(h) });
  return { lanes, rows: Math.max(...lanes.map((l) => l.row)) + 1, axis };
}
