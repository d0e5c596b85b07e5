// Token weights of a day: rarity within the day (log N/df), so 支付 counts little and 分录 a lot. Glossary and
// topic terms (`#term` tokens) count 1.5 times. Computed once per day, so scoring a message against each
// candidate thread only looks weights up.
import type { Features, Vocabulary } from './features.ts';

/** Indexed like the day's features; weights like each message's tokenIds. */
export interface Lexicon {
  weights: number[][];
  /** Sum of the message's weights, added in token order. */
  mass: number[];
  /** Sum of the weights of the tokens the message shares with the day's previous message. */
  sharedWithPrevious: number[];
  /** Per token id: true for glossary/topic terms. */
  isTerm: boolean[];
  /**
   * Like `weights`: 1 where another speaker uses the token within UPTAKE seconds after the message. The day is
   * read whole, so a message's words taken up by the next speakers say the conversation is about them.
   */
  takenUp: Uint8Array[];
}

/** How long after a message its words count as taken up by others (s), and how many messages are looked at. */
const UPTAKE = 20 * 60;
const UPTAKE_MESSAGES = 40;

export function lexicon(feats: Features[], vocabulary: Vocabulary): Lexicon {
  const n = Math.max(feats.length, 2);
  const isTerm = vocabulary.names.map((name) => name.startsWith('#'));
  const idf = vocabulary.df.map((c, id) => Math.max(0, Math.log(n / c)) * (isTerm[id] ? 1.5 : 1));
  const weights: number[][] = [];
  const mass: number[] = [];
  const sharedWithPrevious: number[] = [];
  // Per token, the index of the last message using it: -1 before any.
  const lastIn = new Array<number>(idf.length).fill(-1);
  feats.forEach((f, i) => {
    const ids = f.tokenIds;
    const w = ids.map((id) => idf[id] ?? 0);
    let m = 0;
    let shared = 0;
    ids.forEach((id, k) => {
      m += w[k] ?? 0;
      if (i > 0 && lastIn[id] === i - 1) shared += w[k] ?? 0;
    });
    for (const id of ids) lastIn[id] = i;
    weights.push(w);
    mass.push(m);
    sharedWithPrevious.push(shared);
  });
  const takenUp = feats.map((f, i) => {
    const out = new Uint8Array(f.tokenIds.length);
    if (!f.tokenIds.length) return out;
    const later = new Set<number>();
    for (let j = i + 1; j < feats.length && j <= i + UPTAKE_MESSAGES; j++) {
      const g = feats[j]!;
      if (g.t - f.t > UPTAKE) break;
      if (g.who !== f.who && g.echoOf === null) for (const id of g.tokenIds) later.add(id);
    }
    f.tokenIds.forEach((id, k) => { if (later.has(id)) out[k] = 1; });
    return out;
  });
  return { weights, mass, sharedWithPrevious, isTerm, takenUp };
}
