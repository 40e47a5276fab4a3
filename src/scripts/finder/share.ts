/**
 * Sharing the answer card: "Copy for a ticket" (the answer and the reader's paste) and the
 * "Wrong answer?" link. The paste is redacted on this device by default (src/redact), with the
 * list of what was masked in view and a switch to copy it as pasted instead. The report link
 * always carries the redacted paste: it opens a public issue form. Nothing is sent by the page.
 */
import { routerVersion } from 'virtual:sshfix/rules';
import type { MatchResult } from '../../matcher/types.ts';
import { describeMasked, type Redaction } from '../../redact/index.ts';
import { excerptAround, reportLink } from '../../sharing/report-link.ts';
import { articleHref, el } from './render.ts';

/** Most of a paste a ticket snippet carries: more is cut around the deciding line (tickets and chats have limits). */
const MAX_SNIPPET_PASTE_CHARS = 20_000;

export interface Share {
  redaction: Redaction;
  /** REPORT_URL of this build, or null: then no report link. */
  reportUrl: string | null;
}

const absolute = (href: string) => new URL(href, location.href).href;

/** The text "Copy for a ticket" puts on the clipboard. */
export function ticketSnippet(result: MatchResult, paste: string, masked: boolean, summary: string): string {
  const best = result.best!;
  const ex = excerptAround(paste, best.evidence.line, MAX_SNIPPET_PASTE_CHARS, (l) => l.length + 1);
  const cut = ex.from > 1 || ex.to < ex.of ? ` (lines ${ex.from}-${ex.to} of ${ex.of})` : '';
  const how = masked ? (summary ? `, masked: ${summary}` : ', nothing private found to mask') : '';
  return [
    `SSH error: ${best.title}`,
    `Fix: ${absolute(articleHref(best.id))}`,
    // A budget of one line: just the deciding line, from the text being copied (redacted or not).
    `Decided by line ${best.evidence.line}: ${excerptAround(paste, best.evidence.line, 1, () => 1).text}`,
    '',
    `My paste${cut}${how}:`,
    ex.text,
    '',
  ].join('\n');
}

/** The sharing row under an answer. */
export function renderShare(result: MatchResult, text: string, share: Share): HTMLElement {
  const best = result.best!;
  const { redaction, reportUrl } = share;
  const summary = describeMasked(redaction.masked);
  // A switch (a button), not a checkbox: the card adds no form control a hostile paste could be mistaken for.
  const toggle = el('button', { type: 'button', role: 'switch', 'aria-checked': 'true', class: 'finder-share-toggle', 'data-share-redact': '' }, 'Mask host names, addresses, users and keys');
  const masking = () => toggle.getAttribute('aria-checked') === 'true';
  const list = el('p', { class: 'finder-share-masked', 'data-share-masked': '' });
  // A live region without role=status: the finder's own status stays the page's one status element.
  const status = el('span', { class: 'finder-share-status', 'aria-live': 'polite', 'data-share-status': '' });
  const showList = () => {
    list.textContent = masking()
      ? summary
        ? `Masked: ${summary}.`
        : 'Nothing private found to mask.'
      : 'Not masked: your paste is copied exactly as you pasted it.';
  };
  showList();
  toggle.addEventListener('click', () => {
    toggle.setAttribute('aria-checked', String(!masking()));
    showList();
    status.textContent = '';
  });

  const copy = el('button', { type: 'button', class: 'finder-share-copy', 'data-share-copy': '' }, 'Copy for a ticket');
  copy.addEventListener('click', async () => {
    const masked = masking();
    try {
      await navigator.clipboard.writeText(ticketSnippet(result, masked ? redaction.text : text, masked, summary));
      status.textContent = masked ? 'Copied, private details masked' : 'Copied as pasted';
    } catch {
      status.textContent = 'Copy failed: your browser blocked the clipboard';
    }
  });

  const row = el(
    'div',
    { class: 'finder-share', 'data-share': '' },
    el('p', { class: 'finder-share-actions' }, copy, ' ', toggle, ' ', status),
    list,
  );
  if (reportUrl) {
    const href = reportLink({
      reportUrl,
      problem: 'route',
      id: best.id,
      runnerUp: result.alternatives[0]?.id ?? null,
      routerVersion,
      pageUrl: absolute(articleHref(best.id)),
      paste: { text: redaction.text, line: best.evidence.line },
    });
    row.append(
      el(
        'p',
        { class: 'finder-share-report' },
        el('a', { href, target: '_blank', rel: 'noopener', 'data-share-report': '' }, 'Wrong answer? Report it'),
        ' (opens a pre-filled issue with your paste masked; nothing is sent until you submit it there)',
      ),
    );
  }
  return row;
}
