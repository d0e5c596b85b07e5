// Times of day. A message keeps its time as written (`HH:MM:SS`, which the header line guarantees); every
// consumer that needs a number (threads, duplicates, the day timeline, the view model) reads it here.
// Pure and browser-safe.

const TIME = /^(\d\d):(\d\d)(?::(\d\d))?$/;

/** `HH:MM:SS` or `HH:MM` -> seconds since midnight; NaN for anything else. Fields are not range-checked. */
export function secondsOfDay(time: string): number {
  const m = TIME.exec(time);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : NaN;
}
