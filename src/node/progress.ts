// Build progress: one line per stage (what it produced, how long it took, when it ended), printed only while a site
// build runs. The archive loader, related discussions, the search index and precompression report here; outside
// a build (CLI, dev server, tests of those modules) nothing is printed, so `export | jq` stays clean.
//
// State lives on globalThis: during `astro build` the pages' bundle and the integrations load this module as two
// instances, and both must write to the same reporter.

export type Writer = (line: string) => void;

interface State {
  write: Writer | null;
  /** performance.now() when the build started (astro:build:start). */
  buildStart: number;
  /** When the first reported stage began: the end of bundling, the start of page generation. */
  firstStageStart: number | null;
}

const KEY = Symbol.for('chat-knowledge-archive.progress');
const g = globalThis as Record<symbol, unknown>;
const state: State = (g[KEY] as State | undefined) ?? (g[KEY] = { write: null, buildStart: 0, firstStageStart: null } as State);

const NAME_WIDTH = 14;

/** Counts with thousands separators: 123,706. */
export const count = (n: number): string => n.toLocaleString('en-US');

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** `[build] pages          440 pages · 45.1 s · at 76.3 s` */
export function formatStage(name: string, detail: string, ms: number, atMs: number): string {
  return `[build] ${name.padEnd(NAME_WIDTH)} ${detail} · ${seconds(ms)} · at ${seconds(atMs)}`;
}

/** Turns reporting on for this process (the build's integration does, at astro:config:setup). */
export function enableProgress(write: Writer = (line) => process.stdout.write(line + '\n')): void {
  state.write = write;
  state.buildStart = performance.now();
  state.firstStageStart = null;
}

export function disableProgress(): void {
  state.write = null;
}

/** Marks the start of the build proper (after config), from which "at" times are counted. */
export function markBuildStart(): void {
  state.buildStart = performance.now();
}

/** The stage that ended just now after `ms`; the first one also reports the bundling before it. */
export function stage(name: string, detail: string, ms: number): void {
  const write = state.write;
  if (!write) return;
  const now = performance.now();
  if (state.firstStageStart === null) {
    state.firstStageStart = now - ms;
    write(formatStage('bundle', 'Astro and Vite compile the pages', state.firstStageStart - state.buildStart, state.firstStageStart - state.buildStart));
  }
  write(formatStage(name, detail, ms, now - state.buildStart));
}

/** Runs `fn` and reports it as a stage with the detail drawn from its result. */
export function timed<T>(name: string, fn: () => T, detail: (result: T) => string): T {
  const t = performance.now();
  const result = fn();
  stage(name, detail(result), performance.now() - t);
  return result;
}

/** Milliseconds since page generation began (the first stage), or since the build started if none ran yet. */
export function sinceFirstStage(): number {
  return performance.now() - (state.firstStageStart ?? state.buildStart);
}

export function sinceBuildStart(): number {
  return performance.now() - state.buildStart;
}

/** A warning line, printed whether or not Astro's own logging is quiet. */
export function warn(line: string): void {
  (state.write ?? ((l: string) => process.stderr.write(l + '\n')))(`[build] warning: ${line}`);
}
