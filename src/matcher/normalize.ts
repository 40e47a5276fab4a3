/**
 * Input normalisation: turns a raw paste (terminal output, CI log, journald, Ansible JSON, a
 * ticket) into clean message lines, each remembering the ORIGINAL line it came from so the
 * evidence shown to the reader is what they pasted. Every pattern here is anchored and bounded,
 * so normalisation is linear in the input size whatever the input.
 */

/** One cleaned line ready for matching. */
export interface NormLine {
  /** The cleaned text (prefixes, escapes and control characters removed; spaces collapsed). */
  text: string;
  /** 1-based line number in the original input. */
  line: number;
  /** The original line, as pasted (CR removed). */
  orig: string;
  /** The line carried a `debugN:` prefix: context from `ssh -v`, weaker evidence than a plain line. */
  debug: boolean;
  /** The prefix was `debug2:` or `debug3:`: protocol trace that `-vv`/`-vvv` add, never a verdict by itself. */
  trace: boolean;
  /**
   * Which try this line belongs to: 0 until the first command line (`$ ssh …`, `git push`, `+ scp …`)
   * or `OpenSSH_…` version line, then counting up. A paste often holds a first try and a retry
   * after a change; the later failure is the current problem (rank.ts).
   */
  attempt: number;
}

// ANSI CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks); bounded.
const ANSI_RE = /\x1b\[[0-9;?<>=]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,2048}(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]/g;
// C0 controls except tab, DEL and C1 controls; tabs become spaces below.
const CONTROL_RE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// Typographic quotes that tickets and chat tools substitute for the plain ones ssh prints.
const QUOTES_RE = /[\u2018\u2019\u201a\u2032]|[\u201c\u201d\u201e\u2033]/g;
const SPACES_RE = /[ \t\u00a0\u2000-\u200b\u3000]+/g;
// Chinese and Japanese input methods type full-width ASCII (`Built against 30000070，you have`,
// `失败：No common algorithm`): each becomes its ASCII form, with the space its width stood for
// after punctuation, and the ideographic full stop a plain one.
const FULLWIDTH_RE = /[\uff01-\uff5e\u3002]/g;
const HAS_FULLWIDTH = /[\uff01-\uff5e\u3002]/;
const fromFullwidth = (c: string) => {
  if (c === '\u3002') return '. ';
  const ascii = String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  return /[,:;!?]/.test(ascii) ? ascii + ' ' : ascii === '(' ? ' (' : ascii;
};
/** Full-width ASCII as plain ASCII (templates are folded the same way, compile.ts). */
export const foldFullwidth = (s: string): string => (HAS_FULLWIDTH.test(s) ? s.replace(FULLWIDTH_RE, fromFullwidth).trimEnd() : s);
// Prechecks (non-global, so no lastIndex state): most lines need none of the replacements.
const HAS_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const HAS_QUOTES = /[\u2018\u2019\u201a\u2032\u201c\u201d\u201e\u2033]/;
const HAS_ODD_SPACE = / {2}|[\t\u00a0\u2000-\u200b\u3000]/;
// `port 22 : Connection refused`: a space before a colon, as some people type and some libraries
// print; parseTemplate (compile.ts) removes it from templates the same way.
const SPACE_COLON_RE = / +:(?= |$)/g;
// `Permission denied (publickey, password)`: a method list retyped with spaces after its commas.
// OpenSSH prints these lists without spaces; only a bracketed list of method-like names is closed up.
const SPACED_LIST_RE = /\(([a-z][\w@.-]*(?:, [a-z][\w@.-]*)+)\)/gi;
// `Permission denied (public key)`: a method name retyped as words inside such a list.
const SPACED_METHOD_TEST = /(?:ublic|board) /i;
const SPACED_METHOD_RE = /(?<=[(,] ?)(?:public key|keyboard interactive)(?= ?[,)])/gi;
const TRAILING_TICKS_RE = /`+\s*$/;
const GLUED_COLON_TEST = /[a-z0-9]{2}:[A-Za-z]{2}/i;
const GLUED_COLON_RE = /(?<=[a-z0-9]{2}):(?=[A-Za-z]{2}[^/\\:\s]{0,64}(?:\s|$))/gi;
// Ticket systems, web forms and HTML e-mail hand over text with its markup escaped
// (`Load key &quot;id_rsa&quot;`): only the entities such text carries are decoded, once.
const ENTITY_RE = /&(?:quot|apos|amp|lt|gt|nbsp|#3[49]|#x2[27]);/gi;
const ENTITIES: Record<string, string> = {
  '&quot;': '"', '&#34;': '"', '&#x22;': '"', '&apos;': "'", '&#39;': "'", '&#x27;': "'",
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ',
};

// Ansible wraps ssh's stderr in JSON ("msg", "module_stderr", "module_stdout"): the whole line is
// unescaped rather than one field extracted, because the message can sit in any of them.
// A line looks JSON- or Go-%q-escaped when it has an escaped quote, an escaped backslash, an
// escaped CRLF, or a `"key": "` pair. Only then are `\n`-style escapes decoded: a plain Windows
// path such as C:\Users\nick must not be split at `\n`.
const JSONISH_RE = /\\["\\]|\\r\\n|"[\w-]{1,40}"\s{0,4}:\s{0,4}"/;
// Prefixes removed from the start of a line, tried repeatedly (a CI timestamp, then a syslog
// prefix, then `debug1:`…). Each alternative is anchored and every repeat bounded.
const TIMESTAMP_RE = new RegExp(
  '^(?:' +
    [
      // ISO 8601 / RFC 3339, GitHub Actions (7 fraction digits + Z), optional brackets
      String.raw`\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d|\s?UTC)?\]?`,
      // syslog / journald short: Nov 26 10:00:01
      String.raw`[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d{1,9})?`,
      // bare clock: 10:00:01 or [10:00:01.123]
      String.raw`\[?\d\d:\d\d:\d\d(?:[.,]\d{1,9})?\]?`,
    ].join('|') +
    ')[ \\t]+',
);
// After a timestamp: `host sshd[123]: ` (syslog/journald). Without a pid only well-known daemon
// names count, so `Network error: …` or `channel 3: …` after a CI timestamp stay intact.
const SYSLOG_SOURCE_RE = /^[\w.-]{1,253} (?:[A-Za-z][\w./@-]{0,63}\[\d{1,10}\]|(?:sshd|ssh|systemd|kernel)[\w-]{0,20}):[ \t]+/;
// Anywhere at the start: `sshd[123]: `, `sshd-session[5]: `.
const PROCESS_RE = /^[\w./-]{1,64}\[\d{1,10}\]:[ \t]*/;
const DEBUG_RE = /^debug([1-3]):[ \t]*/i;
const OTHER_PREFIX_RE = new RegExp(
  '^(?:' +
    [
      // GitHub Actions / Azure Pipelines annotations
      String.raw`##\[(?:error|warning|notice|debug|info|command|section|group|endgroup)\][ \t]*`,
      String.raw`::(?:error|warning|notice|debug)[^:]{0,200}::[ \t]*`,
      // PowerShell and cmd prompts
      String.raw`PS [A-Za-z]:\\[^>]{0,260}>[ \t]*`,
      String.raw`[A-Za-z]:\\[^>\s]{0,260}>[ \t]*`,
      // user@host:~$ , root@host:/etc# , [user@host ~]$ , zsh's user@host dir %
      String.raw`[\w.-]{1,64}@[\w.-]{1,253}:[^\s$#]{0,260}[$#][ \t]+`,
      String.raw`[\w.-]{1,64}@[\w.-]{1,253} [^\s%$#]{1,260} [%$#][ \t]+`,
      String.raw`\[[\w.-]{1,64}@[\w.-]{1,253}[^\]]{0,260}\][$#][ \t]+`,
      // bare prompts and e-mail quoting
      String.raw`[$#%>][ \t]+`,
      String.raw`>(?=\S)`,
      // Terraform's and other tools' box-drawing gutter (`│ Error: …`, `╷`, `╵`)
      String.raw`[│┃║╷╵](?:[ \t]+|$)`,
      // a line pasted as Markdown inline code: `` `ssh -i key host` ``
      '`+(?=[^`])',
    ].join('|') +
    ')',
);

const DOTNET_JSON_EXCEPTION_RE = /"ClassName":"([\w.`+]{1,200})","Message":"([^"\n]{1,500})"/;

/** Decode JSON / Go `%q` string escapes; `\n`, `\r\n` and `\r` become real line breaks. */
export function unescapeJsonish(s: string): string {
  let out = '';
  let last = 0;
  for (let i = s.indexOf('\\'); i !== -1 && i < s.length - 1; i = s.indexOf('\\', i)) {
    const c = s[i + 1];
    let rep: string | null = null;
    let len = 2;
    if (c === 'n' || c === 'r') rep = '\n';
    else if (c === 't') rep = ' ';
    else if (c === '"' || c === '\\' || c === '/' || c === "'") rep = c;
    else if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      rep = String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      len = 6;
    }
    if (rep === null) {
      i += 2;
      continue;
    }
    // `\r\n` is one line break, not two
    if (c === 'r' && s[i + 2] === '\\' && s[i + 3] === 'n') len = 4;
    out += s.slice(last, i) + rep;
    i += len;
    last = i;
  }
  return out + s.slice(last);
}

/** Remove known prefixes (timestamps, syslog source, CI annotations, prompts, debugN:) from one piece. */
export function stripPrefixes(s: string): { text: string; debug: boolean; trace: boolean } {
  let debug = false;
  let trace = false;
  let text = s.trimStart();
  // Bounded: each pass removes at least one prefix; real lines carry at most a handful.
  for (let pass = 0; pass < 8; pass++) {
    // `debugN:` first: it starts most lines of a `-vvv` log, and no other prefix can match there.
    let m = DEBUG_RE.exec(text);
    if (m) {
      debug = true;
      trace = m[1] !== '1';
      text = text.slice(m[0].length);
      continue;
    }
    if ((m = TIMESTAMP_RE.exec(text))) {
      text = text.slice(m[0].length);
      const src = SYSLOG_SOURCE_RE.exec(text);
      if (src) text = text.slice(src[0].length);
      continue;
    }
    if ((m = PROCESS_RE.exec(text)) || (m = OTHER_PREFIX_RE.exec(text))) {
      if (m[0].length === 0) break;
      text = text.slice(m[0].length).trimStart();
      continue;
    }
    break;
  }
  return { text, debug, trace };
}

/** Clean one physical line into zero or more message pieces (several when it embeds escaped line breaks). */
function cleanLine(raw: string): { text: string; debug: boolean; trace: boolean }[] {
  let s = raw;
  if (s.indexOf('\x1b') !== -1) s = s.replace(ANSI_RE, '');
  if (HAS_CONTROL.test(s)) s = s.replace(CONTROL_RE, (c) => (c === '\t' ? ' ' : ''));
  if (s.indexOf('&') !== -1) s = s.replace(ENTITY_RE, (e) => ENTITIES[e.toLowerCase()] ?? e);
  let pieces: string[];
  if (s.indexOf('\\') !== -1 && JSONISH_RE.test(s)) {
    pieces = unescapeJsonish(s).split('\n');
  } else {
    pieces = [s];
  }
  const out: { text: string; debug: boolean; trace: boolean }[] = [];
  for (const p of pieces) {
    let q = p;
    q = foldFullwidth(q);
    if (HAS_QUOTES.test(q)) q = q.replace(QUOTES_RE, (c) => (c <= '\u2019' || c === '\u201a' || c === '\u2032' ? "'" : '"'));
    if (HAS_ODD_SPACE.test(q)) q = q.replace(SPACES_RE, ' ');
    if (q.indexOf(' :') !== -1) q = q.replace(SPACE_COLON_RE, ':');
    if (SPACED_METHOD_TEST.test(q)) q = q.replace(SPACED_METHOD_RE, (m) => (m[0] === 'p' || m[0] === 'P' ? 'publickey' : 'keyboard-interactive'));
    if (q.indexOf(', ') !== -1) q = q.replace(SPACED_LIST_RE, (_, list: string) => `(${list.replace(/, /g, ',')})`);
    // `ssh:connect to host github.com port 22:Bad file number`: retyped with no space after any
    // colon. Only in a line with no `: ` at all, and never inside `C:\`, `https://` or `host:path`
    // with a slash, so real output keeps its form.
    if (q.indexOf(': ') === -1 && GLUED_COLON_TEST.test(q)) q = q.replace(GLUED_COLON_RE, ': ');
    const { text, debug, trace } = stripPrefixes(q);
    // The closing mark of a line pasted as inline code.
    const t = (text.endsWith('`') ? text.replace(TRAILING_TICKS_RE, '') : text).trim();
    if (t) out.push({ text: t, debug, trace });
    // .NET's exception serialised as JSON (Duplicati, SSH.NET apps): also read as `Class: message`,
    // the shape the exception prints in a stack trace.
    const ex = q.indexOf('"ClassName":"') !== -1 ? DOTNET_JSON_EXCEPTION_RE.exec(q) : null;
    if (ex) out.push({ text: `${ex[1]}: ${ex[2]}`, debug, trace });
  }
  return out;
}

// A command that reaches a server over SSH, as typed or traced (`set -x` prints `+ cmd`), or the
// first line `ssh -v` prints: each starts a new try. Anchored and bounded.
const ATTEMPT_RE =
  /^(?:\+ |sudo )?(?:(?:ssh|scp|sftp|rsync|git|ansible|ansible-playbook|vagrant|mosh|sshfs|autossh|plink|pscp|putty)(?:\.exe)? +[-\w~"'<$[]|OpenSSH_\d)/i;

// Or the reader saying they tried again (`When I run start-all.sh again I got a new error:`, `After
// editing the config, now I get`): what follows is the current try. Only in first-person prose, so
// a program's own `trying again` does not count. Bounded, no nested quantifiers.
const RETRY_WORDS_RE =
  /\b(?:again|scratch that|new (?:error|mistake|message|problem|issue)|now (?:i|it|we) (?:get|got|see|have|receive)|(?:i|it|we) (?:get|got|see|have) now|then (?:i|it|we) (?:get|got|see)|after (?:that|this|changing|editing|adding|fixing|updating|setting|removing|doing|running))\b/i;
const FIRST_PERSON_RE = /(?:^|[\s,.;:(])(?:i|we|i'?ve|i'?m|my)(?=[\s,.;:)]|$)/i;
const saysRetry = (text: string) => text.length <= 300 && RETRY_WORDS_RE.test(text) && FIRST_PERSON_RE.test(text);

/** Split and clean a whole paste; empty lines are dropped but line numbers keep pointing at the original. */
export function normalize(input: string): { lines: NormLine[]; total: number } {
  const raw = input.split(/\r\n|\r|\n/);
  const lines: NormLine[] = [];
  let attempt = 0;
  for (let i = 0; i < raw.length; i++) {
    const orig = raw[i];
    if (!orig) continue;
    for (const piece of cleanLine(orig)) {
      if (!piece.debug && (ATTEMPT_RE.test(piece.text) || saysRetry(piece.text))) attempt++;
      lines.push({ text: piece.text, line: i + 1, orig, debug: piece.debug, trace: piece.trace, attempt });
    }
  }
  // A trailing newline does not make an extra line.
  const total = raw.length > 0 && raw[raw.length - 1] === '' ? raw.length - 1 : raw.length;
  return { lines, total };
}
