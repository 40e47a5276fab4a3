/**
 * sshd's `Match` criteria, evaluated for one connection the way `sshd -T -C user=…,host=…,addr=…`
 * does (servconf.c match_cfg_line, match.c match_pattern_list, addrmatch.c addr_match_list):
 * criteria are ANDed; each takes a comma list of patterns with `*`/`?` wildcards and `!`
 * negation (a matching negated pattern fails the whole list); Address/LocalAddress take CIDR
 * entries (a mask with host bits set is a config error); `all` stands alone. A criterion the
 * connection does not say anything about (no `host=` given, or Group, which needs the server's
 * group database) makes the block not match in test mode, as sshd -T does, and is reported.
 */

/** What `sshd -T -C` is told about the connection. */
export interface ConnectionSpec {
  user?: string;
  host?: string;
  addr?: string;
  laddr?: string;
  lport?: number;
}

/** A Match line's verdict for the connection, with the criteria that could not be judged. */
export interface MatchVerdict {
  matches: boolean;
  /** `Bad Match condition` cases: sshd -t fails on them. */
  error: string | null;
  /** Criteria judged as "no match" only because the paste cannot tell (Group, RDomain, a field not given). */
  unknown: string[];
}

/** Linear-time `*`/`?` glob (match.c match_pattern), no regex built from input. */
export function wildcardMatch(pattern: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < pattern.length && (pattern[pi] === '?' || pattern[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < pattern.length && pattern[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < pattern.length && pattern[pi] === '*') pi++;
  return pi === pattern.length;
}

/** match_pattern_list: 1 a positive pattern matched, 0 none did, -1 a negated one matched. */
export function patternListMatch(s: string, list: string, lower: boolean): 1 | 0 | -1 {
  const subject = lower ? s.toLowerCase() : s;
  let got = 0 as 1 | 0;
  for (const raw of list.split(',').slice(0, 256)) {
    const neg = raw.startsWith('!');
    const p = (neg ? raw.slice(1) : raw);
    if (wildcardMatch(lower ? p.toLowerCase() : p, subject)) {
      if (neg) return -1;
      got = 1;
    }
  }
  return got;
}

/** An address as bits (IPv4 → 32, IPv6 → 128), or null. */
function parseAddress(s: string): { bits: bigint; width: 32 | 128 } | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return null;
    return { bits: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), width: 32 };
  }
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(s) || !s.includes(':')) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (g.includes('.')) {
        const a = parseAddress(g);
        if (!a || a.width !== 32) return null;
        out.push(Number(a.bits >> 16n), Number(a.bits & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) return null;
  const all = [...head, ...Array<number>(fill).fill(0), ...tail];
  return { bits: all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n), width: 128 };
}

/** addr_match_list: 1 match, 0 none, -1 negated match, -2 a malformed CIDR entry (sshd: "Bad Match condition"). */
export function addressListMatch(addr: string, list: string): 1 | 0 | -1 | -2 {
  const a = parseAddress(addr);
  let ret = 0 as 1 | 0;
  for (const raw of list.split(',').slice(0, 256)) {
    const neg = raw.startsWith('!');
    const entry = neg ? raw.slice(1) : raw;
    const slash = entry.indexOf('/');
    const net = parseAddress(slash >= 0 ? entry.slice(0, slash) : entry);
    let found = false;
    if (net) {
      const len = slash >= 0 ? Number(entry.slice(slash + 1)) : net.width;
      if (slash >= 0 && !/^\d{1,3}$/.test(entry.slice(slash + 1))) return -2;
      if (len > net.width) return -2;
      const hostBits = BigInt(net.width - len);
      const mask = ((1n << BigInt(net.width)) - 1n) ^ ((1n << hostBits) - 1n);
      if ((net.bits & ~mask & ((1n << BigInt(net.width)) - 1n)) !== 0n) return -2;
      found = a !== null && a.width === net.width && (a.bits & mask) === net.bits;
    } else if (slash >= 0) return -2;
    else found = wildcardMatch(entry, addr);
    if (found) {
      if (neg) return -1;
      ret = 1;
    }
  }
  return ret;
}

/** Splits `User alice Address 10.0.0.0/8` / `user=alice` into [criterion, argument] pairs. */
function criteria(value: string): Array<[string, string | null]> {
  const words = value.split(/\s+/).filter(Boolean);
  const out: Array<[string, string | null]> = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('#')) break;
    const eq = /^(user|group|host|address|localaddress|localport|rdomain|version)=(.*)$/i.exec(w);
    if (eq) out.push([eq[1]!.toLowerCase(), eq[2]!]);
    else if (/^(all|invalid-user)$/i.test(w)) out.push([w.toLowerCase(), null]);
    else out.push([w.toLowerCase(), words[++i] ?? null]);
  }
  return out;
}

/** Judges one `Match` line's value for the connection. */
export function evaluateMatch(value: string, conn: ConnectionSpec): MatchVerdict {
  const verdict: MatchVerdict = { matches: true, error: null, unknown: [] };
  const list = criteria(value);
  if (!list.length) return { matches: false, error: 'Match with no criteria', unknown: [] };
  for (const [i, [name, arg]] of list.entries()) {
    if (name === 'all') {
      if (list.length > 1 || i > 0) return { matches: false, error: "'all' cannot be combined with other Match attributes", unknown: [] };
      return verdict;
    }
    if (name === 'invalid-user') {
      verdict.unknown.push('Invalid-User');
      verdict.matches = false;
      continue;
    }
    if (arg === null || arg === '') return { matches: false, error: `Missing Match criteria for ${name}`, unknown: [] };
    switch (name) {
      case 'user':
        if (conn.user === undefined) verdict.unknown.push('User (no user given)');
        if (conn.user === undefined || patternListMatch(conn.user, arg, false) !== 1) verdict.matches = false;
        break;
      case 'host':
        if (conn.host === undefined) verdict.unknown.push('Host (no host given)');
        if (conn.host === undefined || patternListMatch(conn.host, arg, true) !== 1) verdict.matches = false;
        break;
      case 'address':
      case 'localaddress': {
        const subject = name === 'address' ? conn.addr : conn.laddr;
        const probe = addressListMatch(subject ?? '0.0.0.0', arg);
        if (probe === -2) return { matches: false, error: `Invalid Match ${name} argument '${arg}'`, unknown: [] };
        if (subject === undefined) verdict.unknown.push(`${name === 'address' ? 'Address' : 'LocalAddress'} (not given)`);
        if (subject === undefined || probe !== 1) verdict.matches = false;
        break;
      }
      case 'localport': {
        if (!/^\d{1,5}$/.test(arg) || Number(arg) < 1 || Number(arg) > 65535) return { matches: false, error: `Invalid LocalPort '${arg}' on Match line`, unknown: [] };
        if (conn.lport === undefined) verdict.unknown.push('LocalPort (not given)');
        if (conn.lport !== Number(arg)) verdict.matches = false;
        break;
      }
      case 'group':
        verdict.unknown.push(`Group ${arg} (needs the server's group list: check with \`id ${conn.user ?? 'USER'}\`)`);
        verdict.matches = false;
        break;
      case 'rdomain':
      case 'version':
        verdict.unknown.push(name === 'rdomain' ? 'RDomain' : 'Version');
        verdict.matches = false;
        break;
      default:
        return { matches: false, error: `Unsupported Match attribute ${name}`, unknown: [] };
    }
  }
  return verdict;
}
