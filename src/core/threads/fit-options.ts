// The fitting settings used both by scripts/fit-threads.ts and by cross-validation, so the held-out figures
// describe the committed model's recipe.
import type { FitOptions } from './fit.ts';

export const FIT: FitOptions = { l2: 0.01, iterations: 1500, rate: 0.05 };
