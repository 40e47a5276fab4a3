/**
 * Shared result types of the in-browser checks (log timeline, permissions, sshd_config).
 * Plain data only, so a result can cross a Web Worker boundary or be printed as JSON.
 */

/** How bad a finding is: `error` breaks ssh/sshd, `warning` is a risk or a likely surprise, `info` is context. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem found by a check, tied to the pasted line(s) that show it and the article that explains it. */
export interface Finding {
  /** Stable rule name, e.g. `private-key-too-open`; tests and the UI key on it. */
  rule: string;
  severity: Severity;
  /** 1-based line numbers in the pasted text (empty when the finding is about something missing). */
  lines: number[];
  /** What is wrong, in one or two sentences. */
  message: string;
  /** The exact command(s) or edit that fixes it; empty when there is nothing to run. */
  fix: string;
  /** The article id (content/ids.tsv) that explains it, or null when no article fits. */
  articleId: string | null;
}

/** Fields every check result carries. */
export interface CheckResultBase {
  /** Notices about the input itself (truncated, binary, not the expected kind…). */
  notices: string[];
  findings: Finding[];
}

/** Severity order for sorting and for `worst()`. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts findings worst first, then by first line, without mutating the input. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.lines[0] ?? 0) - (b.lines[0] ?? 0),
  );
}

/** At most this many findings per rule are kept: a 100,000-line paste must not yield 100,000 findings. */
export const MAX_FINDINGS_PER_RULE = 50;

/** Keeps the first MAX_FINDINGS_PER_RULE findings of each rule; says in a notice what was dropped. */
export function capFindings(findings: Finding[], notices: string[]): Finding[] {
  const count = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const c = (count.get(f.rule) ?? 0) + 1;
    count.set(f.rule, c);
    if (c <= MAX_FINDINGS_PER_RULE) out.push(f);
  }
  for (const [rule, c] of count) {
    if (c > MAX_FINDINGS_PER_RULE) notices.push(`${c - MAX_FINDINGS_PER_RULE} more "${rule}" findings were left out.`);
  }
  return out;
}

/**
 * Per-rule budget checked BEFORE a finding is built, so a flood of identical problems costs a
 * counter increment instead of a message string each (capFindings then has little to drop).
 */
export class RuleBudget {
  private counts = new Map<string, number>();
  /** True while the rule is under MAX_FINDINGS_PER_RULE; counts every call. */
  room(rule: string): boolean {
    const c = (this.counts.get(rule) ?? 0) + 1;
    this.counts.set(rule, c);
    return c <= MAX_FINDINGS_PER_RULE;
  }
  /** Adds a notice for each rule that went over budget. */
  report(notices: string[]): void {
    for (const [rule, c] of this.counts) {
      if (c > MAX_FINDINGS_PER_RULE) notices.push(`${c - MAX_FINDINGS_PER_RULE} more "${rule}" findings were left out.`);
    }
  }
}
