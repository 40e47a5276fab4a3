/**
 * Typo-tolerant fallback for short inputs that no template matched (`ssh conection refused`,
 * `host key changed`, `too open`) and for people's sentences about SSH (`it just times out on port
 * 22`). fuse.js's basic build does the approximate string search; on top of it a word-overlap check
 * on stems (stem.ts) requires the input to share at least one SSH-specific word (allowing a typo)
 * with the entry, so `hello world`, a stack trace or `npm ERR!` give nothing; in a sentence each
 * word counts by how few rules use it. A sentence with no message in it may still say an article's
 * `symptoms` phrase (`the password isn't accepted`, symptoms.ts).
 */
import Fuse from 'fuse.js/basic';
import { aboutOtherSubject, LINK_RE, SSH_CONTEXT_RE } from './context.ts';
import { aboutOtherUnits, programNames, unitsIn } from './names.ts';
import { joinCompounds, joinTimeout, stem, typos, within } from './stem.ts';
import type { SymptomIndex } from './symptoms.ts';
import type { FuzzyOptions, Rule } from './types.ts';

interface Entry {
  rule: number;
  /** A template without placeholders, or the title. */
  text: string;
  words: string[];
  /** A message without placeholders, as plain lower-case words: typed out in full, it decides. */
  whole?: string;
  /** A wording other programs print too (a Winsock or errno text): only in an input that names SSH. */
  shared: boolean;
  /** The article's title, not one of its messages. */
  title: boolean;
  /** The program the template is about, as it names it (`'ssh' is not recognized …`, `ssh: command not found`). */
  names: string[];
  /** The systemd units it names (`sshd.service: …`). */
  units: string[];
  /**
   * The program whose label the template starts with (`scp` of `scp: Connection closed`, `git` of VS
   * Code's `Git: Permission denied, please try again.`): it says who printed the line, not what failed.
   */
  label?: string;
  /**
   * A shared wording whose words another article's own message says, with more (sftp's
   * `Connection closed.` inside `Connection to {host} closed.`): in a reader's sentence it is that
   * message, and so it is typed with any other word (`ssh connection closed`); typed alone it is
   * still its own (sftp prints just that when its subsystem fails).
   */
  inOthers?: boolean;
}

/** Lower-case words separated by single spaces, punctuation dropped. */
const plainWords = (s: string) => (s.toLowerCase().match(/[a-z0-9]+/g) ?? []).join(' ');

/** Words that say nothing about which SSH error this is (or appear in ordinary program output). */
const STOP = new Set(
  ('the and for from with not was are this that into your you has have been can cannot could ' +
    'error errors failed failure fatal warning warn info debug line file files please try again ' +
    'ssh sshd when what which does while being there their then than its use used using out ' +
    'code exit status true false null none unknown something our').split(' '),
);
/**
 * Words SSH shares with every other program: overlapping on these alone is not evidence of an SSH
 * error (`scp: x: Permission denied` is a remote file permission, not an SSH login failure).
 */
const GENERIC = new Set('permission permissions denied found directory such access open read write'.split(' ').map(stem));
/**
 * A host name, an address or a path means the input is a pasted message, not a typed search: if no
 * template matched it, guessing from its words routes a different program's message (scp, rsync, a
 * normal `Connection to host closed.`) to a look-alike. Fuzzy is for typed fragments only. The
 * placeholders of a redacted paste (src/redact: `HOST1`, `IP1`, `PATH1`) stand for those.
 */
const PASTED_RE = /(?:^|[\s'"(=:])(?:(?:~|\.{1,2})?\/[\w.-]|[A-Za-z]:\\)|\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[\w-]+(?:\.[\w-]+){1,8}\.[a-z]{2,12}\b|\w@[\w-]|\b(?:HOST|IP|PATH)\d{1,9}\b/i;

/** The authorized_keys file, however typed: its `authorized` is not a message's (`… is not authorized to`). */
const AUTHORIZED_KEYS_RE = /\bauthorized[ _]keys\b/gi;

/** A leading `name:` or `name[pid]:` (no spaces in the name), as programs prefix their messages. */
const PROGRAM_PREFIX_RE = /^([\w.$-]{2,60})(?:\[\d{1,10}\])?: /;

const wordsOf = (s: string) =>
  (joinTimeout(joinCompounds(s.replace(LINK_RE, ' ').replace(AUTHORIZED_KEYS_RE, 'authorizedkeys'))).toLowerCase().match(/[a-z][a-z0-9]*/g) ?? [])
    .filter((w) => w.length >= 3 && !STOP.has(w))
    .map(stem);

/**
 * Words of a person writing about their problem (`I've tried …`, `it just times out`, `my server
 * refuses the key`), not of program output: two of them make the input a typed sentence even when
 * it names a host or a command line.
 */
const PROSE_RE = /\b(?:i|i'?ve|i'?m|my|me|we|it|it'?s|just|keeps?|always|tried|trying|get|gets|getting|says?|saying|but|because|when|whenever)\b/gi;
export const isProse = (s: string) => (s.match(PROSE_RE)?.length ?? 0) >= 2;

/** Characters of a paste read to decide whether it is prose about SSH. */
const PROSE_SAMPLE_CHARS = 4000;

/**
 * Whether a paste is a person writing about an SSH problem (an issue form, a forum post): two words
 * of prose and a word that names SSH, in its first few thousand characters.
 */
export function proseAboutSsh(text: string): boolean {
  const sample = text.slice(0, PROSE_SAMPLE_CHARS);
  return isProse(sample) && SSH_CONTEXT_RE.test(sample.replace(LINK_RE, ' '));
}

/**
 * A symptom phrase's guess: 0.5 of the cap and 0.1 more a word, so `ssh timeout` (2 words) is less
 * sure than `not accept password` (3), and a phrase of five words reaches the cap.
 */
const SYMPTOM_BASE = 0.5;
const SYMPTOM_PER_WORD = 0.1;
/** A phrase of this many words outranks the messages whose words a sentence merely contains. */
const PHRASE_OVER_WORDS = 3;
/** The SSH programs a typed query may name, and a template's label naming one of them (`scp: …`). */
const PROGRAM_RE = /\b(?:ssh|sshd|scp|sftp|git|rsync)\b/gi;
const LABEL_RE = /^(ssh|sshd|scp|sftp|git|rsync): /i;
/** git, whose pushes and pulls readers describe as they describe SSH's failures (`git push permission denied`). */
const GIT_RE = /\b(?:git|github|gitlab|bitbucket)\b/i;

/** Entries fuse.js scores for one query: more only reorders guesses far below the first few. */
const MAX_SIMILARITY_SCORED = 10;


/** A fuzzy index over all message templates (placeholders removed) and titles. */
export class FuzzyIndex {
  private entries: Entry[] = [];
  private opts: Required<FuzzyOptions>;
  /** word → entries containing it; the vocabulary a query must share something with. */
  private byWord = new Map<string, number[]>();
  /**
   * How much a word tells the rules apart: log(1 + rules / rules using it). `timed` or `refused` say
   * which error it is; `connection`, `host` and `port` are in half the catalog.
   */
  private weight = new Map<string, number>();
  private kinds: Rule['kind'][];
  /**
   * A wrapper article is a tool's own summary (`Jenkins: SSH connection failed`): guessed only
   * when the text names the tool, the part of its title before the colon.
   */
  private tools: (Set<string> | null)[];
  /** The articles' `symptoms`: how readers describe each failure in their own words. */
  private symptoms: SymptomIndex;

  /** `symptoms`: the articles' phrases, built once by the matcher, which reads them outside fuzzy guesses too. */
  constructor(rules: readonly Rule[], symptoms: SymptomIndex, opts: FuzzyOptions = {}) {
    this.kinds = rules.map((r) => r.kind);
    this.tools = rules.map((r) => {
      const tool = r.kind === 'wrapper' && r.title.includes(':') ? new Set(wordsOf(r.title.slice(0, r.title.indexOf(':')))) : null;
      return tool?.size ? tool : null;
    });
    this.symptoms = symptoms;
    this.opts = { maxLines: 3, maxChars: 300, threshold: 0.7, maxConfidence: 0.6, minConfidence: 0.3, ...opts };
    rules.forEach((r, i) => {
      const texts = [
        { t: r.title, title: true, shared: false },
        ...r.messages.map((t) => ({ t, title: false, shared: false })),
        ...(r.shared ?? []).map((t) => ({ t, title: false, shared: true })),
      ];
      const stripped = texts.map(({ t }) => t.replace(/\{[a-z]+\}/g, ' ').replace(/\s+/g, ' ').trim());
      texts.forEach(({ t, title, shared }, k) => {
        const text = stripped[k];
        if (!text) return;
        const words = wordsOf(text);
        // A message that is the start of another of the rule's messages (`Connection closed by
        // {addr}` beside `… by {host} port {port}`) says less than that one: kept out, or its
        // shortness would outscore the rules that print those words whole.
        if (!title && t.includes('{') && stripped.some((o, m) => m !== k && !texts[m].title && o.length > text.length && o.startsWith(text + ' '))) return;
        const whole = !title && !t.includes('{') && text.includes(' ') ? plainWords(text) : undefined;
        const label = LABEL_RE.exec(t)?.[1].toLowerCase();
        const e = this.entries.push({ rule: i, text, words, whole, shared, title, names: programNames(t), units: unitsIn(t), label }) - 1;
        for (const w of new Set(words)) {
          const list = this.byWord.get(w);
          if (list) list.push(e);
          else this.byWord.set(w, [e]);
        }
      });
    });
    for (const e of this.entries) {
      if (!e.shared || e.words.length === 0) continue;
      const own = new Set(e.words);
      // Only entries holding the shared wording's rarest word can hold all of its words.
      const rarest = [...own].reduce((a, b) => (this.byWord.get(b)!.length < this.byWord.get(a)!.length ? b : a));
      e.inOthers = this.byWord.get(rarest)!.some((k) => {
        const o = this.entries[k];
        return o.rule !== e.rule && !o.shared && !o.title && o.words.length > own.size && [...own].every((w) => o.words.includes(w));
      });
    }
    for (const [w, list] of this.byWord) {
      const users = new Set(list.map((e) => this.entries[e].rule)).size;
      this.weight.set(w, Math.log(1 + rules.length / users));
    }
  }

  /** Whether a query is a short typed fragment worth guessing at (not too long, not a pasted message). */
  accepts(lines: number, query: string): boolean {
    if (lines === 0 || lines > this.opts.maxLines || query.length > this.opts.maxChars || this.fromOtherProgram(query)) return false;
    // A host in a typed sentence about SSH (`I tried ssh user@host but it just times out`) is the
    // reader's own words around the error, not a message some other program printed.
    return !PASTED_RE.test(query) || (isProse(query) && SSH_CONTEXT_RE.test(query));
  }

  /**
   * Whether one sentence of a longer paste is a person's sentence about SSH, worth a guess of its
   * own: by its own words, or, in a paragraph of prose in a paste about SSH (`inProseAboutSsh`, which
   * the caller decides once per line), any sentence of a few words (`… I can't connect ssh to the
   * pi. Comes up with port 22 connection refused. …`).
   */
  acceptsSentence(sentence: string, inProseAboutSsh = false): boolean {
    if (sentence.length > this.opts.maxChars || this.fromOtherProgram(sentence)) return false;
    if (isProse(sentence) && SSH_CONTEXT_RE.test(sentence.replace(LINK_RE, ' '))) return true;
    return inProseAboutSsh && (sentence.match(/[a-z]{2,}/gi)?.length ?? 0) >= 3;
  }

  /**
   * `bash: …`, `telnet: …`, `OSError: …`, `java.net.ConnectException: …`: a line that starts with the
   * name of a program or exception that is not SSH's is that program's message, however much its
   * words (`Permission denied`, `Connection refused`) look like an SSH error. OpenSSH's own
   * prefixes are function names (`kex_exchange_identification:`) or name SSH (`ssh:`, `sshd[12]:`).
   */
  private fromOtherProgram(query: string): boolean {
    const prefix = PROGRAM_PREFIX_RE.exec(query)?.[1];
    return !!prefix && !prefix.includes('_') && !SSH_CONTEXT_RE.test(prefix);
  }

  /** Vocabulary words a query word stands for: itself, or words within its typo allowance. */
  private resolve(q: string): string[] {
    if (this.byWord.has(q)) return [q];
    const max = typos(q);
    if (max === 0) return [];
    const out: string[] = [];
    for (const w of this.byWord.keys()) if (within(q, w, max)) out.push(w);
    return out;
  }

  /**
   * Whether a word is used by at most a fifth of the rules: a sentence that shares only words like
   * `connect` and `server` with a short message (`Cannot connect to SSH 1 servers`) is not about it.
   */
  private telling(w: string): boolean {
    return !GENERIC.has(w) && this.weight.get(w)! >= Math.log(6);
  }

  /** The weighted share of an entry's words that the query has. */
  private share(hit: ReadonlySet<string>, all: ReadonlySet<string>): number {
    let got = 0;
    let total = 0;
    for (const w of all) {
      const v = this.weight.get(w)!;
      total += v;
      if (hit.has(w)) got += v;
    }
    return total ? got / total : 0;
  }

  /** Candidates for a short query, best first, distinct rules (the caller adds evidence). */
  search(query: string, limit: number, inProseAboutSsh = false): { rule: number; confidence: number }[] {
    // A sentence around the error (`ssh keeps saying conection timed out from the office wifi`):
    // most of it is not the message, so it is matched the other way round (the entry's words in
    // the sentence), but only when the sentence names SSH, or everyday text would match too.
    // What the sentence is about is in its words, not in the links it cites.
    const prose = query.replace(LINK_RE, ' ');
    const aboutSsh = SSH_CONTEXT_RE.test(prose);
    // A sentence of a paste about SSH need not name SSH itself: the paste around it does.
    const sentenceAboutSsh = aboutSsh || inProseAboutSsh;
    const otherSubject = aboutOtherSubject(query);
    const qWords = [...new Set(wordsOf(query))];
    const said = new Set(qWords);
    const best = new Map<number, number>(); // rule → best confidence
    // How readers describe a failure in their own words (`the password is not accepted`), only in
    // a sentence about SSH or git; a phrase of more words is surer.
    let phrase: { rule: number; score: number } | null = null;
    if ((sentenceAboutSsh || GIT_RE.test(prose)) && !otherSubject) {
      for (const s of this.symptoms.find(prose)) {
        if (!this.toolNamed(s.rule, said)) continue;
        const score = this.opts.maxConfidence * Math.min(1, SYMPTOM_BASE + SYMPTOM_PER_WORD * s.words) * this.kindWeight(s.rule);
        best.set(s.rule, score);
        if (s.words >= PHRASE_OVER_WORDS && (!phrase || score > phrase.score)) phrase = { rule: s.rule, score };
      }
    }
    const typed = this.fromMessages(query, limit, best, { qWords, said, aboutSsh, sentenceAboutSsh, otherSubject });
    // A phrase of three words or more, said whole, is the article's own account of such a sentence;
    // a message whose words merely occur in it (sftp's `Connection closed.` in `ssh connection closed
    // after login`) ranks below it. A message typed out as such still decides.
    if (phrase) {
      for (const [rule, score] of best) {
        if (rule !== phrase.rule && !typed.has(rule) && score >= phrase.score) best.set(rule, phrase.score - 0.01);
      }
    }
    // Ties go to the earlier rule.
    return [...best]
      .map(([rule, score]) => ({ rule, score }))
      .filter((c) => c.score >= this.opts.minConfidence)
      .sort((a, b) => b.score - a.score || a.rule - b.rule)
      .slice(0, limit)
      .map(({ rule, score }) => ({ rule, confidence: Math.round(score * 100) / 100 }));
  }

  /** A wrapper article's tool is named in the query (always true for other articles). */
  private toolNamed(rule: number, said: ReadonlySet<string>): boolean {
    const tool = this.tools[rule];
    return !tool || [...tool].some((w) => said.has(w));
  }

  /**
   * A tool's summary article (`kind: wrapper`) repeats words of the SSH messages it wraps: on equal
   * evidence a guess prefers the error article.
   */
  private kindWeight(rule: number): number {
    return this.kinds[rule] === 'error' ? 1 : 0.9;
  }

  /**
   * Scores the message templates and titles whose words the query shares into `best`; returns the
   * rules whose score is a message typed out as such (most of the query is its words).
   */
  private fromMessages(
    query: string,
    limit: number,
    best: Map<number, number>,
    { qWords, said, aboutSsh, sentenceAboutSsh, otherSubject }: { qWords: string[]; said: ReadonlySet<string>; aboutSsh: boolean; sentenceAboutSsh: boolean; otherSubject: boolean },
  ): Set<number> {
    const typed = new Set<number>();
    if (qWords.length === 0) return typed;
    const qLetters = qWords.reduce((n, w) => n + w.length, 0);
    // Which vocabulary words each query word matched; entries sharing none are never scored.
    const resolved = qWords.map((q) => ({ q, words: new Set(this.resolve(q)) }));
    if (!resolved.some((r) => r.words.size > 0 && !GENERIC.has(r.q))) return typed;
    const plainQuery = plainWords(query);
    // The same sentence about another program (`'Get-Service' is not recognized as …`, `bash: wp:
    // command not found`) is not it.
    const named = new Set(programNames(query));
    const units = unitsIn(query);
    // `ssh connection closed` names the client: scp's own `scp: Connection closed` is another line.
    const programs = new Set([...query.matchAll(PROGRAM_RE)].map((m) => m[0].toLowerCase()));
    const pool = new Set<number>();
    for (const r of resolved) for (const w of r.words) for (const e of this.byWord.get(w)!) pool.add(e);
    // Word coverage first: it is cheap and decides which entries count at all, so fuse.js (the
    // costly part) only scores those. Its score for an entry does not depend on the others.
    const passed: { e: Entry; queryCoverage: number; entryCoverage: number; sentenceCoverage: number; typedMessage: boolean }[] = [];
    for (const i of pool) {
      const e = this.entries[i];
      if (e.shared && !aboutSsh) continue;
      if (named.size && e.names.length && !e.names.some((n) => named.has(n))) continue;
      if (aboutOtherUnits(e.units, units)) continue;
      if (e.label && programs.size && !programs.has(e.label)) continue;
      if (!this.toolNamed(e.rule, said)) continue;
      const inEntry = new Set(e.words);
      let letters = 0;
      let specific = false;
      const hitWords = new Set<string>();
      for (const r of resolved) {
        const found = [...r.words].filter((w) => inEntry.has(w));
        if (found.length) {
          letters += r.q.length;
          found.forEach((w) => hitWords.add(w));
          if (!GENERIC.has(r.q) && r.q !== e.label) specific = true;
        }
      }
      // Most of what was typed must be in the entry, including at least one SSH-specific word;
      // or, in a sentence about SSH, most of the entry's words (two or more) must be in the sentence.
      const queryCoverage = letters / qLetters;
      // Typed as the message, every word of it counts alike; in a sentence, the reader's own words
      // meet common ones (`connect`, `server`) by chance, so each counts by how telling it is.
      const entryCoverage = inEntry.size ? hitWords.size / inEntry.size : 0;
      const sentenceCoverage = this.share(hitWords, inEntry);
      // A wording another article's message says with more is its own only typed alone: `ssh
      // connection closed` names the client, whose `Connection to HOST closed.` it is.
      const typedMessage = queryCoverage >= 0.6 && (aboutSsh || !otherSubject) && (!e.inOthers || plainQuery === e.whole);
      // The telling word must be typed as it is: the reader's everyday words are a letter away from
      // some message word (`about` from `abort`), and a sentence is mostly everyday words.
      const inSentence = !e.inOthers && sentenceAboutSsh && !otherSubject && sentenceCoverage >= 0.6 && hitWords.size >= 2 && [...hitWords].some((w) => this.telling(w) && said.has(w));
      if (specific && (typedMessage || inSentence)) passed.push({ e, queryCoverage, entryCoverage, sentenceCoverage, typedMessage });
    }
    // fuse.js's bitap score rewards near-identical character runs; word coverage in both
    // directions rewards "all I typed is in there" and "there is little else in there", which is
    // what separates `permission denied publickey` from `Permission denied (publickey,password)`.
    // In a sentence, how much of the message is there is what counts; the rest is the reader's words.
    // A message typed out word for word beats the messages it merely resembles.
    const scored = passed.map((p) => {
      const verbatim = p.e.whole !== undefined && ` ${plainQuery} `.includes(` ${p.e.whole} `) ? 0.1 : 0;
      const kind = this.kindWeight(p.e.rule);
      const similarityWeight = p.typedMessage ? 0.4 : 0.2;
      const words = verbatim + (p.typedMessage ? 0.35 * p.queryCoverage + 0.25 * p.entryCoverage : 0.8 * p.sentenceCoverage);
      return { e: p.e, typedMessage: p.typedMessage, kind, words, similarityWeight, bound: this.opts.maxConfidence * Math.min(1, words + similarityWeight) * kind };
    });
    // fuse.js costs ~0.05 ms an entry: it scores only the entries whose words say most, best first,
    // and skips any that could no longer reach the `limit` rules already found.
    scored.sort((a, b) => b.bound - a.bound || a.e.rule - b.e.rule);
    const floor = () => (best.size < limit ? 0 : [...best.values()].sort((a, b) => b - a)[limit - 1]);
    for (const c of scored.slice(0, MAX_SIMILARITY_SCORED)) {
      if (c.bound < floor() || c.bound <= (best.get(c.e.rule) ?? 0)) continue;
      const fuse = new Fuse([c.e], { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: this.opts.threshold, minMatchCharLength: 3 });
      const similarity = 1 - (fuse.search(query)[0]?.score ?? 1);
      const score = this.opts.maxConfidence * Math.min(1, c.words + c.similarityWeight * similarity) * c.kind;
      if (score > (best.get(c.e.rule) ?? 0)) {
        best.set(c.e.rule, score);
        if (c.typedMessage) typed.add(c.e.rule);
        else typed.delete(c.e.rule);
      }
    }
    return typed;
  }
}
