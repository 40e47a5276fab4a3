/**
 * The exact-match pass: finds every (template, line) hit in normalised lines. A word index
 * (word → templates whose literal text contains it) prefilters lines cheaply, so a line is only
 * tried against the few templates that share its rarest word, instead of against all of them.
 * A message wrapped onto two lines (a terminal or ticket wrap) is found by also trying each
 * line joined with the next.
 */
import { compileTemplate, lowerSameLength, reverse, testTemplate, type CompiledTemplate, type TemplateForm } from './compile.ts';
import type { NormLine } from './normalize.ts';
import type { Rule } from './types.ts';

/**
 * How much of a template a hit matched: all of it, all but its leading words (`partial`: a
 * message quoted without its prefix, see buildIndex), or only some of its words in order
 * (`fragment`, fragments.ts). Weaker forms lose to stronger ones and get less confidence.
 */
export type HitForm = Exclude<TemplateForm, 'stall'> | 'fragment';

/** One template matching one line. */
export interface Hit {
  template: Pick<CompiledTemplate, 'rule' | 'literalLen' | 'shared' | 'quotes' | 'again'>;
  /** Index into the normalised lines (the first of two when `joined`). */
  at: number;
  /** Found only by joining the line with the next one. */
  joined: boolean;
  form: HitForm;
  /** A fragment that leaves part of its message out (fragments.ts). */
  cut?: boolean;
}

/** The compiled form of a rule set: templates plus the word index. */
export interface ScanIndex {
  templates: CompiledTemplate[];
  /** word → indices of templates keyed by that word. */
  byWord: Map<string, number[]>;
  /** Templates with no usable whole word (no ASCII letters): tried on the lines holding their anchor. */
  unindexed: number[];
}

/**
 * Words that fill ordinary `ssh -vvv` output (algorithm names end in `@openssh.com`, every key
 * has a `type`…). A template is keyed by one of these only when it has no other word, so the
 * thousands of harmless debug lines of a long log reach almost no template at all.
 */
const COMMON_IN_LOGS = new Set(
  ('openssh com ssh ssh2 sshd debug type identity identities identityfile packet publickey cipher ciphers ' +
    'mac macs version strict sent send received hosts host known local remote first group key keys kex ' +
    'channel channels connection connecting established authentication authentications method methods ' +
    'server client agent file path config configuration reading read write sha256 sha2 sha1 rsa ed25519 ' +
    'ecdsa algorithm algorithms offer offering session request open will the for from with not and ' +
    'port user address expecting window new free status exit input output connect direct tcpip forwarding ' +
    'listening listen receive timeout following are').split(' '),
);

/**
 * A template's form without its leading literal, for a message quoted without its prefix or with
 * the prefix reworded (`ssh: connect to xxx.xxx.xxx.xxx port 22: Connection refused`, `… port 22:
 * no matching cipher found. Their offer: …`). Only where what is left has three words or more
 * besides its placeholders.
 */
function withoutLead(template: string): string | null {
  const first = template.indexOf('{');
  if (first <= 0) return null;
  const rest = template.slice(first);
  const words = rest.replace(/\{[a-z]+\}/g, ' ').match(/[a-z]{2,}/gi) ?? [];
  // Everyday words alone (`{host}" does not exist.` of WinSCP's `Host "{host}" does not exist.`)
  // end sentences of any program: a path that does not exist is not a host.
  if (words.every((w) => EVERYDAY.has(w.toLowerCase()))) return null;
  return words.length >= 3 && rest.replace(/\{[a-z]+\}/g, '').trim().length >= 15 ? rest : null;
}

/** Words of any sentence, which say nothing about which message it is. */
const EVERYDAY = new Set('a an the is are was were be been does do did not no to of in on at for by with and or it this that has have had can could exist exists'.split(' '));

/** A template with example values, to test whether another rule's partial form would claim its message. */
const EXAMPLE: Record<string, string> = {
  host: 'example.net', addr: '192.0.2.1', port: '22', user: 'alice', path: '/home/alice/.ssh/id_rsa',
  n: '1', alg: 'ssh-rsa', list: 'aes128-cbc,3des-cbc', text: 'x',
};
const instantiate = (t: string) => t.replace(/\{([a-z]+)\}/g, (_, p: string) => EXAMPLE[p] ?? 'x');

/** Compile every rule's templates (and their partial forms) and build the word index (each template keyed by its rarest word). */
export function buildIndex(rules: readonly Rule[]): ScanIndex {
  const templates: CompiledTemplate[] = [];
  const partials: CompiledTemplate[] = [];
  rules.forEach((r, i) => {
    // A guess is a catch-all shape or a weak clue: like a shared wording, it counts only in a paste
    // that shows it is about SSH (`ssh: connect to host …` shows it by itself).
    const clues = [[r.guesses, 'guess', true, false], [r.stalls, 'stall', true, false], [r.prompts, 'prompt', false, false], [r.promptsAgain, 'prompt', false, true]] as const;
    for (const [list, form, shared, again] of clues) {
      for (const m of list ?? []) {
        const t = compileTemplate(m, i, shared, form);
        if (t) templates.push(again ? { ...t, again } : t);
      }
    }
    for (const [list, shared] of [[r.messages, false], [r.shared ?? [], true]] as const) {
      for (const m of list) {
        const t = compileTemplate(m, i, shared);
        if (t) templates.push(t);
        // Without its prefix a message is often an errno text any program prints (`sudo: unable
        // to resolve host x: Name or service not known`, curl's `… port 3128: Connection timed
        // out`): a partial form counts, like a shared wording, only in a paste about SSH.
        const rest = withoutLead(m);
        const p = rest && compileTemplate(rest, i, true, 'partial');
        if (p) partials.push(p);
      }
    }
  });
  // A partial form that would also claim another rule's message says too little on its own
  // (`{user} from {addr} port {port} ssh2` is left of several sshd lines): dropped.
  const examples = templates.map((t) => {
    const text = instantiate(t.template).replace(/\s+/g, ' ');
    return { rule: t.rule, text, lower: lowerSameLength(text) };
  });
  for (const p of partials) {
    const ambiguous = examples.some((e) => e.rule !== p.rule && testTemplate(p, e.text, e.lower, () => reverse(e.text)));
    if (!ambiguous) templates.push(p);
  }
  // Document frequency of each word across templates: the rarest word of a template is the one
  // that lets the fewest lines through. Words common in any ssh log count as very frequent; ties go
  // to the longest word (rarer in ordinary text).
  const df = new Map<string, number>();
  for (const t of templates) for (const w of t.words) df.set(w, (df.get(w) ?? 0) + 1);
  for (const w of df.keys()) if (COMMON_IN_LOGS.has(w)) df.set(w, df.get(w)! + 1000);
  // A number (`[Errno 113]`) is in every address and port of a log: a key only when nothing else is.
  for (const w of df.keys()) if (/^\d+$/.test(w)) df.set(w, df.get(w)! + 500);
  const byWord = new Map<string, number[]>();
  const unindexed: number[] = [];
  templates.forEach((t, i) => {
    let key: string | null = null;
    for (const w of t.words) {
      if (key === null || df.get(w)! < df.get(key)! || (df.get(w) === df.get(key) && w.length > key.length)) key = w;
    }
    if (key === null) unindexed.push(i);
    else {
      const list = byWord.get(key);
      if (list) list.push(i);
      else byWord.set(key, [i]);
    }
  });
  return { templates, byWord, unindexed };
}

const WORD_RE = /[a-z0-9]{3,}/g;

/** Index where the run of [a-z0-9] starting at `from` ends, walking in direction `dir` (at most 64 chars). */
function wordEdge(s: string, from: number, dir: 1 | -1): number {
  let i = from;
  for (let k = 0; k < 64; k++) {
    const c = s.charCodeAt(dir === 1 ? i : i - 1);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
    i += dir;
  }
  return i;
}

/** Find every template hit in `lines`. Linear in the total input length. */
export function scan(index: ScanIndex, lines: readonly NormLine[]): Hit[] {
  const { templates, byWord, unindexed } = index;
  const hits: Hit[] = [];
  // Per-line candidate sets, deduplicated with a stamp array instead of a fresh Set per line.
  const stamp = new Uint32Array(templates.length);
  let gen = 0;
  const lowers: string[] = new Array(lines.length);
  const cands: number[][] = new Array(lines.length);
  const NONE: ReadonlySet<number> = new Set();
  const matched: ReadonlySet<number>[] = new Array(lines.length).fill(NONE);
  // A verbose log that stops at a line is where the connection hung; the same line earlier is
  // routine. A tool's own progress line (Vagrant's `SSH auth method: private key`) may stand
  // anywhere: the tool goes on only after it connected, which rank.ts reads as a recovery.
  let lastDebug = -1;
  for (let i = 0; i < lines.length; i++) if (lines[i].debug) lastDebug = i;

  const candidatesOf = (lower: string): number[] => {
    gen++;
    const out: number[] = [];
    const words = lower.match(WORD_RE);
    if (words) for (const w of words) {
      const list = byWord.get(w);
      if (!list) continue;
      for (const t of list) {
        if (stamp[t] !== gen) {
          stamp[t] = gen;
          out.push(t);
        }
      }
    }
    // Templates with no ASCII word (git's translated lines) are tried only where their anchor is.
    for (const t of unindexed) {
      if (stamp[t] !== gen && lower.indexOf(templates[t].anchor) !== -1) {
        stamp[t] = gen;
        out.push(t);
      }
    }
    return out;
  };

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const lower = lowerSameLength(text);
    lowers[i] = lower;
    const c = candidatesOf(lower);
    cands[i] = c;
    let got: Set<number> | null = null;
    let rev: string | null = null;
    const getRev = () => (rev ??= reverse(text));
    for (const t of c) {
      const { form } = templates[t];
      if (form === 'stall' && lines[i].debug && i !== lastDebug) continue;
      if (testTemplate(templates[t], text, lower, getRev)) {
        if (!got) matched[i] = got = new Set();
        got.add(t);
        hits.push({ template: templates[t], at: i, joined: false, form: form === 'stall' ? 'guess' : form });
      }
    }
  }

  // Wrapped messages: join each line with the next (with a space for a wrap at a word boundary,
  // without one for a terminal wrap mid-word) and keep only templates neither line matched alone.
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i];
    const b = lines[i + 1];
    if (b.line - a.line > 1) continue; // a blank line between them: not a wrap
    // A command line (`ssh -F cfg root@host`) is typed, not wrapped: joined with the error under it,
    // its `user@host` would make `user@host@host: Permission denied` of an ordinary refusal.
    if (b.attempt !== a.attempt || a.attempt !== (i > 0 ? lines[i - 1].attempt : 0)) continue;
    const la = lowers[i];
    const lb = lowers[i + 1];
    // A word cut in two by the wrap only exists in the joined text.
    const tailWord = la.slice(wordEdge(la, la.length, -1));
    const headWord = lb.slice(0, wordEdge(lb, 0, 1));
    const extra = tailWord && headWord ? (byWord.get(tailWord + headWord) ?? []) : [];
    if (cands[i].length + cands[i + 1].length + extra.length === 0) continue;
    gen++;
    for (const list of [cands[i], cands[i + 1], extra]) {
      for (const t of list) {
        if (stamp[t] === gen) continue;
        stamp[t] = gen;
        if (matched[i].has(t) || matched[i + 1].has(t)) continue;
        const tpl = templates[t];
        // A partial form or a guess across a line break is too weak to tell one message from another.
        if (tpl.form !== 'full') continue;
        // Cheap precheck: the anchor must be in one of the lines or straddle the break.
        if (la.indexOf(tpl.anchor) === -1 && lb.indexOf(tpl.anchor) === -1) {
          const edge = tpl.anchor.length - 1;
          const end = la.slice(Math.max(0, la.length - edge));
          const start = lb.slice(0, edge);
          if ((end + ' ' + start).indexOf(tpl.anchor) === -1 && (end + start).indexOf(tpl.anchor) === -1) continue;
        }
        for (const sep of [' ', '']) {
          const text = a.text + sep + b.text;
          const lower = la + sep + lb;
          if (testTemplate(tpl, text, lower, () => reverse(text))) {
            hits.push({ template: tpl, at: i, joined: true, form: tpl.form });
            break;
          }
        }
      }
    }
  }
  return hits;
}
