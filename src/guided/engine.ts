/**
 * The guided-check interpreter: reads a pasted command output against one compiled verdict
 * block and answers confirmed (with the proving line), ruled-out (with the next cause) or
 * can't-tell (with what to run). Pure: no DOM, no Node APIs; the page and the tests run it.
 * Bounded: the input goes through prepareInput (10 MB, bounded lines), every parser is line by
 * line, and patterns can't backtrack (pattern.ts). Never throws.
 */
import { clip, prepareInput } from '../checks/input.ts';
import { compilePattern, matchPattern } from './pattern.ts';
import { readOutput, type FactRecord, type ParsedOutput } from './records.ts';
import { PARSERS, type Condition, type FactValue, type ParserName } from './vocabulary.ts';

/** The verdict data the engine needs (a CompiledVerdict from extract.ts, as shipped to the page). */
export interface VerdictData {
  cause: string;
  check: ParserName[];
  run: string;
  confirms: RuleData[];
  rulesOut: RuleData[];
  next: string | null;
}

export interface RuleData {
  when?: Condition;
  none?: Condition;
  match?: string;
  absent?: string;
  also?: string;
  empty?: true;
  say: string;
  /** rulesOut only: where this answer points, instead of the block's `next`. */
  next?: string;
}

export type Verdict = 'confirmed' | 'ruled-out' | 'cant-tell';

export interface Proof {
  /** 1-based line number in the paste. */
  line: number;
  /** The line as pasted (clipped for display). */
  text: string;
  /** The part of `text` that matched, [from, to), or the whole line. */
  from: number;
  to: number;
}

export interface GuidedAnswer {
  verdict: Verdict;
  /** The one-line answer. */
  say: string;
  /** Which rule decided: its index in `confirms` (confirmed) or `rulesOut` (ruled-out); null for can't tell. */
  rule: number | null;
  proof: Proof | null;
  /** ruled-out: the cause to check next (null after the last cause). */
  next: string | null;
  /** cant-tell: the command to run and paste. */
  run: string;
  /** About the input itself (cut, binary…). */
  notices: string[];
}

/** Longest proof line shown: the rest of a hostile line is not echoed. */
const PROOF_CHARS = 300;

export const CANT_TELL = {
  empty: 'The box is empty: paste what the command printed, or say it printed nothing.',
  binary: "That doesn't look like text output.",
  unknown: "That doesn't look like the output of this check.",
  undecided: "This output doesn't show whether this is the cause.",
  both: 'This output shows signs both for and against this cause.',
  nothing: "An empty output doesn't tell here.",
} as const;

interface Fired {
  rule: number;
  say: string;
  proof: Proof | null;
}

function sameValue(actual: FactValue, wanted: FactValue): boolean {
  if (typeof actual === 'string' && typeof wanted === 'string') return actual.toLowerCase() === wanted.toLowerCase();
  return actual === wanted;
}

function recordHas(record: FactRecord, condition: Condition): boolean {
  for (const [fact, wanted] of Object.entries(condition)) {
    const actual = record.facts[fact];
    if (actual === undefined) return false;
    const options = Array.isArray(wanted) ? wanted : [wanted];
    if (!options.some((w) => sameValue(actual, w))) return false;
  }
  return true;
}

/** Parsers whose facts cover every fact the condition names. */
function owners(outputs: readonly ParsedOutput[], condition: Condition): ParsedOutput[] {
  const names = Object.keys(condition);
  return outputs.filter((o) => names.every((n) => n in PARSERS[o.parser].facts));
}

class Evaluation {
  /** Each pattern's first matching line in this paste, found once: rules share patterns, and a can't-tell answer reads every `match` again. */
  private found = new Map<string, Proof | null>();

  constructor(
    private lines: readonly string[],
    private outputs: readonly ParsedOutput[],
  ) {}

  /** The rule's proof when every test of the rule holds; undefined when one fails. */
  fire(rule: RuleData, index: number): Fired | undefined {
    if (rule.empty) return undefined;
    let proof: Proof | null = null;
    if (rule.when) {
      const record = owners(this.outputs, rule.when)
        .flatMap((o) => o.records)
        .find((r) => recordHas(r, rule.when!));
      if (!record) return undefined;
      if (record.line > 0) proof = this.proofOf(record.line);
    }
    if (rule.none) {
      const relevant = owners(this.outputs, rule.none).filter((o) => o.recognised);
      if (relevant.length === 0 || relevant.some((o) => o.records.some((r) => recordHas(r, rule.none!)))) return undefined;
    }
    if (rule.match !== undefined) {
      const found = this.firstMatch(rule.match);
      if (!found) return undefined;
      proof = found;
    }
    if (rule.also !== undefined && this.firstMatch(rule.also) === null) return undefined;
    if (rule.absent !== undefined && this.firstMatch(rule.absent) !== null) return undefined;
    return { rule: index, say: rule.say, proof };
  }

  /**
   * Whether the paste can be this check's output. Only a parser can tell its own output from
   * something else; a check that also reads plain lines by pattern (`text`) cannot, so an undecided
   * paste there is output that shows neither way, not "something else".
   */
  recognised(): boolean {
    return this.outputs.some((o) => o.recognised || o.parser === 'text');
  }

  /** Whether a line of the paste has this pattern: a rule's own `match` found it, so it is this check's output. */
  has(source: string): boolean {
    return this.firstMatch(source) !== null;
  }

  private proofOf(line: number, from = 0, to?: number): Proof {
    const full = this.lines[line - 1] ?? '';
    const text = clip(full, PROOF_CHARS);
    // A cut line ends in "…", which is not part of the paste: the highlight stops before it.
    const end = text.length < full.length ? text.length - 1 : text.length;
    return { line, text, from: Math.min(from, end), to: Math.min(to ?? end, end) };
  }

  private firstMatch(source: string): Proof | null {
    let proof = this.found.get(source);
    if (proof === undefined) {
      proof = this.search(source);
      this.found.set(source, proof);
    }
    return proof;
  }

  private search(source: string): Proof | null {
    const compiled = compilePattern(source);
    // Only reached with patterns the build validated; a bad one (hand-made data) never matches.
    if ('error' in compiled) return null;
    for (let i = 0; i < this.lines.length; i++) {
      const at = matchPattern(compiled, this.lines[i]);
      if (at) return this.proofOf(i + 1, at[0], at[1]);
    }
    return null;
  }
}

function answer(verdict: Verdict, data: VerdictData, fired: Omit<Fired, 'rule'> & { rule: number | null }, notices: string[]): GuidedAnswer {
  const next = verdict === 'ruled-out' ? ((fired.rule === null ? undefined : data.rulesOut[fired.rule]?.next) ?? data.next) : null;
  return { verdict, ...fired, next, run: data.run, notices };
}

const cantTell = (say: string): Omit<Fired, 'rule'> & { rule: null } => ({ rule: null, say, proof: null });

/** The verdict an empty output ("it printed nothing") gets from the block's `empty: true` rules. */
function emptyVerdict(data: VerdictData, notices: string[], pasted: boolean): GuidedAnswer {
  const confirms = data.confirms.findIndex((r) => r.empty);
  const rulesOut = data.rulesOut.findIndex((r) => r.empty);
  if (confirms >= 0 && rulesOut < 0) return answer('confirmed', data, { rule: confirms, say: data.confirms[confirms].say, proof: null }, notices);
  if (rulesOut >= 0 && confirms < 0) return answer('ruled-out', data, { rule: rulesOut, say: data.rulesOut[rulesOut].say, proof: null }, notices);
  return answer('cant-tell', data, cantTell(pasted ? CANT_TELL.empty : CANT_TELL.nothing), notices);
}

/**
 * Reads `input` (what the reader pasted) against `data`. `printedNothing` is the reader saying
 * the command printed nothing (then `input` is ignored). Never throws.
 */
export function evaluateCheck(data: VerdictData, input: unknown, { printedNothing = false } = {}): GuidedAnswer {
  try {
    if (printedNothing) return emptyVerdict(data, [], false);
    const prepared = prepareInput(input);
    const notices = prepared.notices.filter((n) => n !== 'The input is empty.');
    if (prepared.empty) {
      if (notices.length) return answer('cant-tell', data, cantTell(CANT_TELL.binary), notices);
      return answer('cant-tell', data, cantTell(CANT_TELL.empty), notices);
    }
    const text = typeof input === 'string' ? input : '';
    const evaluation = new Evaluation(prepared.lines, readOutput(data.check, prepared.lines, text));
    const confirmed = firstFired(evaluation, data.confirms);
    const ruledOut = firstFired(evaluation, data.rulesOut);
    if (confirmed && ruledOut) return answer('cant-tell', data, cantTell(CANT_TELL.both), notices);
    if (confirmed) return answer('confirmed', data, confirmed, notices);
    if (ruledOut) return answer('ruled-out', data, ruledOut, notices);
    // A line a rule looks for (`Missing privilege separation directory: …` from `sshd -t`) makes it
    // this check's output even where no parser reads it: it shows neither way, it is not something else.
    const known = evaluation.recognised() || [...data.confirms, ...data.rulesOut].some((r) => r.match !== undefined && evaluation.has(r.match));
    return answer('cant-tell', data, cantTell(known ? CANT_TELL.undecided : CANT_TELL.unknown), notices);
  } catch {
    return answer('cant-tell', data, cantTell(CANT_TELL.unknown), []);
  }
}

function firstFired(evaluation: Evaluation, rules: readonly RuleData[]): Fired | undefined {
  for (let i = 0; i < rules.length; i++) {
    const fired = evaluation.fire(rules[i], i);
    if (fired) return fired;
  }
  return undefined;
}

/** True when the block can answer "it printed nothing" (it has an `empty: true` rule). */
export function acceptsEmpty(data: VerdictData): boolean {
  return [...data.confirms, ...data.rulesOut].some((r) => r.empty);
}
