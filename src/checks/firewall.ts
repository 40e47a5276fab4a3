/**
 * Host firewall state from `ufw status [verbose]`, `firewall-cmd --state` / `--list-all`,
 * `nft list ruleset` and `iptables -S`: whether the firewall is on, its inbound rules by port
 * and its default policies. Outbound and forwarding rules are skipped: only inbound SSH matters
 * here. A rule limited to some source addresses is recorded as such (`allow-from`, `drop-from`…).
 * Input: bounded lines from prepareInput.
 */

export type FirewallTool = 'ufw' | 'firewalld' | 'nftables' | 'iptables';
type BaseAction = 'allow' | 'deny' | 'reject' | 'drop' | 'limit';
/**
 * What a rule does; `…-from` when it applies only to some source addresses (ufw's From column,
 * `-s`, `saddr`, a rich rule's `source address=`): it lets in, or keeps out, only those callers,
 * who may or may not include the reader, so it never stands for "everyone".
 */
export type FirewallAction = BaseAction | `${BaseAction}-from`;

export interface FirewallStatus {
  line: number;
  tool: FirewallTool;
  active: boolean;
}

export interface FirewallRule {
  line: number;
  tool: FirewallTool;
  action: FirewallAction;
  /** The port it is about; 0 = every port (a catch-all rule or a policy); null = not by port. */
  port: number | null;
  /** A named service (`ssh`, `openssh`, a ufw application profile), or '' for a rule by port only. */
  service: string;
  /** A default policy (ufw `Default:`, `-P INPUT`, nft `policy`, firewalld `target:`) rather than a rule. */
  policy: boolean;
}

export interface FirewallResult {
  recognised: boolean;
  statuses: FirewallStatus[];
  rules: FirewallRule[];
}

/** Well-known services a firewall may name instead of a port. */
const SERVICE_PORTS: Record<string, number> = { ssh: 22, openssh: 22, 'openssh-server': 22, http: 80, https: 443 };

const UFW_STATUS_RE = /^Status:\s{1,8}(active|inactive)\s*$/i;
const UFW_DEFAULT_RE = /^Default:\s{1,8}(allow|deny|reject)\s{1,4}\(incoming\)/i;
// A rule line: To, Action, From. ufw pads To to 26 columns, so a longer To is followed by one space.
// `ufw status numbered` prefixes `[ 1] `.
const UFW_RULE_RE = /^(?:\[\s{0,3}\d{1,4}\]\s{1,4})?(\S(?:.{0,200}?\S)?)\s{1,40}(ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT|FWD))?(?:\s|$)/;
// The To column, after ` on IFACE` and ` (v6)` are taken off: `[ADDRESS ]PORTS[/PROTO][ (APP[ (v6)])]`
// (`22/tcp`, `22,80/tcp`, `60000:61000/udp`, `192.168.1.5 22/tcp`, verbose `22/tcp (OpenSSH (v6))`).
const UFW_PORTS_TO_RE = /^(?:(\S{1,64}) )?(\d[\d,:]{0,200})(?:\/([a-z]{1,10}))?(?: \(([^()]{1,80})(?: \(v6\))?\))?$/i;
// An application profile as plain `ufw status` prints it (`OpenSSH`, `Nginx Full`).
const UFW_APP_TO_RE = /^[A-Za-z][\w.+-]{0,40}(?: [\w.+-]{1,40}){0,3}$/;
const UFW_ADDRESS_TO_RE = /^[\da-f.:]{2,45}(?:\/\d{1,3})?(?:\/[a-z]{1,10})?$/i;
const FIREWALLD_STATE_RE = /^(running|not running)\s*$/;
const FIREWALLD_NOT_RUNNING_RE = /^FirewallD is not running\s*$/i;
// firewalld 2.1+ names the default zone too: `public (default, active)`.
const FIREWALLD_ZONE_RE = /^\S{1,64} \((?:default, )?active\)\s*$/;
const FIREWALLD_FIELD_RE = /^\s{1,8}(services|ports|target):\s?(.{0,2000})$/;
// `firewall-cmd --list-all` prints each rich rule on its own line under `rich rules:`, tab-indented:
// `rule family="ipv4" source address="10.0.0.0/8" service name="ssh" accept [limit value="3/m"]`.
const FIREWALLD_RICH_RE = /^\s{1,16}rule (.{0,800}) (accept|reject|drop)((?: (?:type|limit value)="[^"]{1,40}"(?: burst="?\d{1,6}"?)?){0,2})\s*$/;
const IPT_POLICY_RE = /^-P (INPUT|FORWARD|OUTPUT) (ACCEPT|DROP|REJECT)\s*$/;
const IPT_RULE_RE = /^-A (\S{1,64}) (.{0,3000})$/;
const NFT_TABLE_RE = /^table (?:ip6?|inet|arp|bridge|netdev) \S{1,64} \{/;
const NFT_CHAIN_RE = /^\s{0,16}chain (\S{1,64}) \{/;
const NFT_HOOK_RE = /\btype \w{1,16} hook (\w{1,16})\b/;
const NFT_POLICY_RE = /\bpolicy (accept|drop);/;

export function parseFirewall(lines: readonly string[]): FirewallResult {
  const out: FirewallResult = { recognised: false, statuses: [], rules: [] };
  const status = (line: number, tool: FirewallTool, active: boolean) => out.statuses.push({ line, tool, active });
  const rule = (line: number, tool: FirewallTool, action: FirewallAction, port: number | null, service = '', policy = false) =>
    out.rules.push({ line, tool, action, port, service, policy });
  const scope = (action: BaseAction, fromSome: boolean): FirewallAction => (fromSome ? `${action}-from` : action);
  let inFirewalldZone = false;
  let nftChainHook = '';
  let nftHelperChain = false;
  const notInbound = chainsOutsideInput(lines);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const text = raw.trimEnd();
    let m: RegExpExecArray | null;
    // ufw
    if ((m = UFW_STATUS_RE.exec(text))) return status(n, 'ufw', m[1].toLowerCase() === 'active');
    if ((m = UFW_DEFAULT_RE.exec(text))) return rule(n, 'ufw', m[1].toLowerCase() as FirewallAction, 0, '', true);
    if ((m = UFW_RULE_RE.exec(text)) && m[3] !== 'OUT' && m[3] !== 'FWD') {
      const to = m[1].replace(/ on \S{1,32}$/, '').replace(/ \(v6\)$/, '');
      // The From column: `Anywhere [(v6)]`, or the addresses the rule is limited to.
      const from = text.slice(m.index + m[0].length).replace(/\s+#.{0,200}$/, '').trim();
      const action = scope(m[2].toLowerCase() as BaseAction, from !== '' && !/^anywhere\b/i.test(from));
      const p = UFW_PORTS_TO_RE.exec(to);
      if (/^anywhere(?:\/tcp)?$/i.test(to)) return rule(n, 'ufw', action, 0);
      if (p) {
        // A UDP-only rule neither lets SSH in nor keeps it out.
        if (p[3] && p[3].toLowerCase() !== 'tcp') return;
        return portsOf(p[2]).forEach((port) => rule(n, 'ufw', action, port, (p[4] ?? '').toLowerCase()));
      }
      if (UFW_APP_TO_RE.test(to)) return rule(n, 'ufw', action, SERVICE_PORTS[to.toLowerCase()] ?? null, to.toLowerCase());
      // An address without a port (`192.168.1.5`): every port to one address, not a rule by port.
      if (UFW_ADDRESS_TO_RE.test(to)) return rule(n, 'ufw', action, null);
      // Anything else only looked like a ufw rule (an iptables LOG prefix `[UFW LIMIT BLOCK]`).
    }
    // firewalld
    if ((m = FIREWALLD_STATE_RE.exec(text))) return status(n, 'firewalld', m[1] === 'running');
    if (FIREWALLD_NOT_RUNNING_RE.test(text)) return status(n, 'firewalld', false);
    if (FIREWALLD_ZONE_RE.test(text)) {
      inFirewalldZone = true;
      return status(n, 'firewalld', true);
    }
    if ((m = FIREWALLD_FIELD_RE.exec(raw)) && inFirewalldZone) {
      const words = m[2].trim().split(/\s+/).filter(Boolean);
      if (m[1] === 'target') {
        const target = (words[0] ?? 'default').toLowerCase();
        const action: FirewallAction = target === 'accept' ? 'allow' : target === 'drop' ? 'drop' : 'reject';
        return rule(n, 'firewalld', action, 0, '', true);
      }
      for (const w of words) {
        if (m[1] === 'services') rule(n, 'firewalld', 'allow', SERVICE_PORTS[w.toLowerCase()] ?? null, w.toLowerCase());
        else if (/\/tcp$/i.test(w)) portsOf(w.replace(/\/tcp$/i, '')).forEach((p) => rule(n, 'firewalld', 'allow', p));
      }
      return;
    }
    if ((m = FIREWALLD_RICH_RE.exec(raw)) && inFirewalldZone) {
      const [, args, verdict, extra] = m;
      if (/forward-port|source-port|icmp-block|icmp-type|masquerade/.test(args)) return;
      const fromSome = /\bsource (?:NOT )?(?:address|ipset|mac)=/.test(args);
      const action = scope(verdict === 'accept' ? (/limit value/.test(extra) ? 'limit' : 'allow') : (verdict as BaseAction), fromSome);
      const service = /\bservice name="([^"]{1,64})"/.exec(args)?.[1];
      if (service) return rule(n, 'firewalld', action, SERVICE_PORTS[service.toLowerCase()] ?? null, service.toLowerCase());
      const port = /\bport port="?([\d-]{1,11})"? protocol="?(\w{1,10})"?/.exec(args);
      if (port && port[2].toLowerCase() !== 'tcp') return;
      if (port) return portsOf(port[1]).forEach((p) => rule(n, 'firewalld', action, p));
      // By address only (`source address="…" drop`): every port, for those callers.
      return rule(n, 'firewalld', action, fromSome ? 0 : null);
    }
    // iptables -S
    if ((m = IPT_POLICY_RE.exec(text))) {
      if (m[1] !== 'INPUT') return;
      status(n, 'iptables', true);
      return rule(n, 'iptables', m[2] === 'ACCEPT' ? 'allow' : (m[2].toLowerCase() as FirewallAction), 0, '', true);
    }
    if ((m = IPT_RULE_RE.exec(text))) {
      out.recognised = true;
      if (helperChain(m[1]) || notInbound.has(m[1])) return;
      const args = m[2];
      const target = /(?:^|\s)-j (ACCEPT|DROP|REJECT)\b/.exec(args)?.[1];
      if (!target || /-i lo\b/.test(args)) return;
      // `--state NEW` / `--ctstate NEW` rules are the ones that let SSH in (or keep it out);
      // ESTABLISHED/RELATED/INVALID-only rules are about packets of connections already decided.
      const state = /(?:^|\s)(! )?--c?t?state (\S{1,80})/.exec(args);
      if (state && (state[1] || !/(?:^|,)NEW(?:,|$)/.test(state[2]))) return;
      // A rate limit (recent, hashlimit, limit, connlimit) drops only some connections: its DROP/REJECT
      // says nothing for sure, and its ACCEPT lets SSH in at a rate, as ufw's LIMIT does.
      const rateLimited = /-m (?:recent|hashlimit|limit|connlimit)\b/.test(args);
      if (rateLimited && target !== 'ACCEPT') return;
      const base: BaseAction = target === 'ACCEPT' ? (rateLimited ? 'limit' : 'allow') : (target.toLowerCase() as BaseAction);
      const fromSome = /\s-s (?!0\.0\.0\.0\/0\b|::\/0\b)\S|\s--src-range\s|--match-set \S{1,64} src\b/.test(` ${args}`);
      const action = scope(base, fromSome);
      const dport = /--dports? (\S{1,200})/.exec(args)?.[1];
      if (dport) return portsOf(dport).forEach((p) => rule(n, 'iptables', action, p));
      // Every port: a catch-all DROP/REJECT, or any rule for some sources only (a ban, an allow-list).
      if ((base !== 'allow' || fromSome) && !/\s-p (?!tcp\b)|--sport|-m (?!comment|state|conntrack|tcp\b|set\b|iprange\b)/.test(` ${args}`)) rule(n, 'iptables', action, 0);
      return;
    }
    // nft list ruleset
    if (NFT_TABLE_RE.test(text)) return status(n, 'nftables', true);
    if ((m = NFT_CHAIN_RE.exec(text))) {
      nftChainHook = '';
      nftHelperChain = helperChain(m[1]);
      return;
    }
    if ((m = NFT_HOOK_RE.exec(text))) {
      nftChainHook = m[1];
      const policy = NFT_POLICY_RE.exec(text)?.[1];
      if (policy && nftChainHook === 'input') rule(n, 'nftables', policy === 'accept' ? 'allow' : 'drop', 0, '', true);
      return;
    }
    if ((nftChainHook && nftChainHook !== 'input') || nftHelperChain) return;
    const verdict = /\b(accept|drop|reject)\b(?: with [\w -]{1,60})?\s*(?:comment "[^"]{0,200}")?\s*$/.exec(text)?.[1];
    if (!verdict || /\biifname? "?lo"?\b|\boif/.test(text)) return;
    // As with iptables: only a `ct state` that includes `new` decides whether SSH gets in.
    const ctState = /\bct state (!= )?(\{[^}]{0,120}\}|\S{1,80})/.exec(text);
    if (ctState && (ctState[1] || !/\bnew\b/.test(ctState[2]))) return;
    const rateLimited = /\blimit rate\b|\bmeter\b|\bct count\b/.test(text);
    if (rateLimited && verdict !== 'accept') return;
    const fromSome = /\b(?:ip6? )?saddr\b/.test(text);
    const action = scope(verdict === 'accept' ? (rateLimited ? 'limit' : 'allow') : (verdict as BaseAction), fromSome);
    const dport = /\b(?:tcp|th) dport (\{[^}]{1,300}\}|\S{1,40})/.exec(text)?.[1];
    if (dport) return portsOf(dport.replace(/[{}]/g, '')).forEach((p) => rule(n, 'nftables', action, p));
    if (fromSome ? !/\b(?:udp|sport|icmpv?6?)\b/.test(text) : verdict !== 'accept' && /^\s{0,24}(?:counter(?: packets \d+ bytes \d+)? )?(?:drop|reject)\b/.test(text)) rule(n, 'nftables', action, 0);
  });
  out.recognised ||= out.statuses.length > 0 || out.rules.length > 0;
  return out;
}

/**
 * Chains that do not decide whether a new SSH connection gets in: other directions, and ufw's own
 * helper chains (`ufw-user-limit` rejects only callers over the LIMIT rate, `ufw-before-logging`
 * only logs). The same names whether iptables -S or nft list ruleset prints them.
 */
const helperChain = (name: string) => /OUTPUT|FORWARD|ROUTING|output|forward|route|before|after|logging|limit/.test(name) && !/user-input/.test(name);

/**
 * iptables chains the paste shows being jumped to, but never from INPUT or a chain INPUT reaches:
 * Oracle Cloud's `InstanceServices` (`-A OUTPUT -d 169.254.0.0/16 -j InstanceServices`) rejects
 * and accepts ports of the metadata services on the way out, not SSH coming in. A chain with no
 * jump in the paste may be reached from a part not pasted, and stays inbound.
 */
function chainsOutsideInput(lines: readonly string[]): Set<string> {
  const from = new Map<string, string[]>();
  for (const raw of lines) {
    const m = IPT_RULE_RE.exec(raw.trim());
    const to = m && /(?:^|\s)-[jg] (\S{1,64})/.exec(m[2])?.[1];
    if (!m || !to || /^(?:ACCEPT|DROP|REJECT|RETURN|LOG|MASQUERADE|DNAT|SNAT|MARK|CT|NFLOG|TCPMSS)$/.test(to)) continue;
    from.set(to, [...(from.get(to) ?? []), m[1]]);
  }
  const inbound = new Set(['INPUT']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [to, sources] of from) {
      if (inbound.has(to) || !sources.some((c) => inbound.has(c))) continue;
      inbound.add(to);
      grew = true;
    }
  }
  return new Set([...from.keys()].filter((c) => !inbound.has(c)));
}

/** `22`, `22,80`, `{ 22, 2222 }`, `ssh`; a range (`1000:2000`, `20-30`) counts only as 22 when it covers 22. */
function portsOf(spec: string): number[] {
  const out: number[] = [];
  // `nft -S` quotes service names: `{ "ssh", "http" }`.
  for (const part of spec.replace(/"/g, '').split(/[,\s]+/).slice(0, 64)) {
    if (!part) continue;
    const named = SERVICE_PORTS[part.toLowerCase()];
    if (named) out.push(named);
    else if (/^\d{1,5}$/.test(part)) out.push(Number(part));
    else {
      const range = /^(\d{1,5})[:-](\d{1,5})$/.exec(part);
      if (range && Number(range[1]) <= 22 && Number(range[2]) >= 22) out.push(22);
    }
  }
  return out.filter((p) => p > 0 && p < 65536);
}
