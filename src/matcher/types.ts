/**
 * Public types of the matcher. Kept apart from the code so the browser widget, the worker,
 * the CLI and the tests can import the shapes without pulling in any implementation.
 */

/**
 * How a rule's message can end a connection: errors stop it; a wrapper is a tool's summary of a
 * failed connection that hides the real SSH message; warnings and info are printed on the way.
 */
export type RuleKind = 'error' | 'wrapper' | 'warning' | 'info';

/** One routable error, derived from an article's frontmatter (src/catalog/rules.ts); never written by hand. */
export interface Rule {
  /** The article id, also its public URL. */
  id: string;
  title: string;
  /** The connection stage name (see STAGES in src/catalog/schema.ts). */
  stage: string;
  /** Position of `stage` in the connection's life: lower = earlier. */
  stageRank: number;
  kind: RuleKind;
  /** Message templates with `{placeholder}`s, as written in the article. */
  messages: string[];
  /**
   * Templates that non-SSH programs print too (Go and Node.js socket errors, …): a hit on one
   * counts only when the paste shows it is about SSH (see context.ts).
   */
  shared?: string[];
  /**
   * Catch-all shapes (`ssh: connect to host {host} port {port}: {text}`): the closest article for
   * a known line with an unknown ending. They decide only when nothing more specific matched, at
   * low confidence, and never count as a rival of a real match.
   */
  guesses?: string[];
  /**
   * `debugN:` lines a verbose log stops at when the connection hangs there (`expecting
   * SSH2_MSG_KEX_ECDH_REPLY`): a guess, like `guesses`, only on the paste's last debug line.
   */
  stalls?: string[];
  /**
   * Prompts (`{user}@{host}'s password:`): never an answer alone; a failure of a rule in
   * `promptClaims` after one, in the same try, is answered with this rule (rank.ts, answerPrompts).
   */
  prompts?: string[];
  /** Prompts that explain a failure only when asked again for the same thing before it (`Enter passphrase for key …:`). */
  promptsAgain?: string[];
  promptClaims?: string[];
  /**
   * How readers describe this failure in their own words when they paste no message (`ssh times
   * out`, `password is not accepted`): a low-confidence guess in a typed sentence about SSH.
   */
  symptoms?: string[];
  /** Ids this rule beats when both match one paste. */
  outranks: string[];
  /**
   * Names of this rule's feature (`OS Login`): a paste naming one, whose answer is a rule in
   * `outranks`, is answered with this rule (rank.ts, answerMentions).
   */
  mentions?: string[];
}

/** Where a candidate was found: the line in the ORIGINAL input (1-based) and that line's original text. */
export interface Evidence {
  line: number;
  text: string;
}

/** One possible answer. */
export interface Candidate {
  id: string;
  title: string;
  /** 0..1; template matches are high, fuzzy guesses are capped (see MatcherOptions.fuzzy.maxConfidence). */
  confidence: number;
  evidence: Evidence;
  /** `template`: a message template matched exactly; `fuzzy`: a typo-tolerant guess for a short input. */
  via: 'template' | 'fuzzy';
}

/** What `match()` returns; it never throws. */
export interface MatchResult {
  best: Candidate | null;
  /** Up to `maxAlternatives` runners-up, distinct ids, best first. */
  alternatives: Candidate[];
  /** A helpful sentence when nothing matched or the input was refused. */
  notice?: string;
  /** `lines`: lines in the input as given (0 when refused). No timings: the library stays pure and deterministic. */
  stats: { lines: number; ms?: never };
}

/** Tuning for the typo-tolerant fallback used on short inputs with no exact match. */
export interface FuzzyOptions {
  /** Only inputs with at most this many non-empty lines are tried (default 3). */
  maxLines?: number;
  /** …and at most this many characters after normalisation (default 300). */
  maxChars?: number;
  /** fuse.js threshold: 0 = exact, 1 = anything (default 0.7; word overlap does the real filtering). */
  threshold?: number;
  /** Confidence ceiling for fuzzy answers (default 0.6). */
  maxConfidence?: number;
  /** Guesses below this confidence are dropped (default 0.3). */
  minConfidence?: number;
}

/** Options of `createMatcher`. */
export interface MatcherOptions {
  /** Runners-up to return (default 3). */
  maxAlternatives?: number;
  /** Inputs longer than this (in UTF-16 characters) are refused with a notice (default 10 MiB). */
  maxInputChars?: number;
  /** `false` turns the fuzzy fallback off. */
  fuzzy?: FuzzyOptions | false;
}

/** A compiled matcher: build once per rule set, call `match` per paste. */
export interface Matcher {
  match(input: string): MatchResult;
  readonly rules: readonly Rule[];
}
