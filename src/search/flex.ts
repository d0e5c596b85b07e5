// The FlexSearch index as both the builder and the client configure it. Our tokens arrive pre-cut by
// src/text/tokenize.ts, joined by TOKEN_SEP, so FlexSearch never cuts text itself: one tokenizer.
import { Index } from 'flexsearch';
import { TOKEN_SEP } from './format.ts';

export function newFlexIndex(): Index {
  // The typings cannot express a custom `encode` without an encoder preset, hence the cast.
  return new Index({
    tokenize: 'strict',
    encode: (s: string) => s.split(TOKEN_SEP),
    // We rank ourselves (tf, position, recency) after an exact check, so one resolution slot is enough.
    resolution: 1,
    fastupdate: false,
  } as ConstructorParameters<typeof Index>[0]) as Index;
}
