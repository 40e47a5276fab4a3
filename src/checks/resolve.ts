/**
 * Name lookups from `getent hosts` / `getent ahosts`, `dig` (full and `+short`), `nslookup` and
 * `host`: the addresses a name resolves to, and the failure status when it does not. Input:
 * bounded lines from prepareInput.
 */

export type AddressScope = 'loopback' | 'private' | 'link-local' | 'public';

export interface ResolvedAddress {
  line: number;
  /** The name looked up, when the line shows it (`dig +short` does not). */
  name: string;
  address: string;
  family: 'ipv4' | 'ipv6';
  scope: AddressScope;
}

export interface ResolveFailure {
  line: number;
  /** `nxdomain`, `servfail`, `refused`, `timeout`, `not-found`. */
  status: string;
}

export interface ResolveResult {
  recognised: boolean;
  answers: ResolvedAddress[];
  failures: ResolveFailure[];
}

const IPV4 = '(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}';
const IPV6 = '[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:%\\w{1,16})?';
const ADDRESS = `(${IPV4}|${IPV6})`;
const GETENT_RE = new RegExp(`^${ADDRESS}\\s{1,40}(?:(?:STREAM|DGRAM|RAW)\\s*)?(\\S{1,253})?(?:\\s.{0,500})?$`);
const BARE_RE = new RegExp(`^${ADDRESS}\\s*$`);
const DIG_ANSWER_RE = new RegExp(`^(\\S{1,253})\\.?\\s{1,20}\\d{1,10}\\s{1,20}IN\\s{1,20}(?:A|AAAA)\\s{1,20}${ADDRESS}\\s*$`);
const DIG_STATUS_RE = /->>HEADER<<-.{0,80}status: ([A-Z]{1,16})/;
const HOST_ANSWER_RE = new RegExp(`^(\\S{1,253}) has (?:IPv6 )?address ${ADDRESS}\\s*$`);
const HOST_FAIL_RE = /^Host \S{1,253} not found(?:: \d{1,3}\(([A-Z]{1,16})\))?/;
const NSLOOKUP_NAME_RE = /^Name:\s{1,20}(\S{1,253})\s*$/;
const NSLOOKUP_ADDRESS_RE = new RegExp(`^Address(?:es)?:\\s{1,20}${ADDRESS}\\s*$`);
const NSLOOKUP_FAIL_RE = /^\*\* server can't find \S{1,253}: ([A-Z]{1,16})/;
const NSLOOKUP_SERVER_RE = /^(?:Server|Default Server):\s/;
const TIMEOUT_RE = /connection timed out; no servers could be reached|communications error to \S{1,64}: timed out/i;

export function parseResolve(lines: readonly string[]): ResolveResult {
  const out: ResolveResult = { recognised: false, answers: [], failures: [] };
  let nslookupName = '';
  let sawNslookupServer = false;
  const answer = (line: number, name: string, address: string) => {
    const family = address.includes(':') ? 'ipv6' : 'ipv4';
    out.answers.push({ line, name: name.replace(/\.$/, ''), address, family, scope: scopeOf(address, family) });
  };
  const failure = (line: number, status: string) => out.failures.push({ line, status: status.toLowerCase() });
  lines.forEach((raw, i) => {
    const n = i + 1;
    const text = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = DIG_STATUS_RE.exec(text))) {
      out.recognised = true;
      if (m[1] !== 'NOERROR') failure(n, m[1]);
    } else if ((m = DIG_ANSWER_RE.exec(text))) answer(n, m[1], m[2]);
    else if ((m = HOST_ANSWER_RE.exec(text))) answer(n, m[1], m[2]);
    else if ((m = HOST_FAIL_RE.exec(text))) failure(n, m[1] ?? 'not-found');
    else if ((m = NSLOOKUP_FAIL_RE.exec(text))) failure(n, m[1]);
    else if (TIMEOUT_RE.test(text)) failure(n, 'timeout');
    else if (NSLOOKUP_SERVER_RE.test(text)) sawNslookupServer = true;
    else if ((m = NSLOOKUP_NAME_RE.exec(text))) nslookupName = m[1];
    else if ((m = NSLOOKUP_ADDRESS_RE.exec(text))) {
      // nslookup prints the server's own address first (`Address: 127.0.0.53#53` is not matched; a bare one before Name: is the server).
      if (nslookupName || !sawNslookupServer) answer(n, nslookupName, m[1]);
    } else if ((m = GETENT_RE.exec(text)) && !text.startsWith(';')) answer(n, m[2] ?? '', m[1]);
    else if ((m = BARE_RE.exec(text))) answer(n, '', m[1]);
  });
  out.recognised ||= out.answers.length > 0 || out.failures.length > 0;
  return out;
}

export function scopeOf(address: string, family: 'ipv4' | 'ipv6'): AddressScope {
  if (family === 'ipv4') {
    const [a, b] = address.split('.').map(Number);
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    return 'public';
  }
  const lower = address.toLowerCase();
  if (lower === '::1') return 'loopback';
  if (/^fe[89ab]/.test(lower)) return 'link-local';
  if (/^f[cd]/.test(lower)) return 'private';
  return 'public';
}
