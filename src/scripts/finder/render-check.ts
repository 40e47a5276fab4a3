/**
 * Shows the check that fits a paste: the journey of an `ssh -v` log, or the findings of a
 * permissions listing or an sshd_config. Pasted values are inserted as text only.
 */
import type { Finding, LogTimeline } from '../../checks/index.ts';
import type { CheckReport } from './analyze.ts';
import { articleHref, el } from './render.ts';

const STATUS: Record<string, { mark: string; label: string }> = {
  ok: { mark: '✓', label: 'passed' },
  failed: { mark: '✗', label: 'failed here' },
  reached: { mark: '…', label: 'reached, log ends here' },
  'not-reached': { mark: '–', label: 'not reached' },
};

function articleLink(id: string | null, text = 'Read the fix') {
  return id ? el('a', { href: articleHref(id), 'data-finder-link': '' }, text) : null;
}

function timeline(t: LogTimeline): HTMLElement {
  const section = el('section', { class: 'finder-check', 'aria-label': 'Connection timeline' }, el('h2', {}, 'How far the connection got'));
  const facts = el('dl', { class: 'finder-facts' });
  const fact = (k: string, v: string | null | undefined) => v && facts.append(el('dt', {}, k), el('dd', {}, v));
  fact('Client', t.clientVersion ?? t.clientBuild);
  fact('Server', t.serverVersion);
  fact('Key exchange', t.negotiated.kex);
  fact('Host key', t.serverHostKey ? `${t.serverHostKey.type} ${t.serverHostKey.fingerprint}` : t.negotiated.hostKeyAlgorithm);
  fact('Cipher', t.negotiated.clientToServer ? `${t.negotiated.clientToServer.cipher} / ${t.negotiated.clientToServer.mac}` : null);
  fact('Server allows', t.authMethods.length ? t.authMethods.join(', ') : null);
  const stages = el(
    'ol',
    { class: 'finder-timeline' },
    ...t.stages.map((s) =>
      el(
        'li',
        { 'data-status': s.status },
        el('span', { class: 'finder-status-mark', 'aria-hidden': 'true' }, STATUS[s.status]?.mark ?? '?'),
        `${s.label}: ${STATUS[s.status]?.label ?? s.status}`,
        s.lines.length ? ` (line ${s.lines[0]})` : '',
      ),
    ),
  );
  section.append(stages);
  if (t.failure) {
    section.append(
      el('p', { class: 'finder-failure' }, `Stopped at ${t.failure.stage}${t.failure.line ? `, line ${t.failure.line}` : ''}: `, el('code', {}, t.failure.text), ' ', articleLink(t.failure.articleId)),
    );
  }
  if (t.keys.length) {
    section.append(
      el('p', { class: 'finder-evidence-label' }, 'Keys tried:'),
      el('ul', { class: 'finder-keys' }, ...t.keys.map((k) => el('li', {}, `${k.source}${k.type ? ` (${k.type})` : ''}: ${k.result.replace('-', ' ')}`))),
    );
  }
  if (facts.childElementCount) section.append(facts);
  return section;
}

function findings(title: string, list: Finding[]): HTMLElement {
  const section = el('section', { class: 'finder-check', 'aria-label': title }, el('h2', {}, title));
  if (list.length === 0) {
    section.append(el('p', {}, 'Nothing here breaks OpenSSH’s rules.'));
    return section;
  }
  section.append(
    el(
      'ul',
      { class: 'finder-findings' },
      ...list.map((f) =>
        el(
          'li',
          { 'data-severity': f.severity },
          el('strong', {}, f.severity === 'error' ? 'Problem' : f.severity === 'warning' ? 'Warning' : 'Note'),
          f.lines.length ? ` (line ${f.lines.join(', ')})` : '',
          ': ',
          f.message,
          f.fix && el('pre', {}, el('code', {}, f.fix)),
          articleLink(f.articleId, 'Why this matters'),
        ),
      ),
    ),
  );
  return section;
}

/** Render the check for a paste, or clear the area when the paste is plain error text. */
export function renderCheck(target: HTMLElement, report: CheckReport | null): void {
  if (!report || (report.kind === 'debug-log' && !report.recognised)) {
    target.replaceChildren();
    return;
  }
  const body =
    report.kind === 'debug-log'
      ? timeline(report)
      : findings(report.kind === 'permissions' ? 'Permissions check' : 'sshd_config check', report.findings);
  for (const n of report.notices) body.append(el('p', { class: 'finder-notice' }, n));
  target.replaceChildren(body);
}
