// The one summary of the warnings a build publishes past: counts by kind, each with its first few
// warnings at file:line (`npm run cli -- check` lists all).
import { formatProblem } from '../ingest/check.ts';
import type { Problem } from '../model/types.ts';

/** A warning's kind: its message without the parts that vary (quoted text, numbers, names). */
function kindOf(p: Problem): string {
  return p.message.replace(/"[^"]*"/g, '"…"').replace(/[\w-]+\/\d{4}-\d{2}-\d{2}(?:\/[\w#-]+)?(?:-chat\.markdown)?/g, '<id>').replace(/\([^)]*\)/g, '').replace(/\d[\d,]*/g, 'N').replace(/\s+/g, ' ').split(/[:;]/)[0]?.trim() ?? '';
}

export function warningSummary(problems: readonly Problem[], perKind = 5): string | null {
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (!warnings.length) return null;
  const kinds = new Map<string, Problem[]>();
  for (const w of warnings) kinds.set(kindOf(w), [...(kinds.get(kindOf(w)) ?? []), w]);
  const lines = [`content: ${warnings.length} warning(s) in the day logs, published anyway (npm run cli -- check lists them all):`];
  for (const [k, ws] of [...kinds].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`  ${String(ws.length).padStart(5)}  ${k}`);
    for (const w of ws.slice(0, perKind)) lines.push('         ' + formatProblem(w));
    if (ws.length > perKind) lines.push(`         … and ${ws.length - perKind} more`);
  }
  return lines.join('\n');
}
