/**
 * Everything the finder reads from one paste: which article (the matcher), the checks that fit
 * it (the negotiation explainer for a "no matching …" failure, the journey of a debug log, a
 * permissions listing, an sshd_config or a client config), and the paste with private details
 * masked for sharing. Pure, so the main thread and the worker run exactly the same code.
 */
import {
  analyzeLog,
  checkPermissions,
  checkSshConfig,
  checkSshdConfig,
  detectKind,
  explainNegotiation,
  type LogTimeline,
  type NegotiationReport,
  type PermissionsReport,
  type SshConfigReport,
  type SshdConfigReport,
} from '../../checks/index.ts';
import type { Matcher, MatchResult } from '../../matcher/types.ts';
import { redact, type Redaction } from '../../redact/index.ts';

export type CheckReport = LogTimeline | PermissionsReport | SshdConfigReport | SshConfigReport | NegotiationReport;

// The articles whose failure the explainer reads; a paste routed there always gets its answer (or its "no list" note).
const NEGOTIATION_ARTICLES = new Set(['no-matching-key-exchange', 'no-matching-host-key-type', 'no-matching-cipher', 'no-matching-mac']);

export interface Analysis {
  match: MatchResult;
  /** The checks that fit the paste, in the order shown (empty for plain error text). */
  check: CheckReport[];
  /** Only when there is an answer to share. */
  redaction: Redaction | null;
}

export function analyze(matcher: Matcher, text: string): Analysis {
  const match = matcher.match(text);
  const kind = detectKind(text);
  const check: CheckReport[] = [];
  const routed = match.best?.id ?? null;
  if (kind === 'negotiation' || kind === 'debug-log' || (routed !== null && NEGOTIATION_ARTICLES.has(routed))) {
    const n = explainNegotiation(text, { routedId: routed });
    if (n.failures.length || (kind !== 'debug-log' && routed !== null && NEGOTIATION_ARTICLES.has(routed))) check.push(n);
  }
  if (kind === 'debug-log') check.push(analyzeLog(text));
  else if (kind === 'permissions') check.push(checkPermissions(text));
  else if (kind === 'sshd-config') check.push(checkSshdConfig(text, { routedId: routed }));
  else if (kind === 'ssh-config') check.push(checkSshConfig(text));
  return { match, check, redaction: match.best ? redact(text) : null };
}
