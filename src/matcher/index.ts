/**
 * SSH Fix matcher: routes a pasted SSH error or `ssh -vvv` log to the article that explains it.
 *
 * Pure TypeScript with no DOM, Node or WASM dependency, so the page, a Web Worker, the embeddable
 * widget, the CLI and the tests all run the same code.
 *
 * ```ts
 * import { createMatcher } from './matcher/index.ts';
 * const matcher = createMatcher(rules);       // compile once
 * const { best, alternatives } = matcher.match(paste);
 * ```
 *
 * How a paste is routed:
 * 1. normalise (normalize.ts): strip colours, timestamps, syslog/CI prefixes, prompts, `debugN:`,
 *    unwrap Ansible/JSON/Go-quoted strings, number the tries in the paste; every line remembers
 *    where it came from;
 * 2. exact pass (scan.ts + compile.ts): message templates, and their forms without the leading
 *    literal, matched anywhere in a line, case-insensitively, masks accepted in every value, with a
 *    word index as prefilter and wrapped lines joined pairwise; a wording non-SSH programs print
 *    too (`shared`, and every partial form) counts only in a paste about SSH (context.ts); a line
 *    a shell or file tool labels as its own (`bash: cd: …`) is not read (names.ts);
 * 3. in the tries after the last error matched whole: fragments of a message's words
 *    (fragments.ts); a password prompt asked again in the same try is a guess of its article (the
 *    refusal between is often not pasted); none of this, nor step 5, in a paste where git asks for
 *    HTTPS credentials (context.ts);
 * 4. precedence (rank.ts): outranks, template over fragment (unless the fragment is a later try's
 *    failure), the fuller reading of one line, kind,
 *    the later try, plain over debug, form, specificity, stage; then an authentication failure
 *    after one that ended the connection is a retry and answers, and a prompt answered before the
 *    failure (`alice@host's password:`) names the article; a notice in a log that failed elsewhere,
 *    or a connect failure the same run recovered from, is flagged with a notice and low confidence;
 * 5. otherwise a typo-tolerant guess (fuzzy.ts) with capped confidence: for a short input, or for
 *    the sentences of a longer typed paste (those that name SSH, or any sentence of a paragraph of
 *    prose in a paste about SSH).
 */
import { aboutOtherSubject, namesOtherServicePort, showsHttpsGit, showsSsh } from './context.ts';
import { buildFragmentIndex, findFragments, type FragmentIndex } from './fragments.ts';
import { FuzzyIndex, isProse, proseAboutSsh } from './fuzzy.ts';
import { labelledByOtherTool } from './names.ts';
import { normalize, type NormLine } from './normalize.ts';
import { answerMentions, answerPrompts, ENDS_CONNECTION, endsBeforeSession, failsElsewhere, laterAttempt, loggedInBefore, mentionPatterns, rankHits, ranks, recoveredLater, repeatedPrompts, SAYS_IN_SESSION_RE, toCandidates } from './rank.ts';
import { buildIndex, scan, type Hit } from './scan.ts';
import { SymptomIndex } from './symptoms.ts';
import type { Candidate, Matcher, MatcherOptions, MatchResult, Rule } from './types.ts';

export type { Candidate, Evidence, FuzzyOptions, Matcher, MatcherOptions, MatchResult, Rule, RuleKind } from './types.ts';
/** Input normalisation, exported for tools that want to show what the matcher saw. */
export { normalize, type NormLine } from './normalize.ts';
/** Template compilation, exported for the content lint and tests. */
export { compileTemplate, parseTemplate } from './compile.ts';

/** Largest input accepted, in UTF-16 characters (10 MiB). */
export const MAX_INPUT_CHARS = 10 * 1024 * 1024;
/** Confidence ceiling for a notice-only answer in a paste that failed for another reason. */
const NOT_THE_FAILURE_CONFIDENCE = 0.4;
/** Sentences of a longer typed paste that are guessed at, and how much less sure each guess is. */
const MAX_SENTENCES = 12;
/** The end of a sentence inside a line: `.`, `!` or `?` before a space (not the dots of an address). */
const SENTENCE_END_RE = /(?<=[.!?])\s+/;
const SENTENCE_DISCOUNT = 0.85;
/**
 * A sentence ending in a colon introduces what follows (`When I try to establish an SSH connection
 * to a remote host, I receive the following error:`): its words are what the reader did, not what
 * failed, and read as a look-alike message.
 */
const INTRODUCES_RE = /:\s*$/;
/** Evidence text longer than this is cut, so a hostile 100 kB line does not flood the UI. */
export const MAX_EVIDENCE_CHARS = 2000;

/** Notices shown when there is no confident answer. */
export const NOTICES = {
  empty: 'Paste an SSH error message or the output of `ssh -vvv user@host`.',
  noMatch:
    'No known SSH error message found. Paste the complete output of the failing command; for more detail, run it again with `ssh -vvv`.',
  fuzzy: 'No exact message matched; this is a best guess from similar wording. Check that it reads like your error.',
  notTheFailure:
    'The SSH line recognised here is a notice, not a failure, and other lines of this paste report an error: the failure is probably something else.',
  recovered:
    'This paste goes on to connect successfully after this error: it may be an earlier try that already recovered. Paste the output of the run that fails.',
  tooLarge: (chars: number, max: number) =>
    `The input is ${(chars / 1024 / 1024).toFixed(1)} MB, over the ${Math.round(max / 1024 / 1024)} MB limit; paste only the part around the error.`,
  failed: 'The matcher could not read this input; paste the error text only.',
} as const;

const cut = (s: string) => (s.length > MAX_EVIDENCE_CHARS ? s.slice(0, MAX_EVIDENCE_CHARS) + '…' : s);

/** Compile a rule set into a matcher (cost grows with the number of templates; do it once). */
export function createMatcher(rules: readonly Rule[], options: MatcherOptions = {}): Matcher {
  const maxAlternatives = options.maxAlternatives ?? 3;
  const maxInputChars = options.maxInputChars ?? MAX_INPUT_CHARS;
  const index = buildIndex(rules);
  const mentions = mentionPatterns(rules);
  let fuzzy: FuzzyIndex | null | undefined; // built on first use: most pastes never need it
  let fragments: FragmentIndex | undefined; // likewise
  let symptoms: SymptomIndex | undefined; // likewise

  /**
   * A guess shape (`Access denied`) is a catch-all: in a sentence that also says another article's
   * symptom (`git push over ssh access denied`), that phrase is the surer reading.
   */
  const symptomIndex = () => (symptoms ??= new SymptomIndex(rules.map((r) => r.symptoms)));
  const saysOtherSymptom = (h: Hit, text: string) => symptomIndex().find(text).some((s) => s.rule !== h.template.rule);

  /**
   * Fragment hits on lines no template matched, for a paste with no error matched whole. `matched`
   * adds the lines a shared wording matched in a paste not about SSH: another program's message
   * whole (Go's `listen tcp …: bind: address already in use`), not part of an SSH one.
   */
  function fragmentHits(hits: readonly Hit[], lines: readonly NormLine[], matched: readonly Hit[], inSession: readonly boolean[], overHttps: () => boolean): Hit[] {
    // Fragments may reveal the SSH message a wrapper's summary hides, but never compete with an
    // exact one in the same try: they are searched only in tries after the last exact error (a
    // reader retyping what a retry printed: `The error I get now is "exit before auth"`).
    let lastExact = -1;
    for (const h of hits) if (ranks(h) && rules[h.template.rule].kind === 'error' && !lines[h.at].trace) lastExact = Math.max(lastExact, lines[h.at].attempt);
    if (lastExact === lines[lines.length - 1].attempt || overHttps()) return [];
    fragments ??= buildFragmentIndex(rules);
    // A wrapper's summary line is searched too: the SSH message it wraps often follows it on that line.
    const taken = new Set(matched.filter((h) => rules[h.template.rule].kind !== 'wrapper').map((h) => h.at));
    const found = findFragments(fragments, lines, (i) => !taken.has(i) && lines[i].attempt > lastExact && !labelledByOtherTool(lines[i].text));
    if (found.length === 0) return [];
    const aboutSsh = showsSsh(hits, lines);
    return found
      .filter((f) => (aboutSsh || !f.needsContext) && !namesOtherServicePort(lines[f.at].text))
      .filter((f) => !(inSession[f.at] && endsBeforeSession(rules[f.rule])))
      .map((f) => ({ template: { rule: f.rule, literalLen: f.letters, shared: false, quotes: false }, at: f.at, joined: false, form: 'fragment' as const, cut: f.cut }));
  }

  /**
   * A longer paste with no message in it, written in sentences (an issue form: `When I try to SSH
   * into 10.0.0.2, it gives me "refused to connect on port 22, connection refused"`): the first few
   * sentences about SSH are guessed one by one, and the surest guess answers, at a lower cap.
   */
  function sentenceGuess(index: FuzzyIndex, lines: readonly NormLine[], query: string): { found: { rule: number; confidence: number }[]; at: NormLine } | null {
    let best: { found: { rule: number; confidence: number }[]; at: NormLine } | null = null;
    let tried = 0;
    const context = proseAboutSsh(query);
    for (const l of lines) {
      if (tried >= MAX_SENTENCES) break;
      // A paragraph pasted as one line holds several sentences: each is guessed on its own. Whether
      // the line is prose is read once per line, not once per sentence (a long line holds thousands).
      const paragraph = context && isProse(l.text);
      for (const sentence of l.text.split(SENTENCE_END_RE)) {
        if (tried >= MAX_SENTENCES) break;
        if (INTRODUCES_RE.test(sentence) || !index.acceptsSentence(sentence, paragraph)) continue;
        tried++;
        const found = index.search(sentence, maxAlternatives + 1, context).map((f) => ({ rule: f.rule, confidence: Math.round(f.confidence * SENTENCE_DISCOUNT * 100) / 100 }));
        if (found.length && (!best || found[0].confidence > best.found[0].confidence)) best = { found, at: l };
      }
    }
    return best;
  }

  function run(input: string): MatchResult {
    const { lines, total } = normalize(input);
    if (lines.length === 0) return { best: null, alternatives: [], notice: NOTICES.empty, stats: { lines: total } };

    // A line a shell or file tool labelled as its own (`mkdir: can't create directory …`) is that
    // tool's message, however much of an SSH message it resembles (nor are its words, below).
    const matched = scan(index, lines).filter((h) => !labelledByOtherTool(lines[h.at].text));
    // A wording other programs print too counts only in a paste about SSH, never about a database's
    // port or a web port named with its address (git over HTTPS), and not for a connection that
    // never opened after a login in its try or in a line that places it there (`ssh: connection
    // closed by server after 5 minutes idle`); a bare guess (`Authentication failed`) not in a line
    // about another subject, nor in one that says another article's symptom.
    const inSession = loggedInBefore(lines);
    let hits = matched.filter(
      (h) =>
        !(h.template.shared && (namesOtherServicePort(lines[h.at].text) || (inSession[h.at] && endsBeforeSession(rules[h.template.rule])))) &&
        !(h.form === 'guess' && (aboutOtherSubject(lines[h.at].text) || saysOtherSymptom(h, lines[h.at].text))),
    );
    if (hits.some((h) => h.template.shared) && !showsSsh(hits, lines)) hits = hits.filter((h) => !h.template.shared);
    // Read only when a guess from words is about to be made (most pastes never need it).
    let https: boolean | undefined;
    const overHttps = () => (https ??= showsHttpsGit(lines));
    hits = hits.concat(fragmentHits(hits, lines, matched, inSession, overHttps), repeatedPrompts(hits, lines));
    const ranked = answerMentions(answerPrompts(laterAttempt(rankHits(hits, lines, rules), hits, lines, rules), hits, lines, rules), lines, rules, mentions);
    if (ranked.length > 0) {
      const cands = toCandidates(ranked, lines, rules).slice(0, maxAlternatives + 1);
      for (const c of cands) c.evidence.text = cut(c.evidence.text);
      // `Warning: Permanently added …` in a CI log that failed for another reason is not the answer.
      const topKind = rules[ranked[0].rule].kind;
      if ((topKind === 'warning' || topKind === 'info') && failsElsewhere(lines, hits)) {
        cands[0].confidence = Math.min(cands[0].confidence, NOT_THE_FAILURE_CONFIDENCE);
        return { best: cands[0], alternatives: cands.slice(1), notice: NOTICES.notTheFailure, stats: { lines: total } };
      }
      // Vagrant's `Warning: Connection timeout. Retrying...` before `Machine booted and ready!`: a
      // failure to connect ends that connection, so a success after it in the same try is a retry
      // that worked. (Later-stage messages are often not fatal: `load pubkey: invalid format`.)
      if (ENDS_CONNECTION.has(rules[ranked[0].rule].stage) && recoveredLater(lines, ranked[0].at)) {
        cands[0].confidence = Math.min(cands[0].confidence, NOT_THE_FAILURE_CONFIDENCE);
        return { best: cands[0], alternatives: cands.slice(1), notice: NOTICES.recovered, stats: { lines: total } };
      }
      return { best: cands[0], alternatives: cands.slice(1), stats: { lines: total } };
    }

    if (options.fuzzy !== false && !overHttps()) {
      fuzzy ??= new FuzzyIndex(rules, symptomIndex(), options.fuzzy || {});
      // Debug lines are machine output, not a typed fragment: `-vvv` noise never decides alone.
      const typed = lines.filter((l) => !l.debug);
      const query = typed.map((l) => l.text).join(' ');
      if (typed.length === lines.length) {
        const typedGuess = fuzzy.accepts(lines.length, query) ? { found: fuzzy.search(query, maxAlternatives + 1), at: lines[0] } : sentenceGuess(fuzzy, lines, query);
        // `ssh connection timeout after login`: the reader places it in the session, where a
        // connection that never opened is not the answer.
        const found = typedGuess && SAYS_IN_SESSION_RE.test(typedGuess.at.text) ? typedGuess.found.filter((f) => !endsBeforeSession(rules[f.rule])) : typedGuess?.found;
        if (typedGuess && found && found.length > 0) {
          const cands: Candidate[] = found.map((f) => ({
            id: rules[f.rule].id,
            title: rules[f.rule].title,
            confidence: f.confidence,
            evidence: { line: typedGuess.at.line, text: cut(typedGuess.at.orig) },
            via: 'fuzzy',
          }));
          return { best: cands[0], alternatives: cands.slice(1), notice: NOTICES.fuzzy, stats: { lines: total } };
        }
      }
    }
    return { best: null, alternatives: [], notice: NOTICES.noMatch, stats: { lines: total } };
  }

  return {
    rules,
    /** Route one paste. Never throws: any input, including binary junk, gets a result. */
    match(input: string): MatchResult {
      const text = typeof input === 'string' ? input : input == null ? '' : String(input);
      if (text.length > maxInputChars) {
        return { best: null, alternatives: [], notice: NOTICES.tooLarge(text.length, maxInputChars), stats: { lines: 0 } };
      }
      try {
        return run(text);
      } catch {
        // Defensive only: every step is written not to throw; a bug must not break the page.
        return { best: null, alternatives: [], notice: NOTICES.failed, stats: { lines: 0 } };
      }
    },
  };
}
