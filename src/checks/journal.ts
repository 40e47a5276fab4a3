/**
 * Program tags of `journalctl` / syslog lines (`Dec 07 01:02:03 host sshd[811]: …`, ISO
 * timestamps of `journalctl -o short-iso`, and `systemctl status`'s log tail). Input: bounded
 * lines from prepareInput.
 */

export interface JournalLine {
  line: number;
  /** The program tag without its pid: `sshd`, `sshd-session`, `systemd`. */
  program: string;
}

const CLASSIC = '[A-Z][a-z]{2} {1,2}\\d{1,2} \\d\\d:\\d\\d:\\d\\d';
const ISO = '\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?(?:Z|[+-]\\d\\d:?\\d\\d)?';
const LINE_RE = new RegExp(`^\\s{0,16}(?:${CLASSIC}|${ISO}) \\S{1,253} ([\\w.@/-]{1,64}?)(?:\\[\\d{1,10}\\])?: `);

export function parseJournal(lines: readonly string[]): { recognised: boolean; entries: JournalLine[] } {
  const entries: JournalLine[] = [];
  lines.forEach((text, i) => {
    const m = LINE_RE.exec(text);
    if (m) entries.push({ line: i + 1, program: m[1].replace(/^.*\//, '') });
  });
  return { recognised: entries.length > 0, entries };
}
