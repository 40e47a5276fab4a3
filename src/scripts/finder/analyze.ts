/**
 * Everything the finder reads from one paste: which article (the matcher) and, when the paste is
 * a debug log, a permissions listing or an sshd_config, the check that fits. Pure, so the main
 * thread and the worker run exactly the same code.
 */
import { analyzeLog, checkPermissions, checkSshdConfig, detectKind, type LogTimeline, type PermissionsReport, type SshdConfigReport } from '../../checks/index.ts';
import type { Matcher, MatchResult } from '../../matcher/types.ts';

export type CheckReport = LogTimeline | PermissionsReport | SshdConfigReport;

export interface Analysis {
  match: MatchResult;
  check: CheckReport | null;
}

export function analyze(matcher: Matcher, text: string): Analysis {
  const match = matcher.match(text);
  const kind = detectKind(text);
  const check =
    kind === 'debug-log' ? analyzeLog(text) : kind === 'permissions' ? checkPermissions(text) : kind === 'sshd-config' ? checkSshdConfig(text) : null;
  return { match, check };
}
