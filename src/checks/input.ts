/**
 * Input preparation shared by the checks: caps the size, refuses binary junk, strips terminal
 * colours and carriage returns, and splits into bounded lines. Everything downstream relies on
 * lines being at most MAX_LINE_CHARS long, which keeps every regex linear in practice.
 */

/** Largest input looked at, in UTF-16 characters (10 MiB); the rest is ignored with a notice. */
export const MAX_INPUT_CHARS = 10 * 1024 * 1024;
/** Lines are cut to this length before parsing: no real ssh/ls/sshd line is longer. */
export const MAX_LINE_CHARS = 4096;
/** At most this many lines are parsed; a 10 MB paste of one-character lines stays bounded. */
export const MAX_LINES = 200_000;

/** A pasted text split into lines, with notices about what was cut. */
export interface PreparedInput {
  /** Lines without CR or colour codes, each at most MAX_LINE_CHARS; index i is line i + 1. */
  lines: string[];
  notices: string[];
  /** True when the input is empty, whitespace only, or binary: there is nothing to check. */
  empty: boolean;
}

// Colour and cursor escapes that terminals and CI logs leave in a copy; bounded repeats.
const ANSI_RE = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)?/g;
// NULs and other C0 controls (not tab/newline) mark binary data.
const BINARY_CHAR_RE = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/g;

/** Splits and sanitises a paste; never throws, whatever the input. */
export function prepareInput(input: unknown): PreparedInput {
  const notices: string[] = [];
  let text = typeof input === 'string' ? input : '';
  if (typeof input !== 'string') notices.push('The input is not text.');
  if (text.length > MAX_INPUT_CHARS) {
    text = text.slice(0, MAX_INPUT_CHARS);
    notices.push(`The input is longer than ${MAX_INPUT_CHARS / 1024 / 1024} MB; only the beginning was checked.`);
  }
  if (text.trim() === '') return { lines: [], notices: [...notices, 'The input is empty.'], empty: true };

  // Binary junk: more than 10% control characters in the first 64 kB (a real log has none).
  const sample = text.slice(0, 65536);
  const controls = sample.match(BINARY_CHAR_RE)?.length ?? 0;
  if (controls > sample.length * 0.1) {
    return { lines: [], notices: [...notices, 'The input looks like binary data, not text output; nothing was checked.'], empty: true };
  }

  const raw = text.split('\n');
  if (raw.length > MAX_LINES) {
    raw.length = MAX_LINES;
    notices.push(`The input has more than ${MAX_LINES} lines; only the first ${MAX_LINES} were checked.`);
  }
  let cut = 0;
  const lines = raw.map((l) => {
    let s = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (s.length > MAX_LINE_CHARS) {
      s = s.slice(0, MAX_LINE_CHARS);
      cut++;
    }
    if (s.includes('\x1b')) s = s.replace(ANSI_RE, '');
    return s.replace(BINARY_CHAR_RE, '').replace(/\t/g, ' ').replace(/\u00a0/g, ' ');
  });
  if (cut > 0) notices.push(`${cut} line(s) longer than ${MAX_LINE_CHARS} characters were cut.`);
  return { lines, notices, empty: false };
}

/** Cuts a line for display in a message, so a hostile line cannot flood the report. */
export function clip(s: string, max = 200): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
