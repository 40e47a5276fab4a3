/**
 * Precedence between rules that matched the same paste. It is data-driven: nothing here knows
 * any article. The order, strongest first:
 *
 * 1. `outranks`: a rule named in another matched rule's `outranks` loses to everything not
 *    outranked. Articles use it for "a specific cause beats the generic last line".
 * 2. A template matched (whole, without its prefix, or as a guess shape) beats a fragment of
 *    one's words (fragments.ts): loose word overlap never overrides a message ssh printed in the
 *    same try. (Fragments are only searched in tries after every exact error: a later try's
 *    failure retyped by the reader is current, as in 5.)
 *    Between two fragments, the one with more matched text wins before anything else, then the
 *    one that matched a message to its end (`Auth fail for method 'publickey'`). One
 *    exception: an error's fragment on the line of a tool's summary that ends in a value (`Could
 *    not establish connection to "h": No route to host.`) is the message that summary wraps.
 *    A guess shape, the weakest template, loses to every other template, a wrapper's included.
 * 3. Two readings of one line: the longer matched literal (it accounts for more of the line),
 *    unless one is a tool's summary (`kind: wrapper`), which quotes the message it wraps.
 * 4. `kind`: error > wrapper > warning > info. `Warning: Permanently added …` never hides the
 *    error after it, and a tool's summary (`UNREACHABLE!`) never hides the SSH message it wraps.
 * 5. The later try: a paste often holds a first attempt and a retry after a change (each command
 *    line or `OpenSSH_…` version line starts a try, normalize.ts); the later failure is current.
 *    Within one try, an error that ends the connection before a session (connect to auth)
 *    beats a session-stage error, whatever their lengths: the session never started.
 * 6. Plain lines beat `debugN:` lines. Debug output is context (`-vvv` prints plenty that looks
 *    alarming and is normal); what ssh printed at normal level is what failed. A debug line still
 *    decides when nothing else matched, or through `outranks`. A `debug2:`/`debug3:` line never
 *    decides at all: that is protocol trace (`no such identity` for default keys that don't exist,
 *    packet types), and an article whose message also appears there must not claim every -vvv log.
 * 7. Form: the whole template > without its prefix > fragment > guess shape.
 * 8. Specificity: the longer the literal text of the matched template, the less likely the match
 *    is incidental and the more it says about the cause (`…: open failed: connect failed: …` says
 *    more than `Connection closed by {host} port {port}`, which follows many different failures).
 * 9. Stage: the earlier connection stage wins. When two equally specific errors appear, the
 *    earlier one usually stopped the connection and the later one is a consequence.
 * 10. The earlier line, then the id, so the result is deterministic.
 */
import { escapeRe } from './compile.ts';
import type { Hit, HitForm } from './scan.ts';
import type { NormLine } from './normalize.ts';
import type { Candidate, Rule } from './types.ts';

// A wrapper's summary line never hides the specific SSH message it wraps, but is still a failure.
const KIND_ORDER: Record<string, number> = { error: 0, wrapper: 1, warning: 2, info: 3 };
/** Forms that rank: a prompt never answers by itself (answerPrompts). */
type RankedForm = Exclude<HitForm, 'prompt'>;
const FORM_ORDER: Record<RankedForm, number> = { full: 0, partial: 1, fragment: 2, guess: 3 };

/** The best evidence one rule has in a paste. */
export interface RuleMatch {
  rule: number;
  literalLen: number;
  /** Every hit of this rule was on a debug line. */
  debugOnly: boolean;
  /** Every hit needed two lines joined. */
  joinedOnly: boolean;
  /** The most complete form any hit had (FORM_ORDER: full > partial > fragment > guess). */
  form: RankedForm;
  /** Index into normalised lines of the evidence. */
  at: number;
  /** The evidence is a template ending in a value (CompiledTemplate.quotes). */
  quotes: boolean;
  /** The evidence is a fragment that leaves part of its message out. */
  cut: boolean;
  outranked: boolean;
}

/** Collapse hits to one per rule (its strongest evidence) and order the rules by precedence. */
export function rankHits(hits: readonly Hit[], lines: readonly NormLine[], rules: readonly Rule[]): RuleMatch[] {
  const byRule = new Map<number, RuleMatch>();
  // Strength of one hit as evidence: plain before debug, stronger form, whole line before joined, longer literal, earlier line.
  const better = (h: Hit & { form: RankedForm }, m: RuleMatch) => {
    const hd = lines[h.at].debug;
    const md = m.debugOnly;
    if (hd !== md) return !hd;
    if (h.form !== m.form) return FORM_ORDER[h.form] < FORM_ORDER[m.form];
    if (h.joined !== m.joinedOnly) return !h.joined;
    if (h.template.literalLen !== m.literalLen) return h.template.literalLen > m.literalLen;
    return lines[h.at].line < lines[m.at].line;
  };
  for (const h of hits) {
    if (lines[h.at].trace || !ranks(h)) continue;
    const r = h.template.rule;
    const cur = byRule.get(r);
    if (!cur || better(h, cur)) {
      byRule.set(r, {
        rule: r,
        literalLen: h.template.literalLen,
        debugOnly: lines[h.at].debug,
        joinedOnly: h.joined,
        form: h.form,
        at: h.at,
        quotes: h.template.quotes,
        cut: h.cut ?? false,
        outranked: false,
      });
    }
  }
  const matchedIds = new Map<string, number>();
  for (const r of byRule.keys()) matchedIds.set(rules[r].id, r);
  for (const [r, m] of byRule) {
    // A fragment may be a look-alike: it is not evidence enough to overrule another match.
    if (m.form === 'fragment') continue;
    for (const loser of rules[r].outranks) {
      const l = matchedIds.get(loser);
      if (l !== undefined && l !== r) byRule.get(l)!.outranked = true;
    }
  }
  return [...byRule.values()].sort((x, y) => compare(x, y, lines, rules));
}

/** A prompt is not a failure: it never ranks and never counts as an error matched (answerPrompts). */
export const ranks = (h: Hit): h is Hit & { form: RankedForm } => h.form !== 'prompt';

/** Stages whose failure always ends the connection attempt. */
export const ENDS_CONNECTION = new Set(['connect', 'banner', 'kex']);
/** Stages whose failure ends the attempt before any session can start. */
const BEFORE_SESSION = new Set([...ENDS_CONNECTION, 'hostkey', 'auth']);
/** Whether a failure of this rule happens before a session can exist (connect to authentication). */
export const endsBeforeSession = (r: Rule) => r.kind === 'error' && BEFORE_SESSION.has(r.stage);

/**
 * A failure that ends the connection (connect, banner, key exchange) and, further down, an
 * authentication failure: authentication needs a connection, so the later failure comes from
 * another attempt and is the current problem, even when no command line marks the retry (`…
 * Connection reset by peer`, then, in the reader's words, "on the next try", `Permission denied
 * (publickey)`). Later-stage lines such as `Connection closed by HOST port 22` or sftp's
 * `Connection closed.` often report the same failure, so only an SSH-only authentication wording
 * counts.
 */
export function laterAttempt(ranked: readonly RuleMatch[], hits: readonly Hit[], lines: readonly NormLine[], rules: readonly Rule[]): RuleMatch[] {
  const top = ranked[0];
  if (!top || top.form === 'fragment' || !ENDS_CONNECTION.has(rules[top.rule].stage)) return [...ranked];
  const after = lines[top.at].line;
  const later = hits.find((h) => {
    const r = rules[h.template.rule];
    return (
      h.form === 'full' &&
      !h.template.shared &&
      !lines[h.at].debug &&
      lines[h.at].line > after &&
      r.kind === 'error' &&
      r.stage === 'auth'
    );
  });
  const match = later && ranked.find((m) => m.rule === later.template.rule && !m.outranked);
  return match ? [match, ...ranked.filter((m) => m !== match)] : [...ranked];
}

/**
 * A prompt asked again in the same try: the answer before it was refused, even when the paste
 * leaves out the refusal between them (ssh's `Permission denied, please try again.` goes to stderr,
 * which a wrapper's terminal or a copy of stdout drops). Each repeat is a guess of the prompt's
 * article: the weakest evidence, beaten by any message the paste does show.
 */
export function repeatedPrompts(hits: readonly Hit[], lines: readonly NormLine[]): Hit[] {
  const asked = new Set<string>();
  const repeats: Hit[] = [];
  for (const h of hits) {
    // A prompt asked again only after a wrong answer is also asked by each of a tool's runs.
    if (h.form !== 'prompt' || h.template.again || lines[h.at].debug) continue;
    const key = `${h.template.rule} ${lines[h.at].attempt}`;
    if (asked.has(key)) repeats.push({ ...h, form: 'guess' });
    else asked.add(key);
  }
  return repeats;
}

/**
 * A prompt answered before a failure it explains, in the same try (`alice@host's password:` then
 * `Permission denied (publickey,keyboard-interactive).`): the failure is the prompt's article, since
 * the reader typed a password and it was refused, whatever method list the refusal prints. Which
 * failures a prompt explains is data (`prompt: [ids]` in frontmatter); the failure stays a runner-up.
 */
export function answerPrompts(ranked: readonly RuleMatch[], hits: readonly Hit[], lines: readonly NormLine[], rules: readonly Rule[]): RuleMatch[] {
  const top = ranked[0];
  if (!top || top.outranked || top.form === 'fragment') return [...ranked];
  const failed = rules[top.rule].id;
  const prompt = hits.find(
    (h) =>
      h.form === 'prompt' &&
      // The same line when a terminal joined them (`git@host's password: Permission denied, please try again.`).
      h.at <= top.at &&
      !lines[h.at].debug &&
      lines[h.at].attempt === lines[top.at].attempt &&
      (rules[h.template.rule].promptClaims ?? []).includes(failed) &&
      (!h.template.again || askedAgain(h, hits, lines)),
  );
  return prompt ? answeredBy(ranked, prompt.template.rule) : [...ranked];
}

/** The top match's line answered by another article, the top match kept as its runner-up. */
function answeredBy(ranked: readonly RuleMatch[], answer: number): RuleMatch[] {
  return [{ ...ranked[0], rule: answer }, ...ranked.filter((m) => m.rule !== answer)];
}

/** Whether the same prompt (the same line, `Enter passphrase for key '/home/me/.ssh/id_rsa':`) was asked again later in its try. */
function askedAgain(first: Hit, hits: readonly Hit[], lines: readonly NormLine[]): boolean {
  return hits.some((h) => h.form === 'prompt' && h.at > first.at && h.template.rule === first.template.rule && lines[h.at].attempt === lines[first.at].attempt && lines[h.at].text === lines[first.at].text);
}

/** Per rule, a pattern for the names in its `mentions` (whole words, any case), or null. */
export function mentionPatterns(rules: readonly Rule[]): (RegExp | null)[] {
  return rules.map((r) => (r.mentions?.length ? new RegExp(`(?<![\\w-])(?:${r.mentions.map(escapeRe).join('|')})(?![\\w-])`, 'i') : null));
}

/**
 * A generic failure in a paste that names the feature behind it (`Permission denied (publickey)`
 * in a post about OS Login or Entra ID login): the feature's article answers
 * when it outranks the failure, with the failure's line as evidence and the failure as runner-up.
 * Which feature names count is data (`mentions` in frontmatter).
 */
export function answerMentions(ranked: readonly RuleMatch[], lines: readonly NormLine[], rules: readonly Rule[], mentions: readonly (RegExp | null)[]): RuleMatch[] {
  const top = ranked[0];
  if (!top || top.outranked) return [...ranked];
  const failed = rules[top.rule].id;
  const named = (re: RegExp) => lines.some((l) => !l.debug && re.test(l.text));
  const answer = rules.findIndex((r, i) => i !== top.rule && r.outranks.includes(failed) && mentions[i] !== null && named(mentions[i]!));
  return answer === -1 ? [...ranked] : answeredBy(ranked, answer);
}

function compare(x: RuleMatch, y: RuleMatch, lines: readonly NormLine[], rules: readonly Rule[]): number {
  const rx = rules[x.rule];
  const ry = rules[y.rule];
  // A tool's summary followed by the SSH message it wraps, on one line (`Could not establish
  // connection to "h": No route to host.`): the message, even as a fragment, says what failed.
  const wraps = (a: RuleMatch, b: RuleMatch) =>
    a.at === b.at && a.form === 'fragment' && rules[a.rule].kind === 'error' && rules[b.rule].kind === 'wrapper' && b.quotes;
  return (
    Number(x.outranked) - Number(y.outranked) ||
    Number(wraps(y, x)) - Number(wraps(x, y)) ||
    // A fragment is searched only in tries after every exact error (index.ts): there, the later
    // try's failure is current, even retyped.
    ((x.form === 'fragment') !== (y.form === 'fragment') && rx.kind === 'error' && ry.kind === 'error' ? lines[y.at].attempt - lines[x.at].attempt : 0) ||
    Number(x.form === 'fragment') - Number(y.form === 'fragment') ||
    // A guess shape is the closest article when nothing else matched: any other template beats it,
    // a wrapper's own summary included.
    Number(x.form === 'guess') - Number(y.form === 'guess') ||
    // Between fragments the identification itself is in doubt: more words matched says more than kind.
    (x.form === 'fragment' && y.form === 'fragment' ? y.literalLen - x.literalLen : 0) ||
    // The same words read as two messages: the one they complete is the one typed (`Auth fail for
    // method 'publickey'` is the publickey line, not `…'publickey,password'`).
    (x.form === 'fragment' && y.form === 'fragment' ? Number(x.cut) - Number(y.cut) : 0) ||
    // Two readings of the same line: the one that accounts for more of it says what it is
    // (`Connection closed by ADDR port N [preauth]` is sshd's log line, not the client's message).
    // Not for a tool's summary, which quotes the SSH message it wraps on the same line.
    (x.at === y.at && x.form === y.form && rx.kind !== 'wrapper' && ry.kind !== 'wrapper' ? y.literalLen - x.literalLen : 0) ||
    (KIND_ORDER[rx.kind] ?? 0) - (KIND_ORDER[ry.kind] ?? 0) ||
    lines[y.at].attempt - lines[x.at].attempt ||
    // In one try, a failure that ended the connection before a session explains the session's
    // failure after it (`subprocess ssh: Host key verification failed.`, then restic's `unable to
    // start the sftp session`): the session never started.
    Number(endsBeforeSession(ry) && rx.stage === 'session') - Number(endsBeforeSession(rx) && ry.stage === 'session') ||
    Number(x.debugOnly) - Number(y.debugOnly) ||
    FORM_ORDER[x.form] - FORM_ORDER[y.form] ||
    y.literalLen - x.literalLen ||
    rx.stageRank - ry.stageRank ||
    lines[x.at].line - lines[y.at].line ||
    (rx.id < ry.id ? -1 : rx.id > ry.id ? 1 : 0)
  );
}

/**
 * Starting confidence by how much of a template matched: a fragment says less the shorter it is
 * (`literalLen` counts its letters: `no matching cipher found their offer` ≈ 30, `connection
 * refused` 17).
 */
const FORM_CONFIDENCE: Record<RankedForm, (letters: number) => number> = {
  full: () => 0.97,
  partial: () => 0.87,
  fragment: (letters) => (letters >= 30 ? 0.8 : letters >= 20 ? 0.7 : 0.6),
  guess: () => 0.5,
};

/**
 * Confidence of a template match: high, lowered when the evidence is weaker (a debug line, a
 * joined wrap) or when it had to beat an unrelated rival of the same standing; runners-up get less.
 */
export function toCandidates(ranked: readonly RuleMatch[], lines: readonly NormLine[], rules: readonly Rule[]): Candidate[] {
  let top = 1;
  return ranked.map((m, i) => {
    let c = FORM_CONFIDENCE[m.form](m.literalLen);
    if (m.debugOnly) c -= 0.1;
    if (m.joinedOnly) c -= 0.1;
    if (i === 0) {
      const rival = ranked[1];
      const sameTier =
        rival &&
        !rival.outranked &&
        rules[rival.rule].kind === rules[m.rule].kind &&
        rival.debugOnly === m.debugOnly &&
        FORM_ORDER[rival.form] <= FORM_ORDER[m.form];
      if (sameTier) c -= 0.12;
      top = c;
    } else {
      // A runner-up never reads surer than the answer (an exact line of an earlier try, under a
      // later try's retyped failure).
      c = Math.min(c * (m.outranked ? 0.5 : 0.75), top);
    }
    const line = lines[m.at];
    const rule = rules[m.rule];
    return {
      id: rule.id,
      title: rule.title,
      confidence: Math.round(c * 100) / 100,
      evidence: { line: line.line, text: line.orig },
      via: 'template' as const,
    };
  });
}

// Words a program uses when something failed. Bounded literal alternation: linear per line.
const FAILURE_RE = /\b(?:error|fatal|failed|failure|exception|denied|refused|unable|cannot|timed out|timeout|aborted)\b/i;

/** A log this long (lines besides debug output) is a log, not a message with its context. */
const LONG_LOG = 10;
/** Lines this close to a matched line are its context (`error: openpty: …` before `session_pty_req: … failed`). */
const NEARBY = 3;

/**
 * Whether a long paste reports a failure far from every matched line: a CI log whose only SSH
 * line is a notice (`Warning: Permanently added …`) and whose failure is something else.
 */
export function failsElsewhere(lines: readonly NormLine[], hits: readonly Hit[]): boolean {
  if (lines.filter((l) => !l.debug).length < LONG_LOG) return false;
  // Marked once per hit, so a long log with many hits and many failure lines stays linear.
  const near = new Uint8Array(lines.length);
  for (const h of hits) near.fill(1, Math.max(0, h.at - NEARBY), Math.min(lines.length, h.at + NEARBY + 1));
  return lines.some((l, i) => !l.debug && !near[i] && FAILURE_RE.test(l.text));
}

// What ssh and the tools around it print once a connection worked (at -v too). Literal, bounded.
const SUCCESS_RE = /\b(?:Authenticated to \S|Authentication succeeded|Authentication \((?:password|publickey|keyboard-interactive)\) successful|Entering interactive session|Machine booted and ready|Inserting generated public key within guest|remote-exec\): Connected!|Last login: |Welcome to )/;

/**
 * A reader's words placing a failure after the login: `after login`, `once logged in`, `while idle`,
 * `after a few minutes idle`, `after 10 minutes of inactivity`, `during a long running command`,
 * `while copying with scp`.
 */
export const SAYS_IN_SESSION_RE =
  /\b(?:(?:after|once)(?: (?:I|I'm|am|the|my|an?|ssh|successful)){0,2} (?:log(?:ged|ging)? ?in|login)|(?:while|when|after(?: being)?) idle|(?:minutes?|mins?|hours?) (?:of )?(?:idle|idling|inactivity)|(?:during|while)(?: running| doing| executing)? (?:a |the |my )?(?:long(?:[- ]running)? |large )?(?:command|scp|rsync|sftp|transfer|copy|upload|download|build|session)|while (?:copying|transferring|uploading|downloading|working))\b/i;

/**
 * For each line, whether its try already logged in before it (`Last login: …`): from there on the
 * lines come from the session's programs (`-bash: fork: retry: Resource temporarily unavailable`),
 * so their words are not a connection, key exchange or login failure of that try. A line that says so
 * itself (`ssh connection timeout after login`, `… when idle`) is the reader placing the failure in
 * the session too.
 */
export function loggedInBefore(lines: readonly NormLine[]): boolean[] {
  const out: boolean[] = [];
  let attempt = -1;
  let inSession = false;
  for (const l of lines) {
    if (l.attempt !== attempt) {
      attempt = l.attempt;
      inSession = false;
    }
    out.push(inSession || (!l.debug && SAYS_IN_SESSION_RE.test(l.text)));
    if (!l.debug && SUCCESS_RE.test(l.text)) inSession = true;
  }
  return out;
}

/**
 * Whether the same try goes on to connect after line `at`: the error was a retry that recovered.
 * A success in a later try (a manual `ssh` after a failed tool run) does not count: that try is
 * another command, and the tool's failure is still the problem.
 */
export function recoveredLater(lines: readonly NormLine[], at: number): boolean {
  const attempt = lines[at].attempt;
  for (let i = at + 1; i < lines.length && lines[i].attempt === attempt; i++) if (SUCCESS_RE.test(lines[i].text)) return true;
  return false;
}
