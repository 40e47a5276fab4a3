/**
 * The guided check boxes of an article (src/components/GuidedCheck.astro): reads the pasted
 * output with the engine (loaded on first use, so pages pay for it only when a reader checks)
 * and answers in one line. Everything pasted is put into the page as text nodes, never HTML,
 * and nothing leaves the page. A paste of megabytes is held in memory, not in the textarea
 * (large-paste.ts); the engine reads at most 200,000 bounded lines of it, in a fraction of a second.
 */
import type { GuidedAnswer } from '../guided/engine.ts';
import type { GuidedBoxProps } from '../markdown/remark-verdicts.ts';
import { OS_LABELS, type OsKey } from '../catalog/os.ts';
import { holdLargePastes, overLimitNotice } from './large-paste.ts';

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Child[]) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) node.setAttribute(k, v);
  for (const c of children) if (c) node.append(c);
  return node;
}

const engine = () => import('../guided/engine.ts');

/** The cause's fix on the reader's platform: the selected (or remembered) tab of the cause's first tab group. */
function openFix(box: HTMLElement): HTMLElement | null {
  const group = box.closest('.cause')?.querySelector<HTMLElement>('[data-os-tabs]');
  if (!group) return null;
  const wanted = window.sshfixTabs?.current();
  const tab =
    (wanted && group.querySelector<HTMLElement>(`:scope > [role=tablist] > [data-os="${wanted}"]`)) ||
    group.querySelector<HTMLElement>(':scope > [role=tablist] > [aria-selected=true]');
  if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
  const panel = tab ? document.getElementById(tab.getAttribute('aria-controls') ?? '') : null;
  for (const p of group.querySelectorAll('[data-guided-fix]')) p.removeAttribute('data-guided-fix');
  panel?.setAttribute('data-guided-fix', '');
  return panel;
}

function proofBlock(answer: GuidedAnswer): HTMLElement | null {
  const p = answer.proof;
  if (!p) return null;
  return el(
    'pre',
    { class: 'guided-proof', 'aria-label': `Line ${p.line} of your paste, the part that decides highlighted` },
    `${String(p.line).padStart(4)}  ${p.text.slice(0, p.from)}`,
    el('mark', {}, p.text.slice(p.from, p.to)),
    p.text.slice(p.to),
  );
}

function render(box: HTMLElement, props: GuidedBoxProps, answer: GuidedAnswer): void {
  const target = box.querySelector<HTMLElement>('[data-guided-answer]')!;
  const parts: Child[] = [];
  if (answer.verdict === 'confirmed') {
    const panel = openFix(box);
    const os = panel?.getAttribute('data-os-panel') as OsKey | null;
    parts.push(
      el('p', { class: 'guided-verdict', 'data-verdict': 'confirmed' }, 'This is your cause: ', answer.say),
      proofBlock(answer),
      panel && el('p', {}, el('a', { href: `#${panel.id}`, 'data-guided-fix-link': '' }, `Show the fix${os ? ` for ${OS_LABELS[os]}` : ''}`)),
    );
  } else if (answer.verdict === 'ruled-out') {
    parts.push(
      el('p', { class: 'guided-verdict', 'data-verdict': 'ruled-out' }, 'Not this cause: ', answer.say),
      proofBlock(answer),
      el('p', {}, el('a', { href: props.nextHref, 'data-guided-next': '' }, props.verdict.next ? `Next: check ${props.nextTitle} →` : `${props.nextTitle} →`)),
    );
  } else {
    parts.push(
      el('p', { class: 'guided-verdict', 'data-verdict': 'cant-tell' }, "Can't tell: ", answer.say),
      el('p', {}, 'Run ', el('code', {}, answer.run), ' and paste its whole output.'),
    );
  }
  for (const n of answer.notices) parts.push(el('p', { class: 'guided-notice' }, n));
  target.replaceChildren(...parts.filter((p): p is Node => p instanceof Node));
}

/** Each box's large paste, until the reader edits the box. */
const heldPastes = new WeakMap<HTMLTextAreaElement, string>();

async function check(box: HTMLElement, printedNothing: boolean): Promise<void> {
  let props: GuidedBoxProps;
  try {
    props = JSON.parse(box.dataset.guided ?? '') as GuidedBoxProps;
  } catch {
    return;
  }
  const textarea = box.querySelector('textarea');
  const input = (textarea && heldPastes.get(textarea)) ?? textarea?.value ?? '';
  const overLimit = printedNothing ? null : overLimitNotice(input);
  if (overLimit) {
    render(box, props, { verdict: 'cant-tell', say: overLimit, rule: null, proof: null, next: null, run: props.verdict.run, notices: [] });
    return;
  }
  const { evaluateCheck } = await engine();
  render(box, props, evaluateCheck(props.verdict, input, { printedNothing }));
}

for (const textarea of document.querySelectorAll<HTMLTextAreaElement>('[data-guided] textarea')) {
  holdLargePastes(textarea, (text) => heldPastes.set(textarea, text));
  textarea.addEventListener('input', () => heldPastes.delete(textarea));
}

/** Arriving by a link to a box (the answer card's "Start the guided checks"): put the caret in it. */
function focusBoxOf(hash: string): void {
  const box = hash.startsWith('#check-') ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  box?.querySelector('textarea')?.focus();
}

document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  const button = target?.closest('[data-guided-check], [data-guided-nothing]');
  const box = button?.closest<HTMLElement>('[data-guided]');
  if (button && box) void check(box, button.hasAttribute('data-guided-nothing'));
  // Following "Next" or "Show the fix" moves the focus there too (a fragment link alone only scrolls).
  const link = target?.closest<HTMLAnchorElement>('[data-guided-next], [data-guided-fix-link]');
  const dest = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (link && dest) {
    // The URL is left as it is: changing it makes Chromium fetch the favicon again (a request per step).
    e.preventDefault();
    const focusable = dest.matches('[data-guided]') ? dest.querySelector('textarea') : dest;
    focusable?.focus();
    dest.scrollIntoView({ block: 'start' });
  }
});

// Load the engine as soon as a reader heads for a box, so reading a paste needs no request at all.
document.addEventListener('focusin', (e) => {
  if (e.target instanceof Element && e.target.closest('[data-guided]')) void engine();
});

// After load: the browser's own scroll to the fragment would otherwise take the focus back.
if (document.readyState === 'complete') focusBoxOf(location.hash);
else addEventListener('load', () => focusBoxOf(location.hash), { once: true });
