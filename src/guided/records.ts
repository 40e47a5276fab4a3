/**
 * Runs the parsers a verdict block names and turns what they found into fact records: the
 * uniform shape `when:` and `none:` conditions are tested against (src/guided/vocabulary.ts).
 * The parsers live in src/checks/, shared with the CLI's checks.
 */
import { parseFirewall } from '../checks/firewall.ts';
import { parseJournal } from '../checks/journal.ts';
import { parseListeners } from '../checks/listeners.ts';
import { checkPermissions } from '../checks/permissions.ts';
import { parseResolve } from '../checks/resolve.ts';
import { keywordInfo } from '../checks/sshd-keywords.ts';
import { sshKeywordInfo } from '../checks/ssh-keywords.ts';
import { parseSystemdStatus } from '../checks/systemd-status.ts';
import type { FactValue, ParserName } from './vocabulary.ts';

/** One thing a parser found, on one line of the paste. */
export interface FactRecord {
  /** 1-based line number (0 when the record is about the whole paste). */
  line: number;
  facts: Record<string, FactValue>;
}

export interface ParsedOutput {
  parser: ParserName;
  /** The paste looked like this parser's command output (so `none:` may conclude absence). */
  recognised: boolean;
  records: FactRecord[];
}

const KEYWORD_LINE_RE = /^\s{0,8}([A-Za-z][A-Za-z0-9]{1,40})[ \t]{1,16}(\S.{0,3000}?)\s*$/;

/** `sshd -T` / `ssh -G`: lowercase keyword and value, for lines whose keyword the program knows. */
function keywordRecords(lines: readonly string[], known: (word: string) => boolean): FactRecord[] {
  const records: FactRecord[] = [];
  lines.forEach((text, i) => {
    const m = KEYWORD_LINE_RE.exec(text);
    if (m && known(m[1])) records.push({ line: i + 1, facts: { keyword: m[1].toLowerCase(), value: m[2] } });
  });
  return records;
}

function withoutNull(facts: Record<string, FactValue | null>): Record<string, FactValue> {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== null)) as Record<string, FactValue>;
}

const READERS: Record<ParserName, (lines: readonly string[], text: string) => Omit<ParsedOutput, 'parser'>> = {
  listeners: (lines) => {
    const r = parseListeners(lines);
    return { recognised: r.recognised, records: r.listeners.map(({ line, ...facts }) => ({ line, facts })) };
  },
  systemctl: (lines) => {
    const r = parseSystemdStatus(lines);
    return { recognised: r.recognised, records: r.units.map(({ line, ...facts }) => ({ line, facts })) };
  },
  firewall: (lines) => {
    const r = parseFirewall(lines);
    return {
      recognised: r.recognised,
      records: [
        ...r.statuses.map(({ line, ...facts }) => ({ line, facts })),
        ...r.rules.map(({ line, ...facts }) => ({ line, facts: withoutNull(facts) })),
      ],
    };
  },
  perms: (_lines, text) => {
    const r = checkPermissions(text);
    return {
      recognised: r.format !== 'none',
      records: [
        ...r.entries.map((e) => ({
          line: e.line,
          facts: withoutNull({
            name: e.path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '') || e.path,
            role: e.role,
            mode: e.mode === null ? null : (e.mode & 0o7777).toString(8).padStart(3, '0'),
            owner: e.owner,
          }),
        })),
        ...r.findings.map((f) => ({ line: f.lines[0] ?? 0, facts: { problem: f.rule } })),
      ],
    };
  },
  'sshd-T': (lines) => {
    const records = keywordRecords(lines, (w) => keywordInfo(w) !== undefined);
    return { recognised: records.length > 0, records };
  },
  'ssh-G': (lines) => {
    const records = keywordRecords(lines, (w) => sshKeywordInfo(w) !== undefined);
    return { recognised: records.length > 0, records };
  },
  resolve: (lines) => {
    const r = parseResolve(lines);
    return {
      recognised: r.recognised,
      records: [...r.answers.map(({ line, ...facts }) => ({ line, facts })), ...r.failures.map(({ line, ...facts }) => ({ line, facts }))],
    };
  },
  journal: (lines) => {
    const r = parseJournal(lines);
    return { recognised: r.recognised, records: r.entries.map(({ line, ...facts }) => ({ line, facts })) };
  },
  text: () => ({ recognised: false, records: [] }),
};

/** What each named parser makes of the paste. `text` is the raw paste (perms re-reads it). */
export function readOutput(parsers: readonly ParserName[], lines: readonly string[], text: string): ParsedOutput[] {
  return parsers.map((parser) => ({ parser, ...READERS[parser](lines, text) }));
}
