/**
 * Template compilation. A template such as `{user}@{host}: Permission denied ({list}).` becomes
 * an anchor (its longest literal, found with indexOf) plus two small sticky regexes: one for
 * what follows the anchor, run forwards from the anchor's end, and one for what precedes it,
 * run on the reversed line from the anchor's start. Every placeholder is a bounded character
 * class, so a regex can only ever scan a bounded window next to an anchor occurrence; the number
 * of occurrences tried per line is capped too. Together this keeps matching linear in the input,
 * with no catastrophic backtracking even for `{text}`-heavy templates on hostile lines.
 */
import { foldFullwidth } from './normalize.ts';

/**
 * What people put in place of a value they hide: CI secret masks (`***`), hand redactions
 * (`<IP>`, `<your host>`, `[redacted]`, `{host}`, `$HOST`, `${HOST}`) and runs of x (`xxx`, `3xx`,
 * `xxx.xxx.xxx.xxx`; the value classes below take those already). Bounded like the values.
 * Text typed into Markdown (issue trackers) carries the escapes that made a mask show: `\<ip\>`,
 * `\[redacted\]`, `\*\*\*`. The left part of a template is matched on the reversed line, so
 * bracketed masks need a mirror.
 */
const MASK = String.raw`(?:\\?\*){1,20}|\\?<[^<>\n]{1,40}>|\\?\[[^\[\]\n]{1,40}\]|\{[^{}\n]{1,40}\}|\$\{?\w{1,40}\}?`;
const MASK_REVERSED = String.raw`(?:\*\\?){1,20}|>[^<>\n]{1,40}<\\?|\][^\[\]\n]{1,40}\[\\?|\}[^{}\n]{1,40}\{|\}?\w{1,40}\{?\$`;

/** A placeholder's pattern, forwards and for the reversed line, and its shortest match. */
interface PlaceholderClass {
  re: string;
  rev: string;
  min: number;
}
const masked = (value: string, min: number): PlaceholderClass => ({
  re: `(?:${MASK}|${value})`,
  rev: `(?:${MASK_REVERSED}|${value})`,
  min,
});
const plain = (value: string, min: number): PlaceholderClass => ({ re: value, rev: value, min });

/** What each placeholder may match. Bounds are generous for real output and small enough to stay cheap. */
const CLASSES: Record<string, PlaceholderClass> = {
  host: masked(String.raw`[^\s'"()<>,;@]{1,255}`, 1),
  // An address has a digit, a colon or a dot (`10.0.0.1`, `fe80::1`, `xxx.xxx`, a resolved name),
  // or is a mask word (`xxxxx`, `IP`, `HOST`, sshd's `UNKNOWN`): never any other word
  // (`Connection closed by remote host` is not a host called `remote`).
  addr: masked(String.raw`(?=[\w%\[\]*-]{0,63}[\d:.])[\w:.%\[\]*-]{2,64}|(?:x{2,64}|unknown|ip|host(?:name)?|ip_?addr(?:ess)?)(?![\w.:-])`, 1),
  // `22`, or masked as `xxx`, `3xx` (names such as `$PORT` or `<port>` are masks).
  port: masked(String.raw`[\dxX]{1,5}`, 1),
  user: masked(String.raw`[^\s'"()<>,;:@]{1,64}`, 1),
  // A path may hold a mask too: `/home/<myusername>/.ssh/id_rsa`; and be quoted where the message
  // prints it bare (Windows' scp: `scp: 'c:/Users/User': No such file or directory`).
  path: {
    re: String.raw`(?:${MASK}|'[^'\n]{1,1024}'|"[^"\n]{1,1024}"|(?:[^\s'"<>|]|<[^<>\s]{1,40}>){1,1024})`,
    rev: String.raw`(?:${MASK_REVERSED}|'[^'\n]{1,1024}'|"[^"\n]{1,1024}"|(?:[^\s'"<>|]|>[^<>\s]{1,40}<){1,1024})`,
    min: 1,
  },
  n: masked(String.raw`-?\d{1,20}|[xXN]{1,5}`, 1),
  alg: plain(String.raw`[\w@.+-]{1,100}`, 1),
  // Algorithm lists, also cut short (`aes128-cbc,...`, `…`) or masked (`***`, `<list>`).
  list: plain(String.raw`[\w@.+, *\u2026<>-]{0,4096}`, 0),
  text: plain(String.raw`[^\n]{0,2000}`, 0),
};
// A path between matching quotes may contain spaces (Windows profiles, macOS volumes).
const QUOTED_PATH: Record<string, string> = { '"': String.raw`[^"\n]{1,1024}`, "'": String.raw`[^'\n]{1,1024}` };

/** A template split into literal text and placeholders. */
export type Segment = { lit: string } | { ph: string; re: string; rev: string; min: number };

/** One compiled message template. */
export interface CompiledTemplate {
  /** Index of the rule this template belongs to. */
  rule: number;
  /** Printed by non-SSH programs too: a hit counts only in a paste that shows SSH context. */
  shared: boolean;
  /**
   * `full`: the message as written; `partial`: without its leading literal (scan.ts withoutLead);
   * `guess`: a catch-all shape from frontmatter (`guess: true`); `stall`: a line a hanging log
   * stops at (`stall: true`), which scan.ts reports as a guess on the last debug line only (a
   * tool's own progress line anywhere);
   * `prompt`: a prompt (`prompt: [ids]`),
   * which never ranks but re-attributes a failure after it (rank.ts). Weaker forms rank lower.
   */
  form: TemplateForm;
  template: string;
  /** Ends with a value (`… to "{text}"`): a tool's summary, which the message it wraps may follow. */
  quotes: boolean;
  /** A prompt that explains a failure only when asked again before it (`promptsAgain`). */
  again?: boolean;
  /** Characters of literal text: the measure of how specific a match is. */
  literalLen: number;
  /** Lowercased longest literal segment, located with indexOf. */
  anchor: string;
  /** Sticky, case-insensitive regex for the part after the anchor (null when nothing required follows). */
  right: RegExp | null;
  /** Same for the part before the anchor, written for the reversed line. */
  left: RegExp | null;
  /** Lowercased words of the literal text (letters/digits, ≥ 3 chars) that are whole words in any matching line. */
  words: string[];
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const reverse = (s: string) => {
  let r = '';
  for (let i = s.length - 1; i >= 0; i--) r += s[i];
  return r;
};

/** Split a template into segments; unknown `{names}` stay literal (the schema rejects them anyway). */
export function parseTemplate(template: string): Segment[] {
  const segs: Segment[] = [];
  const re = /\{([a-z]+)\}/g;
  let last = 0;
  const pushLit = (lit: string) => {
    if (!lit) return;
    const prev = segs[segs.length - 1];
    if (prev && 'lit' in prev) prev.lit += lit;
    else segs.push({ lit });
  };
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const cls = CLASSES[m[1]];
    if (!cls) continue;
    pushLit(template.slice(last, m.index));
    last = m.index + m[0].length;
    const prev = segs[segs.length - 1];
    // Adjacent placeholders would multiply their bounds when backtracking: merge them into one
    // `{text}`-like gap, which matches the same strings within the bounds.
    if (prev && 'ph' in prev) {
      segs[segs.length - 1] = { ph: 'text', re: CLASSES.text.re, rev: CLASSES.text.rev, min: prev.min + cls.min };
      continue;
    }
    segs.push({ ph: m[1], re: cls.re, rev: cls.rev, min: cls.min });
  }
  pushLit(template.slice(last));
  // `{path}` between matching quotes may contain spaces.
  for (let i = 1; i < segs.length - 1; i++) {
    const s = segs[i];
    const a = segs[i - 1];
    const b = segs[i + 1];
    if ('ph' in s && s.ph === 'path' && 'lit' in a && 'lit' in b) {
      const q = a.lit[a.lit.length - 1];
      if ((q === '"' || q === "'") && b.lit[0] === q) s.re = s.rev = QUOTED_PATH[q];
    }
  }
  // Fold full-width punctuation (Windows' Chinese `無法連線，因為…。`), collapse runs of spaces, and
  // drop a space before a colon (`kex error : no match`), as normalisation does in the input
  // (normalize.ts) so both agree.
  for (const s of segs) if ('lit' in s) s.lit = foldFullwidth(s.lit).replace(/\s+/g, ' ').replace(/ +:(?= )/g, ':');
  const end = segs[segs.length - 1];
  if (end && 'lit' in end) end.lit = end.lit.trimEnd();
  return segs;
}

/** Regex source for a run of segments; `reversed` writes it for a reversed string. */
function sourceOf(segs: Segment[], reversed: boolean): string | null {
  const parts = (reversed ? [...segs].reverse() : segs).map((s) =>
    'lit' in s ? escapeRe(reversed ? reverse(s.lit) : s.lit) : `(?:${reversed ? s.rev : s.re})`,
  );
  // A trailing placeholder is satisfied by its minimum length: match anywhere means we need not
  // consume more, and not consuming keeps the regex cheap.
  const tail = reversed ? segs[0] : segs[segs.length - 1];
  if (tail && 'ph' in tail) {
    parts.pop();
    if (tail.min > 0) parts.push(`(?:${reversed ? tail.rev : tail.re})`);
  }
  return parts.length ? parts.join('') : null;
}

function wordsOf(segs: Segment[]): string[] {
  const words = new Set<string>();
  segs.forEach((s, i) => {
    if (!('lit' in s)) return;
    const lower = s.lit.toLowerCase();
    for (const m of lower.matchAll(/[a-z0-9]+/g)) {
      const start = m.index;
      const end = start + m[0].length;
      // A word touching a placeholder could be glued to what the placeholder matched (`{n}xyz`).
      const touchesLeft = start === 0 && i > 0;
      const touchesRight = end === lower.length && i < segs.length - 1;
      if (m[0].length >= 3 && !touchesLeft && !touchesRight) words.add(m[0]);
    }
  });
  return [...words];
}

/**
 * Readers quoting a message often drop its closing full stop or `!` (`Permission denied (publickey)`).
 * The template's final mark becomes optional, but only where the line does not go on with another
 * word (`Connection closed.` must not match `Connection closed by 10.0.0.1 port 22`), and only for
 * templates of three words or more (a placeholder counts as one): without its mark, `Connection
 * closed` is everyday prose.
 */
const END_MARK_RE = /[^.!][.!]$/;
const MIN_WORDS_FOR_OPTIONAL_END = 3;
const OPTIONAL_END = String.raw`(?:[.!]|(?! ?\w))`;
/**
 * A message that closes with a bracket or quote before its mark (`Permission denied (publickey).`)
 * is already delimited: quoted in a sentence, it may go on with any words (`… (publickey) only for
 * interactive commands`).
 */
const CLOSED_RE = /[)\]'"]$/;

/** How much of a message a template stands for (see CompiledTemplate.form). */
export type TemplateForm = 'full' | 'partial' | 'guess' | 'stall' | 'prompt';

/**
 * A quoted value (`'{host}'`, `"{path}"`) is often pasted without its quotes once masked or retyped
 * (`Permanently added <host> (ECDSA) …`): the quotes around a placeholder become optional.
 */
function optionalQuotes(segs: Segment[]): void {
  for (let i = 1; i + 1 < segs.length; i++) {
    const [before, ph, after] = [segs[i - 1], segs[i], segs[i + 1]];
    if (!('ph' in ph) || !('lit' in before) || !('lit' in after)) continue;
    const q = before.lit.slice(-1);
    if ((q !== "'" && q !== '"') || after.lit[0] !== q) continue;
    before.lit = before.lit.slice(0, -1);
    after.lit = after.lit.slice(1);
    // A path may hold spaces only between its quotes: pasted without them, it is a plain path
    // (else `File "{path}" not found.` reads `file or directory Revision: abc not found`).
    const bare = CLASSES[ph.ph];
    segs[i] =
      ph.ph === 'path'
        ? { ...ph, re: `${q}(?:${ph.re})${q}|${q}?(?:${bare.re})${q}?`, rev: `${q}(?:${ph.rev})${q}|${q}?(?:${bare.rev})${q}?` }
        : { ...ph, re: `${q}?(?:${ph.re})${q}?`, rev: `${q}?(?:${ph.rev})${q}?` };
  }
}

/** Compile one template of rule number `rule`. */
export function compileTemplate(template: string, rule: number, shared = false, form: TemplateForm = 'full'): CompiledTemplate | null {
  const segs = parseTemplate(template);
  optionalQuotes(segs);
  const last = segs[segs.length - 1];
  const words = segs.reduce((n, s) => n + ('lit' in s ? (s.lit.match(/[a-z]+/gi)?.length ?? 0) : 1), 0);
  let optionalEnd: string | null = null;
  if (last && 'lit' in last && END_MARK_RE.test(last.lit) && words >= MIN_WORDS_FOR_OPTIONAL_END) {
    last.lit = last.lit.slice(0, -1);
    optionalEnd = CLOSED_RE.test(last.lit) ? '[.!]?' : OPTIONAL_END;
  }
  let best = -1;
  let literalLen = 0;
  segs.forEach((s, i) => {
    if (!('lit' in s)) return;
    literalLen += s.lit.trim().length;
    if (best === -1 || s.lit.length > (segs[best] as { lit: string }).lit.length) best = i;
  });
  if (best === -1) return null; // all placeholders: would match anything, never useful
  const anchor = (segs[best] as { lit: string }).lit;
  const before = segs.slice(0, best);
  const after = segs.slice(best + 1);
  const rightSrc = optionalEnd ? (sourceOf(after, false) ?? '') + optionalEnd : sourceOf(after, false);
  const leftSrc = sourceOf(before, true);
  return {
    rule,
    shared,
    form,
    template,
    quotes: /\{[a-z]+\}["')\]]?$/.test(template),
    literalLen,
    anchor: anchor.toLowerCase(),
    right: rightSrc ? new RegExp(rightSrc, 'iy') : null,
    left: leftSrc ? new RegExp(leftSrc, 'iy') : null,
    words: wordsOf(segs),
  };
}

/** How many anchor occurrences one line may try per template: hostile lines repeat anchors, real ones don't. */
export const MAX_OCCURRENCES = 64;

/**
 * Does the template match somewhere in `text`? `lower` is `text` lowercased with the same length;
 * `rev` lazily supplies `text` reversed (only needed when the template has a left part).
 */
export function testTemplate(t: CompiledTemplate, text: string, lower: string, rev: () => string): boolean {
  let from = 0;
  for (let k = 0; k < MAX_OCCURRENCES; k++) {
    const at = lower.indexOf(t.anchor, from);
    if (at === -1) return false;
    from = at + 1;
    if (t.right) {
      t.right.lastIndex = at + t.anchor.length;
      if (!t.right.test(text)) continue;
    }
    if (t.left) {
      t.left.lastIndex = text.length - at;
      if (!t.left.test(rev())) continue;
    }
    return true;
  }
  return false;
}

/** Lowercase without changing the length (some non-ASCII letters grow when lowercased). */
export function lowerSameLength(s: string): string {
  const l = s.toLowerCase();
  return l.length === s.length ? l : s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Reverse a string by UTF-16 code units (the reversed regexes use no `u` flag). */
export { reverse };
