// A long thread often holds several sub-discussions: the splitter (src/threads) joins a short exchange to a long
// conversation it interleaves with, and a long talk drifts. Topics weigh evidence over the whole thread, so such a
// sub-discussion's topic drowns in the rest (a share of a few per cent). Episodes are the thread's runs of messages
// with no pause longer than `gapSeconds` between them; each is tagged on its own (src/topics/evidence.ts) and its
// first topic joins the thread's. Pure.
import type { ThreadText } from './evidence.ts';

/** The thread's episodes of at least `minMessages` messages (none when the whole thread is one episode). */
export function episodes(thread: ThreadText, gapSeconds: number, minMessages: number): ThreadText[] {
  const secs = thread.seconds;
  if (!secs || secs.length !== thread.texts.length) return [];
  const runs: number[][] = [];
  let run: number[] = [];
  secs.forEach((s, i) => {
    const prev = i > 0 ? secs[i - 1] : undefined;
    if (prev !== undefined && s - prev > gapSeconds) { runs.push(run); run = []; }
    run.push(i);
  });
  runs.push(run);
  if (runs.length < 2) return [];
  return runs.filter((r) => r.length >= minMessages).map((r) => {
    const first = r[0] ?? 0;
    const leadIn = r.indexOf(thread.lead);
    return {
      texts: r.map((i) => thread.texts[i] ?? ''),
      speakers: r.map((i) => thread.speakers[i] ?? ''),
      lead: leadIn >= 0 ? leadIn : 0,
      asked: leadIn >= 0 && thread.asked === true,
      seconds: r.map((i) => secs[i] ?? secs[first] ?? 0),
    };
  });
}
