// The fitting settings used both by scripts/fit-threads.ts and by cross-validation, so the held-out figures
// describe the committed model's recipe. Chosen among a handful of settings (l2 0.03/0.01/0.003/0.001, weight of
// new-thread decisions 1-4, 0-2 DAgger rounds, a decoding lean towards new threads of -1 to 3) by the
// leave-one-day-out means over the nine gold days, which makes those means slightly optimistic. Weighting the
// rare new-thread decisions twice keeps one-to-one well above its target (88 against 80 at weight 1). With the
// current features (session 5) the recipe is a sharp optimum: a lean of +0.25 or -0.25 towards new threads costs
// 3-14 points of exact-match F1, so no lean is applied. Re-decoding to maximise the whole day's likelihood
// (flipping close calls to "new") changed nothing: the greedy path is already the model's best.
import type { FitOptions } from './fit.ts';

export const FIT: FitOptions & { rounds?: number; newBias?: number } = { l2: 0.001, iterations: 600, rate: 0.05, newWeight: 2, rounds: 0 };
