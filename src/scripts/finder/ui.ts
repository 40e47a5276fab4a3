/**
 * The finder's behaviour: read the box, ask the matcher, show the answer, then search.
 * Pasted text is matched on this device and is not searched unless the reader asks, because a
 * search fetches index files whose names depend on the words searched.
 */
import { searchQuery } from '../../search/query.ts';
import { holdLargePastes, overLimitNotice } from '../large-paste.ts';
import { analyzePaste, rules } from './engine.ts';
import { isPasteInput } from './input-kind.ts';
import { renderCheck } from './render-check.ts';
import { renderAnswer, renderFilters, renderSearch, renderSearchOffer } from './render.ts';
import { renderShare } from './share.ts';
import { availableFilters, search, type SearchFilters } from './search.ts';

const TYPING_DELAY_MS = 150;
const attached = new WeakSet<HTMLElement>();

/**
 * `typedBeforeLoad`: the text already in the box was typed, so it may be searched at once. Anything
 * else found there (pasted before this module loaded, or restored by the browser) is treated as a paste.
 */
export function attach(root: HTMLElement, opts: { fromUrl?: boolean; typedBeforeLoad?: boolean } = {}): void {
  const input = root.querySelector<HTMLTextAreaElement>('[data-finder-input]')!;
  if (attached.has(root)) {
    if (root.dataset.variant === 'dialog') input.focus();
    return;
  }
  attached.add(root);
  const status = root.querySelector<HTMLElement>('[data-finder-status]')!;
  const answer = root.querySelector<HTMLElement>('[data-finder-answer]')!;
  const results = root.querySelector<HTMLElement>('[data-finder-search]')!;
  const checkArea = root.querySelector<HTMLElement>('[data-finder-check]')!;
  const filterArea = root.querySelector<HTMLElement>('[data-finder-filters]')!;
  let filters: SearchFilters = {};
  let lastSearch: { query: string; shown: Set<string> } | undefined;
  let run = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Search results below the answer, leaving out the articles the answer card already shows. */
  async function runSearch(query: string, token: number, shown: Set<string>) {
    lastSearch = { query, shown };
    try {
      const hits = (await search(query, 6 + shown.size, filters)).filter((h) => !shown.has(h.url.split('/').at(-2) ?? ''));
      if (token !== run) return;
      renderSearch(results, query, hits.slice(0, 6));
      if (!filterArea.hasChildNodes()) {
        renderFilters(filterArea, await availableFilters(), filters, (name, value) => {
          filters = { ...filters, [name]: value };
          if (!value) delete filters[name];
          if (lastSearch) void runSearch(lastSearch.query, run, lastSearch.shown);
        });
      }
    } catch {
      if (token === run) results.replaceChildren();
    }
  }

  async function update(text: string, pasted: boolean) {
    const token = ++run;
    if (!text.trim()) {
      checkArea.replaceChildren();
      filterArea.replaceChildren();
      answer.replaceChildren();
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    const overLimit = overLimitNotice(text);
    if (overLimit) {
      status.textContent = overLimit;
      checkArea.replaceChildren();
      answer.replaceChildren();
      results.replaceChildren();
      return;
    }
    if (text.length > 200_000) status.textContent = 'Reading your paste…';
    const { match: result, check, redaction } = await analyzePaste(text);
    if (token !== run) return;
    renderAnswer(answer, result, text);
    if (redaction) answer.querySelector('.finder-card')?.append(renderShare(result, text, { redaction, reportUrl: root.dataset.reportUrl || null }));
    renderCheck(checkArea, check);
    status.textContent = result.best ? `Best match: ${result.best.title}` : (result.notice ?? 'No SSH error recognised.');
    const query = searchQuery(text, result, rules);
    const shown = new Set([result.best, ...result.alternatives].flatMap((c) => (c ? [c.id] : [])));
    if (pasted) renderSearchOffer(results, query, () => void runSearch(query, token, shown));
    else await runSearch(query, token, shown);
  }

  holdLargePastes(input, (text) => {
    clearTimeout(timer);
    void update(text, true);
  });

  input.addEventListener('input', (e) => {
    const pasted = isPasteInput(e);
    clearTimeout(timer);
    timer = setTimeout(() => void update(input.value, pasted), pasted ? 0 : TYPING_DELAY_MS);
  });

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      const best = root.querySelector<HTMLAnchorElement>('[data-best]') ?? root.querySelector<HTMLAnchorElement>('[data-finder-link]');
      if (best) best.click();
    } else if (e.key === 'ArrowDown' && input.selectionStart === input.value.length) {
      const first = root.querySelector<HTMLElement>('[data-finder-link]');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  });

  // Arrow keys walk the result links; Enter follows one as any link does.
  root.addEventListener('keydown', (e) => {
    if (!(e.target instanceof HTMLAnchorElement) || !e.target.hasAttribute('data-finder-link')) return;
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const links = [...root.querySelectorAll<HTMLElement>('[data-finder-link]')];
    const i = links.indexOf(e.target);
    if (e.key === 'ArrowUp' && i === 0) input.focus();
    else links[Math.min(links.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  });

  const q = opts.fromUrl ? new URLSearchParams(location.search).get('q') : null;
  if (q) {
    input.value = q;
    void update(q, true);
  } else if (input.value) {
    void update(input.value, !opts.typedBeforeLoad);
  }
  if (root.dataset.variant === 'dialog') input.focus();
}
