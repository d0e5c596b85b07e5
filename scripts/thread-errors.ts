// `npx tsx scripts/thread-errors.ts [--gold dir]`: what keeps exact-match F1 low, leave-one-day-out. Each gold day
// is decoded with thread weights fitted on the other days; every gold thread that no predicted thread matches
// exactly is counted as split (its messages went to several threads), merged (its thread also holds other gold
// threads' messages) or both, with how many messages its best partner gets wrong (missing + extra). Also how well
// the new-thread decision alone separates gold thread starts from the other scored messages: the AUC of the margin
// "new thread" minus the best thread, and how many of each side open at the decoding threshold. Then exact matches
// by gold thread size, and the near misses (best partner off by 1-2 messages) message by message: which messages
// keep those threads from matching and how the model decided each (its margin, or 'linked' for a near-certain
// link). Upper bounds of other decoders: scripts/thread-trials.ts. A dev-time tool.
import { readGold, DEFAULT_GOLD_DIR } from '../src/node/gold.ts';
import { buildGoldDays } from '../src/eval/gold-days.ts';
import { fitThreads } from '../src/eval/crossval.ts';
import { disentangle } from '../src/threads/disentangle.ts';
import { compileThreadTerms } from '../src/threads/features.ts';
import { FIT } from '../src/threads/fit-options.ts';
const i = process.argv.indexOf('--gold');
const set = readGold(i >= 0 ? process.argv[i + 1] : DEFAULT_GOLD_DIR);
const { days, terms } = buildGoldDays(set.files, set.input);
const compiled = compileThreadTerms(terms);
const offs: { day: string; id: string; n: number; missing: number; extra: number; diff: number }[] = [];
/** Near misses: the messages that keep a gold thread from matching its best partner exactly. */
const near: string[] = [];
const sizeBucket = (n: number) => (n <= 1 ? '1' : n <= 3 ? '2-3' : n <= 10 ? '4-10' : n <= 40 ? '11-40' : '>40');
const bySize = new Map<string, { gold: number; exact: number }>();
const tot = { gold: 0, exact: 0, split: 0, merged: 0, both: 0, singletonGold: 0, singletonExact: 0, pred: 0, goldMsgs: 0, dayMsgs: 0 };
/** Margins of the scored messages (linked ones are not scored), gold starts apart. */
const margins = { start: [] as number[], other: [] as number[] };
for (const held of days) {
  const w = fitThreads(days.filter((d) => d !== held), terms, FIT);
  const starts = new Set(held.gold.threads.map((g) => g.messages[0]));
  const marginOf = new Map<number, number>();
  const pred = disentangle(held.day, { terms, compiled, weights: w, trace: (seq, scores) => {
    if (scores.length < 2) return; // nothing to join: not a decision
    const m = scores[scores.length - 1]! - Math.max(...scores.slice(0, -1));
    marginOf.set(seq, m);
    (starts.has(seq) ? margins.start : margins.other).push(m);
  } });
  const owner = new Map<number, number>(); pred.forEach((p, j) => p.forEach((s) => owner.set(s, j)));
  const goldOwner = new Map<number, number>(); held.gold.threads.forEach((g, i) => g.messages.forEach((s) => goldOwner.set(s, i)));
  let ex = 0, sp = 0, me = 0, bo = 0;
  for (const g of held.gold.threads) {
    const js = new Set(g.messages.map((s) => owner.get(s)));
    const split = js.size > 1;
    // merged: some predicted thread holding part of g also holds messages of another gold thread (or unannotated)
    const merged = [...js].some((j) => (pred[j!] ?? []).some((s) => goldOwner.get(s) !== goldOwner.get(g.messages[0]!)));
    tot.gold++; if (g.messages.length === 1) tot.singletonGold++;
    { // best partner by overlap; symmetric difference
      const hits = new Map<number, number>(); for (const s of g.messages) { const j = owner.get(s)!; hits.set(j, (hits.get(j) ?? 0) + 1); }
      const [bj, bn] = [...hits].sort((a, b) => b[1] - a[1])[0]!;
      const diff = g.messages.length - bn + ((pred[bj] ?? []).length - bn);
      const missing = g.messages.length - bn, extra = (pred[bj] ?? []).length - bn;
      if (split || merged) offs.push({ day: held.name.slice(0, 19), id: g.id, n: g.messages.length, missing, extra, diff });
      if ((split || merged) && diff <= 2) {
        const partner = new Set(pred[bj] ?? []);
        const off = [...g.messages.filter((s) => !partner.has(s)).map((s) => ['missing', s] as const), ...[...partner].filter((s) => !g.messages.includes(s)).map((s) => ['extra', s] as const)];
        near.push(`  ${held.name.slice(0, 19)} ${g.id} n=${g.messages.length}:`);
        for (const [how, s] of off) {
          const m = held.day.messages[s - 1]!;
          const margin = marginOf.get(s);
          near.push(`    ${how.padEnd(7)} #${s} ${m.time} ${m.kind.padEnd(5)} ${margin === undefined ? 'linked/first' : 'new-minus-best ' + margin.toFixed(2)}  ${m.plain.replace(/\s+/g, ' ').slice(0, 40)}`);
        }
      }
    }
    const b = bySize.get(sizeBucket(g.messages.length)) ?? { gold: 0, exact: 0 };
    b.gold++; if (!split && !merged) b.exact++;
    bySize.set(sizeBucket(g.messages.length), b);
    if (!split && !merged) { ex++; if (g.messages.length === 1) tot.singletonExact++; } else if (split && merged) bo++; else if (split) sp++; else me++;
  }
  const annotated = held.gold.threads.reduce((a, g) => a + g.messages.length, 0);
  tot.exact += ex; tot.split += sp; tot.merged += me; tot.both += bo; tot.pred += pred.length; tot.goldMsgs += annotated; tot.dayMsgs += held.day.messages.length;
  console.log(`${held.name.padEnd(34)} gold ${held.gold.threads.length} pred ${pred.length} exact ${ex} split-only ${sp} merged-only ${me} both ${bo}  (annotated ${annotated}/${held.day.messages.length} msgs)`);
}
console.log(JSON.stringify(tot));
const bucket = (d: number) => (d <= 1 ? '1' : d <= 3 ? '2-3' : d <= 10 ? '4-10' : '>10');
const c = new Map<string, number>(); for (const o of offs) c.set(bucket(o.diff), (c.get(bucket(o.diff)) ?? 0) + 1);
console.log('non-exact gold threads by messages off (missing + extra, best partner):', JSON.stringify([...c]));
const mc = offs.filter((o) => o.missing > o.extra).length, ec = offs.filter((o) => o.extra > o.missing).length;
console.log(`more missing than extra (split off): ${mc}; more extra than missing (merged in): ${ec}`);
{
  const other = [...margins.other].sort((a, b) => a - b);
  const below = (x: number) => { let lo = 0, hi = other.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (other[mid]! < x) lo = mid + 1; else hi = mid; } return lo; };
  const auc = margins.start.reduce((a, x) => a + below(x), 0) / Math.max(1, margins.start.length * other.length);
  console.log(`new-thread decision: AUC ${auc.toFixed(3)} over ${margins.start.length} gold starts and ${other.length} other scored messages; opened at the threshold: ${margins.start.filter((x) => x > 0).length} starts, ${other.filter((x) => x > 0).length} others`);
}
console.log('gold threads by size (messages): ' + ['1', '2-3', '4-10', '11-40', '>40'].map((k) => `${k}: ${bySize.get(k)?.exact ?? 0}/${bySize.get(k)?.gold ?? 0} exact`).join(', '));
for (const o of offs) console.log(`  ${o.day} ${o.id} n=${o.n} missing ${o.missing} extra ${o.extra}`);
console.log(`near misses (best partner off by 1-2 messages): ${near.filter((l) => l.startsWith('  ') && !l.startsWith('    ')).length}`);
for (const l of near) console.log(l);
