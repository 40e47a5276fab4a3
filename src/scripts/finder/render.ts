/**
 * Builds the finder's result markup. Everything the reader pasted is inserted as text nodes,
 * never as HTML, so a paste full of <script> or <svg onload> is only ever shown, not run.
 */
import type { Candidate, MatchResult } from '../../matcher/types.ts';
import type { AvailableFilters, SearchFilters, SearchHit } from './search.ts';
import { cardVersions, withVersions } from './render-versions.ts';
import { guidedStart } from 'virtual:sshfix/guided';

const MAX_SHOWN_LINE = 300;

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Child[]) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) node.setAttribute(k, v);
  for (const c of children) if (c) node.append(c);
  return node;
}

/** The article URL, carrying the platform the reader chose so the fix opens on their tab. */
export function articleHref(id: string): string {
  const os = (window as { sshfixTabs?: { current(): string | null } }).sshfixTabs?.current();
  return `${import.meta.env.BASE_URL}errors/${id}/${os ? `?os=${encodeURIComponent(os)}` : ''}`;
}

function confidenceLabel(c: Candidate): string {
  if (c.via === 'fuzzy') return 'best guess from similar wording';
  return c.confidence >= 0.8 ? 'exact message match' : 'likely match';
}

const clip = (s: string) => (s.length > MAX_SHOWN_LINE ? `${s.slice(0, MAX_SHOWN_LINE)}…` : s);

/** Lines `from` to `to` (0-based, end excluded) of a paste, numbered as the matcher numbers them. */
function sliceLines(text: string, from: number, to: number): string[] {
  const out: string[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let i = 0; i < to; i++) {
    const m = breaks.exec(text);
    const end = m ? m.index : text.length;
    if (i >= from) out.push(text.slice(start, end));
    if (!m) break;
    start = m.index + m[0].length;
  }
  return out;
}

/** The pasted lines around the deciding one, with that line highlighted. */
function evidenceBlock(c: Candidate, text: string): HTMLElement {
  const at = c.evidence.line - 1;
  const from = Math.max(0, at - 2);
  const shown = sliceLines(text, from, at + 2);
  const to = from + shown.length;
  const pre = el('pre', { class: 'finder-evidence', 'aria-label': `Your paste, line ${c.evidence.line} highlighted` });
  for (let i = from; i < to; i++) {
    const line = `${String(i + 1).padStart(4)}  ${clip(shown[i - from] ?? '')}\n`;
    pre.append(i === at ? el('mark', {}, line) : line);
  }
  if (from === to) pre.append(el('mark', {}, clip(c.evidence.text)));
  return pre;
}

/** The matcher's answer: best article, the line that decided it, and the runners-up. */
export function renderAnswer(target: HTMLElement, result: MatchResult, text: string): void {
  const { best, alternatives, notice } = result;
  if (!best) {
    target.replaceChildren(el('div', { class: 'finder-card finder-empty' }, el('p', {}, notice ?? 'No SSH error recognised.')));
    return;
  }
  // Versions in the paste: say which causes hold for them, and let the article mark them too.
  const versions = cardVersions(best.id, text);
  const bestHref = withVersions(articleHref(best.id), versions?.query);
  const card = el(
    'section',
    { class: 'finder-card', 'aria-label': 'Best match' },
    el('p', { class: 'finder-kicker' }, best.via === 'fuzzy' ? 'Possible match' : 'Best match', ` · ${confidenceLabel(best)}`),
    el('h2', { class: 'finder-title' }, el('a', { href: bestHref, 'data-finder-link': '', 'data-best': '' }, best.title)),
    el('p', { class: 'finder-evidence-label' }, `Decided by line ${best.evidence.line} of your paste:`),
    evidenceBlock(best, text),
    versions?.block,
    el('p', {}, el('a', { class: 'finder-open', href: bestHref, 'data-finder-link': '' }, 'Open the fix →')),
    guidedStart[best.id] && el('p', {}, el('a', { href: `${bestHref}#${guidedStart[best.id]}`, 'data-finder-link': '', 'data-guided-start': '' }, 'Not sure which cause? Start the guided checks')),
    notice && el('p', { class: 'finder-notice' }, notice),
  );
  if (alternatives.length) {
    card.append(
      el('p', { class: 'finder-evidence-label' }, 'Other candidates:'),
      el(
        'ul',
        { class: 'finder-alternatives' },
        ...alternatives.map((a) =>
          el('li', {}, el('a', { href: articleHref(a.id), 'data-finder-link': '' }, a.title), ` (line ${a.evidence.line})`),
        ),
      ),
    );
  }
  target.replaceChildren(card);
}

/** Pagefind's excerpt is HTML with <mark>s; keep the marks and nothing else. */
function excerpt(html: string): HTMLElement {
  const p = el('p', { class: 'finder-excerpt' });
  const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
  for (const node of doc.body.childNodes) {
    p.append(node.nodeName === 'MARK' ? el('mark', {}, node.textContent ?? '') : (node.textContent ?? ''));
  }
  return p;
}

/** Search results under the answer. */
export function renderSearch(target: HTMLElement, query: string, hits: SearchHit[]): void {
  const heading = el('h2', { class: 'finder-search-heading' }, `More articles for “${query}”`);
  if (hits.length === 0) {
    target.replaceChildren(heading, el('p', { class: 'finder-empty' }, 'No other article contains these words. Try fewer words, or paste the whole error.'));
    return;
  }
  const list = el(
    'ol',
    { class: 'finder-results' },
    ...hits.map((h) =>
      el(
        'li',
        {},
        el('a', { href: h.url, 'data-finder-link': '' }, h.title),
        h.message && el('code', { class: 'finder-message' }, h.message),
        excerpt(h.excerpt),
      ),
    ),
  );
  target.replaceChildren(heading, list);
}

/** After a paste, search runs only if the reader asks: only these words would be looked up. */
export function renderSearchOffer(target: HTMLElement, query: string, onSearch: () => void): void {
  if (!query) {
    target.replaceChildren();
    return;
  }
  const button = el('button', { type: 'button', class: 'finder-search-offer' }, `Search all articles for “${query}”`);
  button.addEventListener('click', onSearch);
  target.replaceChildren(button);
}

const FILTER_LABELS: Record<string, string> = { stage: 'Stage', side: 'Fix runs on' };

/** Narrow the search by the index's filters (stage of the connection, where the fix runs). */
export function renderFilters(
  target: HTMLElement,
  available: AvailableFilters,
  selected: SearchFilters,
  onChange: (name: string, value: string) => void,
): void {
  const row = el('div', { class: 'finder-filters' });
  for (const [name, label] of Object.entries(FILTER_LABELS)) {
    const values = Object.keys(available[name] ?? {}).sort();
    if (values.length < 2) continue;
    const select = el('select', { 'aria-label': `Filter by ${label.toLowerCase()}` }, el('option', { value: '' }, `${label}: any`));
    for (const v of values) {
      const option = el('option', { value: v }, `${label}: ${v}`);
      if (selected[name] === v) option.setAttribute('selected', '');
      select.append(option);
    }
    select.addEventListener('change', () => onChange(name, select.value));
    row.append(select);
  }
  target.replaceChildren(row);
}
