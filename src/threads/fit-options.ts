// The fitting settings used both by scripts/fit-threads.ts and by cross-validation, so the held-out figures
// describe the committed model's recipe. Chosen among a handful of settings (l2 0.03/0.01/0.001, weight of
// new-thread decisions 1-4, 0-2 DAgger rounds, a decoding lean towards new threads of 0-1.5) by the
// leave-one-day-out means over the nine gold days, which makes those means slightly optimistic. Weighting the
// rare new-thread decisions twice kept one-to-one above its target (88 against 80 at weight 1) at a small cost
// in exact-match F1 (27 against 30); no setting came near the F1 target.
import type { FitOptions } from './fit.ts';

export const FIT: FitOptions & { rounds?: number; newBias?: number } = { l2: 0.001, iterations: 600, rate: 0.05, newWeight: 2, rounds: 0 };
