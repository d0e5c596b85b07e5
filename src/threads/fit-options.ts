// The fitting settings used both by scripts/fit-threads.ts and by cross-validation, so the held-out figures
// describe the committed model's recipe. Chosen among a handful of settings (l2 0.03/0.01/0.003/0.001, weight of
// new-thread decisions 1-4, 0-2 DAgger rounds, a decoding lean towards new threads of -1 to 3) by the
// leave-one-day-out means over the nine gold days, which makes those means slightly optimistic. Weighting the
// rare new-thread decisions twice keeps one-to-one well above its target (88 against 80 at weight 1). With the
// current features (session 5) the recipe is a sharp optimum: a lean of +0.25 or -0.25 towards new threads costs
// 3-14 points of exact-match F1, so no lean is applied. Re-decoding to maximise the whole day's likelihood
// (flipping close calls to "new") changed nothing: the greedy path is already the model's best. Rechecked on the 13
// gold days of session 6 (before the guest-talk change; edit FIT and run `npm run eval`): exact F1 29.2 as set,
// 26.5 / 23.8 with new-thread weight 1 / 3, 26.7 / 29.1 with l2 0.01 / 0.003, 29.8 with one DAgger round (one-to-one
// 80.3 against 82.2), so the recipe stays. A lean chosen per fold on the training days and a second merge pass are
// in scripts/thread-trials.ts. Session 7 (13 days, with guest talks read as one thread; `npx tsx
// scripts/thread-trials.ts fit '<json>'`): fitting on the model's own decoded history as well as gold's pays once the
// rounds do not pile up: exact F1 29.4 with no round, 30.7 with one, 32.6 with two rounds that keep every round's
// decisions (DAgger's aggregate), 33.5 / one-to-one 88.0 with two rounds that keep gold's decisions and only the
// latest round's own (`aggregate: false`, the recipe now; a third such round gives 33.6 / 88.1 for a third more
// fitting time). Labelling an own decision by the thread holding most of
// the gold thread so far, rather than the thread of its latest message, loses (25.3 after one round). With two
// rounds, new-thread weight 1.5 / 3 gives 29.6 / 26.4, so it stays 2.
import type { FitOptions } from './fit.ts';

export const FIT: FitOptions & { rounds?: number; newBias?: number; aggregate?: boolean } = { l2: 0.001, iterations: 600, rate: 0.05, newWeight: 2, rounds: 2, aggregate: false };
