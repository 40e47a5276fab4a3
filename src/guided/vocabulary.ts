/**
 * The words a verdict block may use: which parsers exist (`check:`) and which facts each one
 * reports about a line of output (`when:` / `none:`). Shared by the zod schema (build-time
 * validation) and the engine, so an author can only name a fact some parser really reports.
 * Plain data, no zod: the browser bundle imports it.
 */

/** The fence language that marks a verdict block in an article. */
export const VERDICT_LANG = 'verdict';

/** The type of a fact's value; a condition's value must have this type. */
export type FactType = 'number' | 'string' | 'boolean';

export interface ParserSpec {
  /** What it reads, for content/README.md and error messages. */
  reads: string;
  facts: Record<string, FactType>;
}

export const PARSERS = {
  listeners: {
    reads: '`ss -tlnp`, `ss -tln`, `netstat -tlnp`, `netstat -an`: one record per listening TCP socket',
    facts: { port: 'number', address: 'string', process: 'string' },
  },
  systemctl: {
    reads: '`systemctl status UNIT…`: one record per unit (its Active: line is the proof)',
    facts: { unit: 'string', loaded: 'string', enabled: 'string', active: 'string', sub: 'string' },
  },
  firewall: {
    reads: '`ufw status [verbose]`, `firewall-cmd --list-all` / `--state`, `nft list ruleset`, `iptables -S`: a status record and one record per rule',
    facts: { tool: 'string', active: 'boolean', action: 'string', port: 'number', service: 'string', policy: 'boolean' },
  },
  perms: {
    reads: '`ls -la`, `ls -ld`, `icacls`: one record per listed file and one per problem src/checks/permissions.ts finds',
    facts: { name: 'string', role: 'string', mode: 'string', owner: 'string', problem: 'string' },
  },
  'sshd-T': {
    reads: '`sshd -T` (or `sshd -T | grep …`): one record per `keyword value` line',
    facts: { keyword: 'string', value: 'string' },
  },
  'ssh-G': {
    reads: '`ssh -G host` (or `ssh -G host | grep …`): one record per `keyword value` line',
    facts: { keyword: 'string', value: 'string' },
  },
  resolve: {
    reads: '`getent hosts`, `getent ahosts`, `dig`, `dig +short`, `nslookup`, `host`: one record per answer and one per failure status',
    facts: { name: 'string', address: 'string', family: 'string', scope: 'string', status: 'string' },
  },
  journal: {
    reads: '`journalctl` / syslog lines: one record per line with a program name',
    facts: { program: 'string' },
  },
  text: {
    reads: 'any output: no records, only `match:` and `empty:` rules',
    facts: {},
  },
} as const satisfies Record<string, ParserSpec>;

export type ParserName = keyof typeof PARSERS;
export const PARSER_NAMES = Object.keys(PARSERS) as ParserName[];

/** Value of a condition: one value, or a list meaning "any of these". Strings compare case-insensitively. */
export type FactValue = string | number | boolean;
export type Condition = Record<string, FactValue | FactValue[]>;

/** The fact types every listed parser knows (a name two parsers share must have one type). */
export function factTypes(parsers: readonly ParserName[]): Map<string, FactType> {
  const types = new Map<string, FactType>();
  for (const p of parsers) for (const [name, type] of Object.entries(PARSERS[p].facts)) types.set(name, type);
  return types;
}
