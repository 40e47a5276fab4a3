/**
 * `<sshfix-router>`: the paste box for other sites. Paste an SSH error or log into it and it
 * links to the article that fixes it, with the article's title and the line that decided it.
 *
 * ```html
 * <script src="https://help.example.com/ssh/embed/sshfix.js" defer></script>
 * <sshfix-router os="rhel"></sshfix-router>
 * ```
 *
 * Attributes:
 * - `base`: the SSH Fix site's URL (article links are absolute). Default: where the script
 *   was loaded from, else the SITE_URL the bundle was built with.
 * - `os`: the platform tab the article opens on (`ubuntu`, `rhel`, `cloud`, `macos`, `windows`),
 *   appended as `?os=`.
 * - `target`: where links open: `_blank` (default), `_self`, `_top` or `_parent`.
 * - `theme`: `light` (default), `dark`, or `auto` (follows the reader's system setting).
 * - `label`, `placeholder`: the box's texts. `frameless`: no border or padding.
 *
 * It fires `sshfix-match` (bubbles, composed) with `detail` `{ id, title, url, confidence, line }`
 * or `null`. Everything runs on the reader's device; the paste is only ever inserted as text.
 * The matcher and its rules are the site's own (virtual:sshfix/rules), bundled at build time.
 */
import rules from 'virtual:sshfix/rules';
import { articleUrl } from '../config.ts';
import { createMatcher, type Candidate, type Matcher, type MatchResult } from '../matcher/index.ts';
import { isPasteInput } from '../scripts/finder/input-kind.ts';
import { EMBED_CSS } from './styles.ts';

export const TAG = 'sshfix-router';
/** Platforms the articles have tabs for (same list as src/scripts/tabs.inline.js). */
const OS_KEYS = ['ubuntu', 'rhel', 'cloud', 'macos', 'windows'];
const TARGETS = ['_blank', '_self', '_top', '_parent'];
/** The widget matches on the page's main thread: refuse what would freeze it. */
const MAX_CHARS = 1024 * 1024;
const MAX_SHOWN = 300;
const TYPING_DELAY_MS = 150;

let defaultBase: string | undefined;
/** Where article links point when the element has no `base`: set by the bundle's entry from its own URL. */
export function setDefaultBase(url: string | undefined): void {
  defaultBase = url;
}

let matcher: Matcher | undefined;
const getMatcher = () => (matcher ??= createMatcher(rules, { maxInputChars: MAX_CHARS }));

export interface MatchDetail {
  id: string;
  title: string;
  url: string;
  confidence: number;
  line: number;
}

let sheet: CSSStyleSheet | null | undefined;
/** One constructed stylesheet shared by every instance; constructed sheets also pass a strict style-src CSP. */
function sharedSheet(): CSSStyleSheet | null {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(EMBED_CSS);
    } catch {
      sheet = null;
    }
  }
  return sheet;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | false | undefined)[]) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c) node.append(c); // strings become text nodes, never markup
  return node;
}

const clip = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);
const plain = (s: string) => s.replace(/`/g, '');

export class SshfixRouter extends HTMLElement {
  static get observedAttributes() {
    return ['base', 'os', 'target', 'label', 'placeholder'];
  }

  #input!: HTMLTextAreaElement;
  #label!: HTMLLabelElement;
  #out!: HTMLElement;
  #status!: HTMLElement;
  #foot!: HTMLAnchorElement;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #result: MatchResult | null = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const shared = sharedSheet();
    if (shared && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [shared];
    else root.append(el('style', {}, EMBED_CSS));

    this.#label = el('label', { class: 'label', for: 'in', part: 'label' });
    this.#input = el('textarea', {
      id: 'in',
      part: 'input',
      rows: '4',
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      'aria-describedby': 'hint',
    });
    this.#status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.#out = el('div', { class: 'out', part: 'result' });
    this.#foot = el('a', {}, 'SSH Fix');
    root.append(
      el(
        'div',
        { class: 'w', part: 'container' },
        this.#label,
        this.#input,
        el('p', { class: 'hint', id: 'hint' }, 'Read on this device only; nothing you paste is sent anywhere.'),
        this.#status,
        this.#out,
        el('p', { class: 'foot' }, 'Fixes by ', this.#foot),
      ),
    );

    this.#input.addEventListener('input', (e) => {
      const pasted = isPasteInput(e);
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#route(), pasted ? 0 : TYPING_DELAY_MS);
    });
    this.#input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        clearTimeout(this.#timer);
        this.#route();
        this.#out.querySelector<HTMLAnchorElement>('a[data-best]')?.click();
      }
    });
    this.#texts();
  }

  connectedCallback() {
    this.#links();
  }

  attributeChangedCallback(name: string) {
    if (!this.#input) return;
    if (name === 'label' || name === 'placeholder') this.#texts();
    else this.#render();
  }

  /** The text in the box; setting it routes it at once. */
  get value(): string {
    return this.#input.value;
  }
  set value(text: string) {
    this.#input.value = String(text ?? '');
    clearTimeout(this.#timer);
    this.#route();
  }

  /** The site the links point at, as an absolute URL ending in a slash. */
  get siteBase(): string {
    const raw = this.getAttribute('base') || defaultBase || '/';
    let url: URL;
    try {
      url = new URL(raw, document.baseURI);
    } catch {
      url = new URL('/', document.baseURI);
    }
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    url.hash = '';
    return url.href;
  }

  /** The absolute article URL for an id, with `?os=` when the element has a valid `os`. */
  articleUrl(id: string): string {
    const os = this.getAttribute('os');
    return articleUrl(this.siteBase, id, { os: os && OS_KEYS.includes(os) ? os : undefined });
  }

  /** The last answer, or null. */
  get result(): MatchResult | null {
    return this.#result;
  }

  #texts() {
    this.#label.textContent = this.getAttribute('label') || 'Paste an SSH error or ssh -vvv log';
    this.#input.placeholder = this.getAttribute('placeholder') || 'e.g. Permission denied (publickey).';
  }

  #linkAttrs(a: HTMLAnchorElement) {
    const t = this.getAttribute('target');
    const target = t && TARGETS.includes(t) ? t : '_blank';
    a.target = target;
    if (target === '_blank') a.rel = 'noopener';
    else a.removeAttribute('rel');
  }

  #links() {
    this.#foot.href = this.siteBase;
    this.#linkAttrs(this.#foot);
  }

  #route() {
    const text = this.#input.value;
    this.#result = text.trim() ? getMatcher().match(text) : null;
    this.#render();
    const best = this.#result?.best;
    const detail: MatchDetail | null = best
      ? { id: best.id, title: best.title, url: this.articleUrl(best.id), confidence: best.confidence, line: best.evidence.line }
      : null;
    this.dispatchEvent(new CustomEvent<MatchDetail | null>('sshfix-match', { detail, bubbles: true, composed: true }));
  }

  #link(c: Candidate, attrs: Record<string, string> = {}) {
    const a = el('a', { href: this.articleUrl(c.id), part: 'link', ...attrs }, c.title);
    this.#linkAttrs(a);
    return a;
  }

  #render() {
    this.#links();
    const r = this.#result;
    if (!r) {
      this.#out.replaceChildren();
      this.#status.textContent = '';
      return;
    }
    const { best, alternatives, notice } = r;
    if (!best) {
      this.#out.replaceChildren(el('p', { class: 'notice' }, plain(notice ?? 'No SSH error recognised.')));
      this.#status.textContent = plain(notice ?? 'No SSH error recognised.');
      return;
    }
    const fuzzy = best.via === 'fuzzy';
    const alts =
      alternatives.length > 0
        ? [el('p', { class: 'alts' }, 'Also possible: ', ...alternatives.flatMap((a, i) => [i > 0 ? ', ' : '', this.#link(a)]))]
        : [];
    this.#out.replaceChildren(
      el('p', { class: 'kicker' }, fuzzy ? 'Possible match · best guess from similar wording' : 'Best match'),
      el('p', { class: 'title' }, this.#link(best, { 'data-best': '' })),
      el('p', { class: 'evidence-label' }, `Decided by line ${best.evidence.line} of your paste:`),
      el('pre', { class: 'evidence', part: 'evidence' }, clip(best.evidence.text)),
      ...alts,
      ...(notice ? [el('p', { class: 'alts' }, plain(notice))] : []),
    );
    this.#status.textContent = `Best match: ${best.title}`;
  }
}

/** Register the element once (a page may load the script twice). */
export function defineSshfixRouter(): void {
  if (typeof customElements !== 'undefined' && !customElements.get(TAG)) customElements.define(TAG, SshfixRouter);
}

declare global {
  interface HTMLElementTagNameMap {
    'sshfix-router': SshfixRouter;
  }
}
