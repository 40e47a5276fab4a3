/**
 * Fragments: a message quoted without its prefix, cut at either end, or only its distinctive
 * words (`no matching cipher found Their offer: …`, `REMOTE HOST IDENTIFICATION HAS CHANGED`,
 * an issue title that is only `Connection refused`). Templates are exact; this pass compares
 * words instead, ignoring punctuation, against each template's literal runs (the text between
 * its placeholders).
 *
 * A line matches a run when it contains three or more of the run's words in a row, two of them
 * specific (not everyday or generic words), or when the whole line, a quoted phrase in it or the
 * text after a label (`OpenWRT: Connection timed out`) is a complete run of two words or more
 * (`"Access denied"`). Short fragments are common phrases, so every fragment counts only in a
 * paste that shows it is about SSH, unless five or more words of a run, three of them specific,
 * are there in order. A part that leaves out the words making the message a failure (`Failed to`,
 * `Unable to`) counts only after a failure word of the line's own. The caller runs this pass only
 * on the tries after the last error a template matched, so it never competes with an exact match
 * of the same try.
 *
 * Linear: each line is cut to its first MAX_WORDS words, runs are found through an index of
 * their specific words, and each seed extends at most one run's length in either direction.
 */
import { parseTemplate } from './compile.ts';
import { aboutOtherUnits, isQuotedName, unitsIn } from './names.ts';
import type { NormLine } from './normalize.ts';
import { joinTimeout, stem } from './stem.ts';
import type { Rule } from './types.ts';

/** One run of literal words from one template. */
interface Run {
  rule: number;
  words: string[];
  /** Printed by non-SSH programs too (a `shared` template). */
  shared: boolean;
  /** The rule's title begins with these words: the run is the article's own name for the error. */
  titled: boolean;
  /** Words the template quotes as a name (`'ssh' is not recognized …`, `for method 'publickey'`). */
  named: Set<string>;
  /** The systemd units the template names (`ssh`, `sshd` of `sshd.service: …`). */
  units: string[];
  /**
   * Another article's message says these words in this order, with its own between (`Connection to
   * {host} closed by remote host.` says `connection closed by remote host`): the words alone do not
   * tell the two apart.
   */
  inOthers?: boolean;
}

/** A line (or a quoted phrase in it) matching part of a run. */
export interface FragmentHit {
  rule: number;
  /** Index into the normalised lines. */
  at: number;
  /** Words of the run found in order. */
  words: number;
  /** Letters in those words: the specificity used for ranking. */
  letters: number;
  /** The line stops short of the run's end or start: part of the message is missing. */
  cut: boolean;
  /** Needs a paste that shows it is about SSH (short, or from a `shared` template). */
  needsContext: boolean;
}

export interface FragmentIndex {
  runs: Run[];
  /** specific word → [run index, position in run] pairs. */
  seeds: Map<string, [number, number][]>;
  /** `word word …` of every complete run, for whole-line and quoted-phrase matches. */
  whole: Map<string, number[]>;
  /** Stems of the specific words of the templates (decided on the word as printed: `timed`, not `tim`). */
  specific: Set<string>;
  /** Rules that are lines of sshd's own log (stage `server-log`). */
  serverLog: Set<number>;
  /** Rules about the client checking the server's host key (stage `hostkey`). */
  hostKeyCheck: Set<number>;
}

const MAX_WORDS = 200;
/** A label before a message (`Error`, `OpenWRT`, `my shell keeps on repeating`) is a few words; a longer text is a sentence. */
const MAX_LABEL_WORDS = 8;
const MIN_RUN = 3;
const MIN_SPECIFIC = 2;
/** This many words of a run in order, this many of them specific, are distinctive without other evidence of SSH. */
const SELF_EVIDENT = 5;
const SELF_EVIDENT_SPECIFIC = 3;

/** Words that say nothing about which error it is: everyday English and words every log has. */
const UNSPECIFIC = new Set(
  ('the and for from with not was are this that into your you has have been can cannot could reach start ' +
    'error errors failed failure fatal warning info debug line file files please try again ' +
    'when what which does while being there their then than its use used using out code exit continue only ' +
    'status true false null none unknown something some other more than host port user server ' +
    'client connection connect remote local name found denied permission access open read write ' +
    'such directory message exception java net lang com org make sure correct valid have ' +
    // `couldn't find` splits into `couldn` and `t`: the stubs of contractions are everyday words too.
    'couldn doesn didn isn wasn don won shouldn aren haven hasn find ' +
    // Tool names say which program printed a line, not which error it is.
    'gcloud compute ansible jenkins vagrant terraform docker git rsync putty ' +
    // An account's name is a value, not a message's word (`owned by root` of any file).
    'root').split(' '),
);
const UNSPECIFIC_STEMS = new Set([...UNSPECIFIC].map(stem));
/** Specific as printed and as a stem (`hosts` is not: its stem is `host`). */
const isSpecific = (w: string, st: string) => w.length >= 4 && !UNSPECIFIC_STEMS.has(st) && !/^\d+$/.test(w);

const WORDS_RE = /[a-z0-9]+/g;

/**
 * Lowercased words of `s`, at most `max`, as stems (a retyped `for method 'publickey'` meets
 * `for methods 'publickey'`); `specific` sorts the stems by whether their word was specific;
 * `tokens`, when given, receives for each word the index of the space-separated token it came from.
 * Paths and URLs (`~/.ssh/known_hosts:14`) name files, not errors, and are left out.
 */
function wordsOf(s: string, max = Infinity, specific?: { yes: Set<string>; no: Set<string> }, tokens?: number[]): string[] {
  const out: string[] = [];
  let t = -1;
  // Normalised lines have single spaces between words.
  for (const token of joinTimeout(s).split(' ')) {
    t++;
    // A slash only at the end is not a path (`HTTP/` of `ssh_exchange_identification: HTTP/`).
    const slash = token.indexOf('/');
    if ((slash !== -1 && slash < token.length - 1) || token.indexOf('\\') !== -1) continue;
    for (const w of token.toLowerCase().match(WORDS_RE) ?? []) {
      if (out.length >= max) return out;
      const st = stem(w);
      if (specific) (isSpecific(w, st) ? specific.yes : specific.no).add(st);
      tokens?.push(t);
      out.push(st);
    }
  }
  return out;
}


export function buildFragmentIndex(rules: readonly Rule[]): FragmentIndex {
  const runs: Run[] = [];
  const whole = new Map<string, number[]>();
  const seen = new Set<string>();
  const forms = { yes: new Set<string>(), no: new Set<string>() };
  rules.forEach((r, rule) => {
    const title = wordsOf(r.title).join(' ') + ' ';
    const templates = [...r.messages.map((t) => ({ t, shared: false })), ...(r.shared ?? []).map((t) => ({ t, shared: true }))];
    for (const { t, shared } of templates) {
      const segs = parseTemplate(t);
      // Each literal run, and all of them in a row: a reader often leaves the values out
      // (`authenticity of host can't be established`).
      const lits = segs.flatMap((seg) => ('lit' in seg ? [seg.lit] : []));
      const texts = lits.length > 1 ? [...lits, lits.join(' ')] : [...lits];
      // And a run's words after its prefix (`kex_exchange_identification: read: Connection reset by
      // peer` is quoted as `Connection reset by peer`).
      for (const lit of lits) {
        const colon = lit.lastIndexOf(': ');
        if (colon > 0) texts.push(lit.slice(colon + 2));
      }
      for (const lit of texts) {
        const words = wordsOf(lit, Infinity, forms);
        if (words.length < 2) continue;
        const key = `${rule} ${shared} ${words.join(' ')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const joined = words.join(' ');
        const named = new Set(lit.split(' ').filter(isQuotedName).flatMap((t) => wordsOf(t)));
        const i = runs.push({ rule, words, shared, titled: title.startsWith(joined + ' '), named, units: unitsIn(t) }) - 1;
        const list = whole.get(joined);
        if (list) list.push(i);
        else whole.set(joined, [i]);
      }
    }
  });
  // A stem is specific only if every word it stands for is: `keys` is, but its stem is also `key`'s.
  const specific = new Set([...forms.yes].filter((st) => !forms.no.has(st)));
  // Only a long run with one specific word needs it (findFragments: with two it counts anyway, with
  // none never), and only a template holding that word can say the run: each is read once.
  let byWord: Map<string, { rule: number; words: string[] }[]> | undefined;
  for (const run of runs) {
    if (run.words.length < SELF_EVIDENT) continue;
    const own = run.words.filter((w) => specific.has(w));
    if (own.length !== 1) continue;
    byWord ??= templatesByWord(rules);
    run.inOthers = (byWord.get(own[0]) ?? []).some((t) => t.rule !== run.rule && inOrder(run.words, t.words));
  }
  const seeds = new Map<string, [number, number][]>();
  runs.forEach((run, i) =>
    run.words.forEach((w, pos) => {
      if (!specific.has(w)) return;
      const s = seeds.get(w);
      if (s) s.push([i, pos]);
      else seeds.set(w, [[i, pos]]);
    }),
  );
  const stageOf = (stage: Rule['stage']) => new Set(rules.flatMap((r, i) => (r.stage === stage ? [i] : [])));
  return { runs, seeds, whole, specific, serverLog: stageOf('server-log'), hostKeyCheck: stageOf('hostkey') };
}

// A phrase in double or single quotes or Markdown backticks, as people quote an error inside a sentence.
const QUOTED_RE = /"([^"\n]{4,120})"|'([^'\n]{4,120})'|`([^`\n]{4,120})`/g;

// `(Name: message)`: a name without spaces (an exception class, a program), then its message; or
// `(port 22: message)`, the end of ssh's connect line quoted in a sentence.
const BRACKETED_EXCEPTION_RE = /\((?:[\w.$-]{2,80}|port \d{1,5}): ([^()\n]{4,120})\)/g;

/**
 * Of two hits of one rule on one line, the better: the most text; then the hit that stands without
 * context; then the one that completes its run (`Connection reset by peer` is all of one run of a
 * message, not only the end of `kex_exchange_identification: read: Connection reset by peer`).
 */
const better = (h: FragmentHit, cur: FragmentHit) =>
  h.letters - cur.letters || Number(cur.needsContext) - Number(h.needsContext) || Number(cur.cut) - Number(h.cut);

/**
 * Lines of a config pasted with the error, never a message: a key's armour (`-----BEGIN OPENSSH
 * PRIVATE KEY-----`) and a YAML key that opens a block (`private_key: |`).
 */
const CONFIG_LINE_RE = /^(?:-{5}(?:BEGIN|END) [A-Z0-9 ]{1,40}-{5}|[\w.-]{1,64}:[ \t]*[|>][-+]?)$/;

/**
 * Words that make a message a failure (`Failed to start sshd.service …`, `Unable to open …`). A line
 * with the rest of the message but none of them in front says the opposite: systemd's `Starting
 * sshd.service - OpenSSH server daemon...` is a routine start, not the failure cut short.
 */
const FAILURE_WORDS = new Set(['fail', 'unabl', 'cannot', 'could', 'couldn', 'can', 'not', 'error', 'timeout'].map(stem));
const saysFailureBefore = (words: readonly string[], end: number) => words.slice(Math.max(0, end - 4), end).some((w) => FAILURE_WORDS.has(w));

/** Words that say which kind of forwarding a message is about, as stems (`X11 forwarding`, `agent forwarding`). */
const FORWARDING_KINDS = new Set(['x11', 'agent', 'port', 'tcp', 'local', 'remote', 'tunnel', 'streamlocal', 'dynamic'].map(stem));

/** Every template's words (its values left out), listed under each of its words. */
function templatesByWord(rules: readonly Rule[]): Map<string, { rule: number; words: string[] }[]> {
  const byWord = new Map<string, { rule: number; words: string[] }[]>();
  rules.forEach((r, rule) => {
    for (const t of [...r.messages, ...(r.shared ?? [])]) {
      const entry = { rule, words: wordsOf(t.replace(/\{\w+\}/g, ' ')) };
      for (const w of new Set(entry.words)) {
        const list = byWord.get(w);
        if (list) list.push(entry);
        else byWord.set(w, [entry]);
      }
    }
  });
  return byWord;
}

/** Whether `words` occur in `within` in this order, other words allowed between. */
function inOrder(words: readonly string[], within: readonly string[]): boolean {
  let i = 0;
  for (const w of within) if (w === words[i] && ++i === words.length) return true;
  return false;
}

/** A setting's name in snake case, alone before its value (`deploy_key`, `  - host_key`). */
const SETTING_NAME_RE = /^[\s-]*[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/i;

/** A line naming sshd (`sshd:`, `sshd[812]:`, `sshd won't start`, its package or unit): it is about the server. */
const SSHD_RE = /\bsshd\b|\bopenssh-server\b|\bssh\.service\b|\bssh (?:service|daemon)\b/i;

/** An upper-case name with an underscore and no lower-case letter (`SSH_AUTH_SOCK`, `"$GIT_SSH_COMMAND"`). */
const isVariableName = (token: string) => !/[a-z]/.test(token) && /[A-Z0-9]_[A-Z]/.test(token);

/** Fragment hits in the given lines (indices into `lines`); at most one per rule and line. */
export function findFragments(index: FragmentIndex, lines: readonly NormLine[], only: (i: number) => boolean): FragmentHit[] {
  const out: FragmentHit[] = [];
  for (let at = 0; at < lines.length; at++) {
    const text = lines[at].text;
    // Every run has two words or more: a line without a space has none of them.
    if (!only(at) || lines[at].debug || text.indexOf(' ') === -1 || CONFIG_LINE_RE.test(text)) continue;
    const best = new Map<number, FragmentHit>();
    const offer = (h: FragmentHit) => {
      const cur = best.get(h.rule);
      if (!cur || better(h, cur) > 0) best.set(h.rule, h);
    };
    const tokenOf: number[] = [];
    const words = wordsOf(text, MAX_WORDS, undefined, tokenOf);
    // The line's tokens as wordsOf split them, read only for a fragment that lies inside one token.
    let tokens: string[] | undefined;
    const lineUnits = unitsIn(text);

    // Runs found in order, from a specific seed word, extended both ways.
    for (let i = 0; i < words.length; i++) {
      const postings = index.seeds.get(words[i]);
      if (!postings) continue;
      for (const [ri, pos] of postings) {
        const run = index.runs[ri];
        if (aboutOtherUnits(run.units, lineUnits)) continue;
        let a = 0;
        while (i - a - 1 >= 0 && pos - a - 1 >= 0 && words[i - a - 1] === run.words[pos - a - 1]) a++;
        // Start each run once: only from its leftmost specific seed in this alignment.
        if (run.words.slice(pos - a, pos).some((w) => index.specific.has(w))) continue;
        let b = 0;
        while (i + b + 1 < words.length && pos + b + 1 < run.words.length && words[i + b + 1] === run.words[pos + b + 1]) b++;
        // The line puts another word where the message quotes a name: it is the same sentence about
        // another program (`'Get-Service' is not recognized as an internal or external command`).
        const before = pos - a - 1;
        const after = pos + b + 1;
        if ((before >= 0 && i - a - 1 >= 0 && run.named.has(run.words[before])) || (after < run.words.length && i + b + 1 < words.length && run.named.has(run.words[after]))) continue;
        // Likewise another kind of forwarding where the message names its own (`port forwarding
        // disabled by key options` is not sshd's `X11 forwarding disabled by key options.`).
        if (before >= 0 && i - a - 1 >= 0 && FORWARDING_KINDS.has(run.words[before]) && FORWARDING_KINDS.has(words[i - a - 1])) continue;
        // An environment variable's name (`SSH_AUTH_SOCK`, `$SSH_AUTH_SOCK`) is a setting the line
        // talks about, not the message that begins with it.
        if (tokenOf[i - a] === tokenOf[i + b] && isVariableName((tokens ??= joinTimeout(text).split(' '))[tokenOf[i - a]])) continue;
        const matched = run.words.slice(pos - a, pos + b + 1);
        const specific = matched.filter((w) => index.specific.has(w)).length;
        // A message's whole run of five words or more, in order, is distinctive with one specific
        // word (git's `Could not read from remote repository`, whose `remote` every log has).
        const whole = matched.length >= SELF_EVIDENT && matched.length === run.words.length && !run.inOthers;
        if (matched.length < MIN_RUN || specific < (whole ? 1 : MIN_SPECIFIC)) continue;
        if (saysFailureBefore(run.words, pos - a) && !saysFailureBefore(words, i - a)) continue;
        offer({
          rule: run.rule,
          at,
          words: matched.length,
          letters: matched.join('').length,
          cut: matched.length < run.words.length,
          needsContext: run.shared || matched.length < SELF_EVIDENT || specific < SELF_EVIDENT_SPECIFIC,
        });
      }
    }

    // The whole line, or a quoted phrase, is a complete run (`Connection refused`, `"Access denied"`);
    // not a setting, whose name is a program's identifier (`deploy_key: ***` of a CI step's inputs).
    const colon = Math.max(text.lastIndexOf(': '), text.lastIndexOf('\uff1a'));
    const label = colon > 0 ? text.slice(0, colon) : '';
    const phrases = SETTING_NAME_RE.test(label) ? [] : [words.join(' ')];
    // Or the text after a short label (`OpenWRT: Connection timed out`, `错误：Permission denied`,
    // `SSHKit::Runner::ExecuteError: … on host h: connection closed by remote host`); not after a
    // path (`deploy.sh: line 43: /etc/init.d/sshd: No such file or directory`).
    if (label && !/[/\\]/.test(label) && label.split(' ').length <= MAX_LABEL_WORDS) {
      const rest = text.slice(colon + 1);
      phrases.push(wordsOf(rest).join(' '));
      // A client's own sentence may follow the message (`Connection failed: connection timed out.
      // No more addresses to try.`): the message is the first sentence.
      const stop = rest.indexOf('. ');
      if (stop > 0) phrases.push(wordsOf(rest.slice(0, stop)).join(' '));
    }
    // Or what a command printed, after an arrow the reader drew from it (`ssh root@10.0.0.5 ->
    // Connection Refused.`).
    const arrow = Math.max(text.lastIndexOf('-> '), text.lastIndexOf('=> '), text.lastIndexOf('\u2192 '));
    if (arrow > 0) phrases.push(wordsOf(text.slice(arrow + 2)).join(' '));
    if (text.indexOf('"') !== -1 || text.indexOf("'") !== -1 || text.indexOf('`') !== -1) {
      for (const m of text.matchAll(QUOTED_RE)) phrases.push(wordsOf(m[1] ?? m[2] ?? m[3]).join(' '));
    }
    // An exception quoted in brackets inside a sentence: its message after the class name
    // (`… when the connection fails (System.IO.IOException: Connection refused) and …`).
    if (text.indexOf('(') !== -1) {
      for (const m of text.matchAll(BRACKETED_EXCEPTION_RE)) phrases.push(wordsOf(m[1]).join(' '));
    }
    for (const p of phrases) {
      // A bare phrase several messages share (`Permission denied`) names the article titled with it.
      // Without one, it names an article only when it is specific enough to stand for each of
      // them: `borg: command not found` on the server is not `ssh: command not found`.
      const all = index.whole.get(p) ?? [];
      const titled = all.filter((ri) => index.runs[ri].titled);
      const ambiguous = titled.length === 0 && all.some((ri) => index.runs[ri].rule !== index.runs[all[0]].rule);
      const specific = p.split(' ').filter((w) => index.specific.has(w)).length;
      if ((ambiguous && specific < MIN_SPECIFIC) || (titled.length === 0 && specific === 0)) continue;
      for (const ri of titled.length ? titled : all) {
        const run = index.runs[ri];
        if (aboutOtherUnits(run.units, lineUnits)) continue;
        offer({ rule: run.rule, at, words: run.words.length, letters: p.replace(/ /g, '').length, cut: false, needsContext: true });
      }
    }
    // In a line about sshd (`sshd: Address already in use`, `sshd won't start, address already in
    // use`), words several messages share are sshd's log line, not the client's message of the same
    // words; and the client's check of a server's host key is never sshd's (`sshd: no host keys
    // found` is not pysftp's `HostKeysException: No Host Keys Found`).
    let hits = [...best.values()];
    if (SSHD_RE.test(text)) {
      hits = hits.filter((h) => !index.hostKeyCheck.has(h.rule));
      const sshdHits = hits.length > 1 ? hits.filter((h) => index.serverLog.has(h.rule)) : [];
      if (sshdHits.length) hits = sshdHits;
    }
    for (const h of hits) out.push(h);
  }
  return out;
}
