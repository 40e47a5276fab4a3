/**
 * Reads the server's identification string (RFC 4253 §4.2): `SSH-protoversion-softwareversion
 * [SP comments] CR LF`, at most 255 characters, possibly after other lines of text (pre-banner
 * lines, which OpenSSH's client accepts). Pure and bounded: it looks at most at MAX_IDENT_BYTES,
 * and says what the bytes are when they are not SSH (an HTTP reply, SSH-1, binary junk).
 */

/** How much the doctor reads while waiting for the identification string. */
export const MAX_IDENT_BYTES = 8192;
/** RFC 4253 §4.2: the identification line including CR LF. */
export const MAX_IDENT_LINE = 255;
/** OpenSSH gives up after this many lines before the identification (kex.c SSH_MAX_PRE_BANNER_LINES). */
export const MAX_PRE_BANNER_LINES = 1024;

export type IdentRead =
  | { status: 'incomplete' }
  | {
      status: 'ssh';
      /** The whole line without CR LF, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. */
      line: string;
      protoVersion: string;
      softwareVersion: string;
      comments: string | null;
      preBanner: string[];
      /** Bytes after the identification line (the start of the first packet). */
      consumed: number;
    }
  | { status: 'http'; line: string }
  | { status: 'ssh1'; line: string }
  | { status: 'not-ssh'; reason: string; lines: string[] }
  | { status: 'closed-silently' };

/** A short, printable rendering of what the server sent, for messages. */
export function printable(s: string, max = 120): string {
  const clean = s.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * Reads the identification from the bytes received so far. `ended`: the connection closed (or
 * the wait timed out), so a partial line is all there will be.
 */
export function readIdentification(bytes: Uint8Array, ended: boolean): IdentRead {
  const preBanner: string[] = [];
  let start = 0;
  const limit = Math.min(bytes.length, MAX_IDENT_BYTES);
  while (start < limit) {
    let nl = bytes.indexOf(0x0a, start);
    if (nl >= limit) nl = -1;
    const complete = nl >= 0;
    const end = complete ? nl : limit;
    const raw = bytes.subarray(start, end);
    const text = String.fromCharCode(...raw.subarray(0, Math.min(raw.length, 512))).replace(/\r$/, '');
    if (!complete && !ended && limit < MAX_IDENT_BYTES && !looksLikeJunk(raw)) return { status: 'incomplete' };

    if (text.startsWith('SSH-')) {
      if (raw.length + 1 > MAX_IDENT_LINE) return { status: 'not-ssh', reason: `the identification line is longer than ${MAX_IDENT_LINE} characters`, lines: [printable(text)] };
      if (raw.includes(0)) return { status: 'not-ssh', reason: 'the identification line contains a NUL byte', lines: [printable(text)] };
      const m = /^SSH-([^-\s]{1,16})-(\S{1,200})(?: (.*))?$/.exec(text);
      if (!m) return { status: 'not-ssh', reason: 'the identification line does not have the form SSH-2.0-software', lines: [printable(text)] };
      if (m[1] !== '2.0' && m[1] !== '1.99') return { status: 'ssh1', line: printable(text) };
      return { status: 'ssh', line: text, protoVersion: m[1]!, softwareVersion: m[2]!, comments: m[3] ?? null, preBanner, consumed: complete ? nl + 1 : end };
    }
    if (preBanner.length === 0 && /^HTTP\/\d/.test(text)) return { status: 'http', line: printable(text) };
    if (looksLikeJunk(raw)) return { status: 'not-ssh', reason: 'the server sent binary data instead of a text identification line', lines: [printable(text)] };
    preBanner.push(printable(text));
    if (preBanner.length > MAX_PRE_BANNER_LINES) return { status: 'not-ssh', reason: `more than ${MAX_PRE_BANNER_LINES} lines without an SSH identification`, lines: preBanner.slice(0, 5) };
    if (!complete) break;
    start = nl + 1;
  }
  if (bytes.length >= MAX_IDENT_BYTES) return { status: 'not-ssh', reason: `${MAX_IDENT_BYTES} bytes without an SSH identification line`, lines: preBanner.slice(0, 5) };
  if (!ended) return { status: 'incomplete' };
  if (bytes.length === 0) return { status: 'closed-silently' };
  return { status: 'not-ssh', reason: 'the server sent text that is not an SSH identification, then stopped', lines: preBanner.slice(0, 5) };
}

// OpenSSH rejects a NUL in a banner line ("banner line contains invalid characters"); other
// control bytes beyond tab/CR mean it is not a line of text at all.
function looksLikeJunk(raw: Uint8Array): boolean {
  const head = raw.subarray(0, 256);
  let bad = 0;
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0d)) bad++;
  return bad > 0;
}
