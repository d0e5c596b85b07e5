// Leave-one-day-out cross-validation of the topic scorer over the gold days: fit on the other days' gold threads,
// tag the held-out day's pipeline threads, measure issue 16's agreement. Shared by scripts/fit-topics.ts and
// `npm run eval`. Pure over an Archive and the gold files.
import { parseMessageId } from '../model/ids.ts';
import { compileTagger, tagThread, type TopicModel } from './evidence.ts';
import { fitModel, TOPIC_FIT, type FitOptions, type LabelledThread } from './fit.ts';
import { threadText } from './thread-text.ts';
import { broadTopics, nearestTopic, topicProfiles, type TopicProfiles } from './nearest.ts';
import { firstTopicAgreement, partnerOf, type TopicAgreement } from '../eval/topics.ts';
import type { Archive, Day } from '../model/types.ts';

export interface GoldThreads {
  /** Day id, e.g. devarch/2018-08-08. */
  day: string;
  threads: { messages: number[]; topics?: string[]; question?: number | null }[];
}

export interface FoldScore {
  day: string;
  /** On the pipeline's threads (the one holding most of each gold thread). */
  pipeline: TopicAgreement;
  /** On the gold threads' own message sets (the scorer alone, boundaries aside). */
  gold: TopicAgreement;
}

export function labelled(day: Day, g: GoldThreads): LabelledThread[] {
  return g.threads
    .filter((t) => (t.topics ?? []).length > 0)
    .map((t) => ({ thread: threadText(day, t.messages, t.question ?? null), topics: t.topics ?? [] }));
}

/** What the tagger reads of one of the pipeline's threads: its messages, led by its question. */
const ownThreadText = (day: Day, t: Archive['threads'][number]) => threadText(day, t.seqs, t.questionId ? parseMessageId(t.questionId)?.seq ?? null : null);

/**
 * The pipeline thread holding most of each of the day's gold threads with topics, labelled with that gold
 * thread's topics: what the threshold and episode settings are chosen on besides the gold message sets.
 */
export function partnerLabelled(archive: Archive, day: Day, g: GoldThreads): LabelledThread[] {
  const pred = archive.threads.filter((t) => t.day === g.day);
  const cases = pred.map((t) => ({ seqs: t.seqs, topics: t.topics }));
  return g.threads.filter((t) => (t.topics ?? []).length > 0).flatMap((t) => {
    const p = pred[partnerOf(t.messages, cases)];
    if (!p) return [];
    return [{ thread: ownThreadText(day, p), topics: t.topics ?? [] }];
  });
}

/** The fitting data of a set of gold days: their gold message sets, and their pipeline partners. */
export function trainingData(archive: Archive, golds: readonly GoldThreads[]): { data: LabelledThread[]; partners: LabelledThread[] } {
  const days = new Map(archive.days.map((d) => [d.id, d]));
  const data: LabelledThread[] = [];
  const partners: LabelledThread[] = [];
  for (const g of golds) {
    const d = days.get(g.day);
    if (!d) continue;
    data.push(...labelled(d, g));
    partners.push(...partnerLabelled(archive, d, g));
  }
  return { data, partners };
}

/**
 * The broad-topic profiles (src/topics/nearest.ts) of the archive's threads as `model` tags them, before any
 * nearest-topic fill, as the pipeline computes them. A fold passes its own model, so the held-out day's gold never
 * reaches the profiles through the committed model's tags.
 */
export function archiveProfiles(archive: Archive, model: TopicModel): TopicProfiles {
  const days = new Map(archive.days.map((d) => [d.id, d]));
  const tagger = compileTagger(archive.topics, archive.terms, model);
  const docs = archive.threads.flatMap((t) => {
    const day = days.get(t.day);
    if (!day) return [];
    const text = ownThreadText(day, t);
    return [{ topics: tagThread(text, tagger).topics.map((s) => s.slug), texts: text.texts }];
  });
  return topicProfiles(docs, broadTopics(archive.topics));
}

/** Agreement of one model on one gold day: the evidence tagger, then the nearest broad topic as the pipeline does. */
export function scoreDay(archive: Archive, day: Day, g: GoldThreads, model: TopicModel, profiles: TopicProfiles = archiveProfiles(archive, model)): FoldScore {
  const tagger = compileTagger(archive.topics, archive.terms, model);
  const slugs = (seqs: readonly number[], q: number | null) => {
    const text = threadText(day, seqs, q);
    const tagged = tagThread(text, tagger).topics.map((s) => s.slug);
    if (tagged.length) return tagged;
    const near = nearestTopic(text.texts, profiles);
    return near ? [near.slug] : [];
  };
  const pred = archive.threads.filter((t) => t.day === g.day).map((t) => ({
    seqs: t.seqs,
    topics: slugs(t.seqs, t.questionId ? parseMessageId(t.questionId)?.seq ?? null : null),
  }));
  const gold = g.threads.map((t) => ({ seqs: t.messages, topics: t.topics ?? [] }));
  const own = g.threads.map((t) => ({ seqs: t.messages, topics: slugs(t.messages, t.question ?? null) }));
  return { day: g.day, pipeline: firstTopicAgreement(gold, pred), gold: firstTopicAgreement(gold, own) };
}

/** The model of the fold that holds out `held`: fitted on the other days' gold only. */
export function foldModel(archive: Archive, golds: readonly GoldThreads[], held: string, base: Pick<TopicModel, 'idf' | 'defaultIdf'>, opts: FitOptions = TOPIC_FIT): TopicModel {
  const { data, partners } = trainingData(archive, golds.filter((g) => g.day !== held));
  return fitModel(data, archive.topics, archive.terms, base, { ...opts, partners });
}

/**
 * One fold per gold day present in the archive: the weights, the threshold (chosen by the fit on the training
 * days) and the broad-topic profiles (the archive tagged by the fold's model) all come from the other days' gold;
 * idf (no gold in it) comes from `base`.
 */
export function crossValidate(archive: Archive, golds: readonly GoldThreads[], base: Pick<TopicModel, 'idf' | 'defaultIdf'>, opts: FitOptions = TOPIC_FIT): FoldScore[] {
  const days = new Map(archive.days.map((d) => [d.id, d]));
  const present = golds.filter((g) => days.has(g.day));
  return present.map((g) => {
    const model = foldModel(archive, present, g.day, base, opts);
    return scoreDay(archive, days.get(g.day) as Day, g, model, archiveProfiles(archive, model));
  });
}

export function pooled(folds: readonly FoldScore[], key: 'pipeline' | 'gold'): number {
  const total = folds.reduce((s, f) => s + f[key].total, 0);
  return total ? folds.reduce((s, f) => s + f[key].agreed, 0) / total : 1;
}
