/**
 * How readers describe a failure when they paste no message (`ssh just times out`, `it doesn't
 * accept my password`, `the host key has changed`): each article's `symptoms` phrases, found in a
 * typed sentence as their words in order, with a few of the reader's own words between (`the
 * password I set is not accepted`). Words are compared as stems, with fuzzy.ts's typo allowance.
 * Whether a sentence is about SSH at all is the caller's decision (fuzzy.ts).
 */
import { joinCompounds, joinTimeout, stem, typos, within } from './stem.ts';

/** Words of the reader's own allowed between two words of a phrase. */
const MAX_GAP = 4;
/**
 * A typed sentence is short; a line longer than this is program output, whose first part is read
 * (each of its words is compared with every phrase word, typos allowed: a 1 MB line would take seconds).
 */
const MAX_SENTENCE_CHARS = 1000;

/**
 * `doesn't`, `can't`, `wont`, `cannot`: a negation is a word of its own (`not`), so that `does not
 * accept` and `doesn't accept` read alike, with or without the apostrophe.
 */
const CONTRACTION_RE = /\b(do|does|did|is|was|are|were|could|would|should|has|have|had|ca|wo|ai)n['’]?t\b/gi;
const CANNOT_RE = /\bcannot\b/gi;

/** A word as typed and as its stem: forms meet on the stem, typos on the word as typed (`acces`). */
export interface Word {
  typed: string;
  stem: string;
}

/** Words that deny the word after them (`no passphrase`, `without a key`, `not accepted`). */
const NEGATIONS = new Set(['no', 'not', 'without', 'never']);
/** Words allowed between a negation and the word it denies (`without a passphrase`). */
const DETERMINERS = new Set(['a', 'an', 'the', 'my', 'any', 'its', 'your']);

/**
 * A phrase or a sentence as its words, negations spelt out, and `host key` / `public key` as one
 * word each, so that `not find host` (a name) is not found in `can't find the host key`.
 */
export function symptomWords(s: string): Word[] {
  const spelt = joinCompounds(joinTimeout(s.replace(CANNOT_RE, 'can not').replace(CONTRACTION_RE, '$1 not')));
  return (spelt.toLowerCase().match(/[a-z0-9]+/g) ?? []).map((typed) => ({ typed, stem: stem(typed) }));
}

/** Whether a sentence word is a phrase word: the same stem, or the phrase word mistyped. */
const sameWord = (said: Word, word: Word) => said.stem === word.stem || (said.typed.length >= 5 && within(said.typed, word.typed, typos(word.typed)));

interface Phrase {
  rule: number;
  /** Keys into the vocabulary, in order. */
  words: string[];
  /** Per word: the phrase itself denies it (`not` before `accept`), so a denied word in the sentence is its word. */
  denied: boolean[];
}

/** Per word: whether a negation comes right before it (a determiner may stand between). */
function deniedWords(words: readonly Word[]): boolean[] {
  return words.map((_, i) => {
    let j = i - 1;
    if (j >= 0 && DETERMINERS.has(words[j].typed)) j--;
    return j >= 0 && NEGATIONS.has(words[j].typed);
  });
}

/** Every article's symptom phrases, compiled once. */
export class SymptomIndex {
  private phrases: Phrase[] = [];
  /** Distinct words of all phrases by their typed form: a sentence word is resolved against these once. */
  private vocabulary = new Map<string, Word>();

  constructor(symptoms: readonly (readonly string[] | undefined)[]) {
    symptoms.forEach((list, rule) => {
      for (const s of list ?? []) {
        const words = symptomWords(s);
        if (words.length === 0) continue;
        this.phrases.push({ rule, words: words.map((w) => w.typed), denied: deniedWords(words) });
        for (const w of words) this.vocabulary.set(w.typed, w);
      }
    });
  }

  /**
   * The phrases a sentence says, as rule and number of words (more words, surer), best first, one
   * per rule.
   */
  find(sentence: string): { rule: number; words: number }[] {
    if (this.phrases.length === 0) return [];
    const said = symptomWords(sentence.length > MAX_SENTENCE_CHARS ? sentence.slice(0, MAX_SENTENCE_CHARS) : sentence);
    const denied = deniedWords(said);
    // Where each phrase word occurs in the sentence: itself or a mistyped form; and where it is not
    // denied (`refuses the key I made without a passphrase` says nothing about a passphrase).
    const at = new Map<string, number[]>();
    const plain = new Map<string, number[]>();
    for (const [key, w] of this.vocabulary) {
      const hits: number[] = [];
      said.forEach((s, i) => {
        if (sameWord(s, w)) hits.push(i);
      });
      if (hits.length) at.set(key, hits);
      const kept = hits.filter((i) => !denied[i]);
      if (kept.length) plain.set(key, kept);
    }
    const best = new Map<number, number>();
    for (const p of this.phrases) {
      if ((best.get(p.rule) ?? 0) >= p.words.length) continue;
      const where = p.words.map((w, k) => (p.denied[k] ? at : plain).get(w));
      if (where.every((hits) => hits !== undefined) && inOrder(where as number[][])) best.set(p.rule, p.words.length);
    }
    return [...best].map(([rule, words]) => ({ rule, words })).sort((a, b) => b.words - a.words || a.rule - b.rule);
  }
}

/** Whether the words (their positions in the sentence) occur in order, each at most MAX_GAP words after the one before. */
function inOrder(where: readonly number[][]): boolean {
  // Positions reachable for the phrase so far; a word repeated in the sentence may start it anywhere.
  let reach = where[0];
  for (const hits of where.slice(1)) {
    const next = hits.filter((i) => reach.some((r) => i > r && i - r - 1 <= MAX_GAP));
    if (next.length === 0) return false;
    reach = next;
  }
  return true;
}
