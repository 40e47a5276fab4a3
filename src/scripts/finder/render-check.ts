/**
 * Shows the checks that fit a paste: the negotiation explainer under a "no matching …" answer,
 * the journey of an `ssh -v` log, or the findings of a permissions listing, an sshd_config
 * (with a connection to simulate its Match blocks for) or a client config. Pasted values are
 * inserted as text only.
 */
import { simulateConnection, type Finding, type LogTimeline, type NegotiationReport, type SshdConfigReport } from '../../checks/index.ts';
import { ALGORITHM_WHAT } from '../../negotiation/algorithms.ts';
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

/** Each "no matching …" failure: both offers, what could be re-enabled, OpenSSH's history, the per-host fix. */
function negotiation(r: NegotiationReport): HTMLElement {
  const section = el('section', { class: 'finder-check', 'aria-label': 'Algorithm negotiation' }, el('h2', {}, 'Why the two sides found no common algorithm'));
  r.failures.forEach((f, i) => {
    const finding = r.findings[i];
    const facts = el('dl', { class: 'finder-facts' });
    const fact = (k: string, v: string | null) => v && facts.append(el('dt', {}, k), el('dd', {}, v));
    fact(f.reporter === 'client' ? 'Server offers' : 'Client offered', (f.reporter === 'client' ? f.serverOffer : f.clientOffer)?.join(', ') ?? 'not in the paste');
    fact(f.reporter === 'client' ? 'Client offers' : 'Server accepts', (f.reporter === 'client' ? f.clientOffer : f.serverOffer)?.join(', ') ?? null);
    if (f.reporter === 'client') fact(`In common if re-enabled (OpenSSH ${r.clientVersion})`, f.reEnable.length ? f.reEnable.join(', ') : 'nothing: the server must change');
    section.append(el('h3', {}, `No matching ${ALGORITHM_WHAT[f.kind]}${f.line ? ` (line ${f.line})` : ''}`), facts);
    if (f.history.length) section.append(el('ul', { class: 'finder-findings' }, ...f.history.map((h) => el('li', {}, h))));
    if (finding?.fix) section.append(el('pre', {}, el('code', {}, finding.fix)));
    const link = finding ? articleLink(finding.articleId, 'Read the full article') : null;
    if (link) section.append(link);
  });
  return section;
}

// Settings worth showing for a simulated connection: the ones behind "Permission denied" and friends.
const CONNECTION_KEYS = ['passwordauthentication', 'pubkeyauthentication', 'kbdinteractiveauthentication', 'permitrootlogin', 'authenticationmethods', 'allowusers', 'denyusers', 'forcecommand', 'chrootdirectory', 'allowtcpforwarding', 'x11forwarding', 'permittty', 'maxauthtries'];

/** A small form: which Match blocks apply to user/host/address, and what sshd then uses (as `sshd -T -C`). */
function connectionForm(report: SshdConfigReport): HTMLElement | null {
  if (!report.lines.some((l) => l.canon === 'match')) return null;
  const out = el('div', { class: 'finder-connection', 'aria-live': 'polite' });
  const field = (name: string, label: string, placeholder: string) => {
    const input = el('input', { type: 'text', name, placeholder, autocomplete: 'off', spellcheck: 'false', size: '16' });
    return { input, wrap: el('label', {}, `${label} `, input) };
  };
  const user = field('user', 'User', 'alice');
  const host = field('host', 'Host', 'client.example.com');
  const addr = field('addr', 'Address', '203.0.113.7');
  const update = () => {
    const spec = {
      ...(user.input.value.trim() ? { user: user.input.value.trim() } : {}),
      ...(host.input.value.trim() ? { host: host.input.value.trim() } : {}),
      ...(addr.input.value.trim() ? { addr: addr.input.value.trim() } : {}),
    };
    if (!Object.keys(spec).length) {
      out.replaceChildren();
      return;
    }
    const { settings, findings: notes } = simulateConnection(report, spec);
    const facts = el('dl', { class: 'finder-facts' });
    for (const k of CONNECTION_KEYS) {
      const v = settings.effective[k];
      if (!v) continue;
      facts.append(el('dt', {}, k), el('dd', {}, `${v.value}${v.match != null ? ` (Match at line ${v.match})` : v.line != null ? ` (line ${v.line})` : ' (default)'}`));
    }
    out.replaceChildren(
      el('p', {}, settings.matched.length ? `Match blocks that apply: line ${settings.matched.join(', ')}.` : 'No Match block applies: the global values are used.'),
      facts,
      ...notes.map((n) => el('p', { class: 'finder-notice' }, n.message)),
    );
  };
  const form = el('form', { class: 'finder-connection-form', 'aria-label': 'Simulate a connection' }, el('p', {}, 'Which values apply to one connection (like sshd -T -C)?'), user.wrap, ' ', host.wrap, ' ', addr.wrap);
  form.addEventListener('input', update);
  form.addEventListener('submit', (e) => e.preventDefault());
  return el('div', {}, form, out);
}

function renderOne(report: CheckReport): HTMLElement | null {
  switch (report.kind) {
    case 'debug-log':
      return report.recognised ? timeline(report) : null;
    case 'negotiation':
      // Without a list in the message, only its notice (how to see the server's offer) is shown.
      return report.failures.length ? negotiation(report) : report.notices.length ? el('section', { class: 'finder-check', 'aria-label': 'Algorithm negotiation' }, el('h2', {}, 'What the server offers')) : null;
    case 'permissions':
      return findings('Permissions check', report.findings);
    case 'ssh-config':
      return findings(report.source === 'ssh-G' ? 'ssh -G check' : 'Client config check', report.findings);
    case 'sshd-config': {
      const body = findings(report.source === 'sshd-T' ? 'sshd -T check' : 'sshd_config check', report.findings);
      const form = report.source === 'file' ? connectionForm(report) : null;
      if (form) body.append(form);
      return body;
    }
  }
}

/** Render the checks for a paste, or clear the area when the paste is plain error text. */
export function renderCheck(target: HTMLElement, reports: CheckReport[]): void {
  const bodies: HTMLElement[] = [];
  for (const report of reports) {
    const body = renderOne(report);
    if (!body) continue;
    for (const n of report.notices) body.append(el('p', { class: 'finder-notice' }, n));
    bodies.push(body);
  }
  target.replaceChildren(...bodies);
}
