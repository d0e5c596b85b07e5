// The search page's behaviour: results as you type, filters, keyboard navigation, the query in the URL,
// "no results" suggestions. Everything from the index is untrusted chat text: the DOM is built with
// textContent and createElement only, never innerHTML.
import { SearchClient, type Filters, type ThreadHit } from './client.ts';
import { normalize, cjkBigrams } from '../text/tokenize.ts';
import type { AskResult, GlossaryCard, PastQuestion } from './ask.ts';
import type { Manifest } from './format.ts';
import { dayUrl, messageUrl, termUrl, threadMessageUrl, threadUrl } from '../site/urls.ts';
import { siteHref } from '../site/safe-url.ts';
import { EMPTY_PLAN } from '../site/pagination.ts';
import { speakerLabel } from '../model/labels.ts';
import { drawMessage } from './draw-message.ts';

/** Every href the search page writes goes through the site's one URL gate (parsed, http(s) only, re-serialized). */
const href = (path: string): string => siteHref(path, location.href) ?? '#';

const FILTER_KEYS = ['topic', 'group', 'speaker', 'from', 'to'] as const;
/**
 * Threads per page: the text of these (and their context) is all a query downloads beyond the index. 10, as most
 * search pages show: 20 spent a third of a first term search's 50 KiB budget on text (issue 11 item 7).
 */
export const PAGE = 10;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of kids) e.append(c);
  return e;
}

export function mountSearch(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('#search-form')!;
  const input = root.querySelector<HTMLInputElement>('#q')!;
  const status = root.querySelector<HTMLElement>('#search-status')!;
  const list = root.querySelector<HTMLOListElement>('#search-results')!;
  const suggest = root.querySelector<HTMLElement>('#search-suggest')!;
  const more = root.querySelector<HTMLButtonElement>('#search-more')!;
  const cardsBox = root.querySelector<HTMLElement>('#search-cards');
  const field = (k: (typeof FILTER_KEYS)[number]) => root.querySelector<HTMLInputElement | HTMLSelectElement>(`#f-${k}`)!;
  const client = new SearchClient(async (path) => {
    const r = await fetch(`/search/${path}`);
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.text();
  });
  root.querySelector('.search-nojs')?.remove();
  form.hidden = false;

  // State from the URL, so a search can be bookmarked and shared.
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const k of FILTER_KEYS) field(k).value = params.get(k) ?? '';

  let active = -1;
  let run = 0;
  let shown = PAGE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let manifest: Manifest | null = null;

  const filters = (): Filters => {
    const f: Filters = {};
    for (const k of FILTER_KEYS) if (field(k).value) f[k] = field(k).value;
    return f;
  };
  const syncUrl = () => {
    const p = new URLSearchParams();
    if (input.value.trim()) p.set('q', input.value.trim());
    for (const k of FILTER_KEYS) if (field(k).value) p.set(k, field(k).value);
    const qs = p.toString();
    history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
  };
  const items = () => [...list.querySelectorAll<HTMLLIElement>('li.result')];
  const setActive = (i: number) => {
    const all = items();
    if (!all.length) return;
    active = Math.max(0, Math.min(all.length - 1, i));
    all.forEach((li, j) => li.setAttribute('aria-current', String(j === active)));
    all[active]!.scrollIntoView({ block: 'nearest' });
  };

  const topicName = (slug: string) => manifest?.topics.find((t) => t.slug === slug)?.name ?? slug;
  const plan = () => manifest?.pages ?? EMPTY_PLAN;
  const groupName = (slug: string) => manifest?.groups.find((g) => g.slug === slug)?.name ?? slug;

  function renderThread(t: ThreadHit, i: number): HTMLLIElement {
    const li = el('li', { class: 'result', id: `r${i}`, 'aria-current': 'false' });
    const title = t.title || t.best.text.slice(0, 40);
    // The thread page, scrolled to (and highlighting) the best message; a message outside any thread: its day.
    const target = href(t.best.threadId ? threadMessageUrl(t.best.threadId, t.best.seq, plan()) : messageUrl(t.best.id, plan()));
    li.append(el('h3', {}, el('a', { class: 'result-link', href: target }, title)));
    const meta = el('p', { class: 'result-meta' });
    meta.append(el('a', { href: href(dayUrl(t.day)) }, `${groupName(t.group)} · ${t.date}`));
    if (t.topics.length) meta.append(' · ', t.topics.slice(0, 3).map(topicName).join('、'));
    // count 0: found by the model's embeddings only (src/search/ask-embedding.ts), no message holds a query term.
    meta.append(t.count ? ` · ${t.count} 条相关消息 · ` : ' · 内容相近的讨论 · ', el('a', { class: 'thread-link', href: href(threadUrl(t.threadId)) }, '查看讨论'));
    li.append(meta);
    const ctx = el('ol', { class: 'result-context' });
    for (const c of t.context) {
      const item = el('li', { class: c.hit ? 'ctx hit' : 'ctx' });
      item.append(el('a', { class: 'ctx-speaker', href: href(messageUrl(`${t.day}/${c.seq}`, plan())) }, speakerLabel(c.speaker)), '：');
      item.append(el('span', { class: 'ctx-text' }, drawMessage(c.text, c.spans, c.ranges)));
      ctx.append(item);
    }
    li.append(ctx);
    li.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('a')) return;
      location.href = target;
    });
    return li;
  }

  /** The glossary entries the query names, before the threads: term, other names, definition, link. */
  function renderCards(cards: GlossaryCard[]): void {
    if (!cardsBox) return;
    cardsBox.replaceChildren(...cards.map((c) => {
      const box = el('aside', { class: 'term-card', 'aria-label': `术语：${c.term}` });
      box.append(el('h2', {}, el('a', { href: href(termUrl(c.slug)) }, c.term)));
      if (c.aliases.length) box.append(el('p', { class: 'term-aliases' }, `又称：${c.aliases.join('、')}`));
      if (c.definition) box.append(el('p', { class: 'term-def' }, c.definition));
      box.append(el('p', {}, el('a', { href: href(termUrl(c.slug)) }, '查看术语页与全部出处 →')));
      return box;
    }));
  }

  /** Questions asked before that come closest to a query nothing matched. */
  function renderClosest(qs: PastQuestion[]): void {
    if (!qs.length) return;
    const box = el('div', { class: 'closest' }, el('p', {}, '以前有人问过相近的问题：'));
    const ul = el('ul', { class: 'suggest-list closest-list' });
    for (const x of qs) ul.append(el('li', {}, el('a', { href: href(threadUrl(x.threadId)) }, x.title), ` · ${x.date}`));
    box.append(ul);
    suggest.prepend(box);
  }

  async function suggestions(q: string): Promise<void> {
    suggest.replaceChildren();
    const m = manifest ?? (await client.manifest());
    const nq = normalize(q).replace(/\s+/g, '');
    const grams = new Set(cjkBigrams(nq));
    // Related glossary terms: a term or alias that shares a bigram with the query, or contains it.
    const related = m.terms.filter((t) => [t.term, ...t.aliases].some((w) => {
      const nw = normalize(w);
      return nw.includes(nq) || nq.includes(nw) || cjkBigrams(nw).some((g) => grams.has(g));
    })).slice(0, 8);
    // Shorter queries: drop a word, or a character from either end of a single term; keep those with hits.
    const words = q.trim().split(/\s+/);
    const shorter = new Set<string>();
    if (words.length > 1) for (let i = 0; i < words.length; i++) shorter.add(words.filter((_, j) => j !== i).join(' '));
    else if ([...q.trim()].length > 2) {
      const cs = [...q.trim()];
      shorter.add(cs.slice(1).join(''));
      shorter.add(cs.slice(0, -1).join(''));
    }
    const withHits: string[] = [];
    for (const s of shorter) if ((await client.search(s, { filters: filters(), limit: 1 })).threads.length) withHits.push(s);
    if (!related.length && !withHits.length) return;
    const box = el('div', {}, el('p', {}, '试试：'));
    const ul = el('ul', { class: 'suggest-list' });
    for (const s of withHits) ul.append(el('li', {}, el('a', { href: href(`/search/?q=${encodeURIComponent(s)}`), 'data-q': s }, `搜索“${s}”`)));
    for (const t of related) ul.append(el('li', {}, el('a', { href: href(termUrl(t.slug)) }, `术语：${t.term}`)));
    box.append(ul);
    suggest.append(box);
  }

  function render(q: string, r: AskResult): void {
    list.replaceChildren(...r.threads.map(renderThread));
    renderCards(r.cards);
    active = -1;
    more.hidden = r.threadCount <= r.threads.length;
    if (!r.threads.length) {
      status.textContent = `没有找到与“${q}”匹配的消息${Object.keys(filters()).length ? '（已应用筛选条件）' : ''}。`;
      void suggestions(q).then(() => renderClosest(r.closest));
    } else {
      suggest.replaceChildren();
      const used = r.mode === 'question' ? `按问题检索：${r.explain.terms.filter((t) => t.threads > 0).map((t) => t.text).join('、') || '—'}。` : '';
      status.textContent = `${used}找到 ${r.messageCount ?? r.messages.length} 条消息，分属 ${r.threadCount} 个讨论。`;
    }
  }

  async function search(): Promise<void> {
    syncUrl();
    const q = input.value.trim();
    const mine = ++run;
    if (!q) {
      list.replaceChildren();
      cardsBox?.replaceChildren();
      suggest.replaceChildren();
      more.hidden = true;
      status.textContent = '输入关键词开始搜索，例如：分录流水、对账文件、T+0。';
      return;
    }
    status.textContent = '搜索中…';
    try {
      manifest ??= await client.manifest();
      const r = await client.search(q, { filters: filters(), limit: shown, context: 1 });
      if (mine !== run) return; // a newer query is on its way
      render(q, r);
    } catch (e) {
      if (mine === run) status.textContent = `搜索出错：${e instanceof Error ? e.message : String(e)}`;
    }
  }

  const schedule = () => {
    clearTimeout(timer);
    shown = PAGE;
    timer = setTimeout(() => void search(), 150);
  };
  input.addEventListener('input', schedule);
  for (const k of FILTER_KEYS) field(k).addEventListener('change', schedule);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    void search();
  });
  more.addEventListener('click', () => {
    // The next page: the index files are cached, only the new results' text is fetched.
    shown += PAGE;
    void search();
  });
  suggest.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-q]');
    if (!a) return;
    e.preventDefault();
    input.value = a.dataset.q ?? '';
    void search();
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items().length) return;
      e.preventDefault();
      setActive(active < 0 ? 0 : active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && active >= 0 && (e.target === input || (e.target as HTMLElement).closest('#search-results'))) {
      const link = items()[active]?.querySelector<HTMLAnchorElement>('a.result-link');
      if (link) {
        e.preventDefault();
        location.href = link.href;
      }
    } else if (e.key === 'Escape') {
      active = -1;
      items().forEach((li) => li.setAttribute('aria-current', 'false'));
    }
  });
  void search();
  // Speakers for the filter come in a separate file, after the first search has had the network.
  const speakerSel = field('speaker') as HTMLSelectElement;
  if (speakerSel.tagName === 'SELECT' && speakerSel.options.length <= 1) {
    void client.facets().then((f) => {
      const want = params.get('speaker') ?? '';
      for (const [id, name, n] of f.speakers) speakerSel.append(el('option', { value: id }, `${name}（${n}）`));
      speakerSel.value = want;
    });
  }
}
