// The one summary of the warnings a build publishes past: counts by kind, then each warning with its
// file:line (the first `limit` of them; `npm run cli -- check` lists all).
import { formatProblem } from '../core/check.ts';
import type { Problem } from '../core/types.ts';

/** A warning's kind: its message without the parts that vary (quoted text, numbers, names). */
function kindOf(p: Problem): string {
  return p.message.replace(/"[^"]*"/g, '"…"').replace(/\([^)]*\)/g, '').replace(/\d[\d,]*/g, 'N').replace(/\s+/g, ' ').split(/[:;]/)[0]?.trim() ?? '';
}

export function warningSummary(problems: readonly Problem[], limit = 30): string | null {
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (!warnings.length) return null;
  const kinds = new Map<string, number>();
  for (const w of warnings) kinds.set(kindOf(w), (kinds.get(kindOf(w)) ?? 0) + 1);
  const lines = [`content: ${warnings.length} warning(s) in the day logs, published anyway:`];
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(5)}  ${k}`);
  for (const w of warnings.slice(0, limit)) lines.push('  ' + formatProblem(w));
  if (warnings.length > limit) lines.push(`  … and ${warnings.length - limit} more (npm run cli -- check lists them all)`);
  return lines.join('\n');
}
