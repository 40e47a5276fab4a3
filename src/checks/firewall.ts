/**
 * Host firewall state from `ufw status [verbose]`, `firewall-cmd --state` / `--list-all`,
 * `nft list ruleset` and `iptables -S`: whether the firewall is on, its inbound rules by port
 * and its default policies. Outbound and forwarding rules are skipped: only inbound SSH matters
 * here. Input: bounded lines from prepareInput.
 */

export type FirewallTool = 'ufw' | 'firewalld' | 'nftables' | 'iptables';
export type FirewallAction = 'allow' | 'deny' | 'reject' | 'drop' | 'limit';

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
  /** A named service (`ssh`, `openssh`), or '' for a rule by port. */
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
// `22/tcp  ALLOW IN  Anywhere`, `OpenSSH (v6)  ALLOW  Anywhere (v6)`, `2222  DENY IN  203.0.113.0/24`.
// `ufw status numbered` prefixes `[ 1] `.
const UFW_RULE_RE = /^(?:\[\s{0,3}\d{1,4}\]\s{1,4})?(\S{1,80}(?: on \S{1,32})?)(?: \(v6\))?\s{2,40}(ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT|FWD))?(?:\s|$)/;
const FIREWALLD_STATE_RE = /^(running|not running)\s*$/;
const FIREWALLD_NOT_RUNNING_RE = /^FirewallD is not running\s*$/i;
const FIREWALLD_ZONE_RE = /^\S{1,64} \(active\)\s*$/;
const FIREWALLD_FIELD_RE = /^\s{1,8}(services|ports|target):\s?(.{0,2000})$/;
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
  let inFirewalldZone = false;
  let nftChainHook = '';
  lines.forEach((raw, i) => {
    const n = i + 1;
    const text = raw.trimEnd();
    let m: RegExpExecArray | null;
    // ufw
    if ((m = UFW_STATUS_RE.exec(text))) return status(n, 'ufw', m[1].toLowerCase() === 'active');
    if ((m = UFW_DEFAULT_RE.exec(text))) return rule(n, 'ufw', m[1].toLowerCase() as FirewallAction, 0, '', true);
    if ((m = UFW_RULE_RE.exec(text)) && m[3] !== 'OUT' && m[3] !== 'FWD') {
      const to = m[1].replace(/ on \S+$/, '');
      const action = m[2].toLowerCase() as FirewallAction;
      if (/^anywhere$/i.test(to)) return rule(n, 'ufw', action, 0);
      const ports = portsOf(to.replace(/\/(tcp|udp)$/i, ''));
      if (ports.length) return ports.forEach((p) => rule(n, 'ufw', action, p));
      return rule(n, 'ufw', action, SERVICE_PORTS[to.toLowerCase()] ?? null, to.toLowerCase());
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
    // iptables -S
    if ((m = IPT_POLICY_RE.exec(text))) {
      if (m[1] !== 'INPUT') return;
      status(n, 'iptables', true);
      return rule(n, 'iptables', m[2] === 'ACCEPT' ? 'allow' : (m[2].toLowerCase() as FirewallAction), 0, '', true);
    }
    if ((m = IPT_RULE_RE.exec(text))) {
      out.recognised = true;
      if (/OUTPUT|FORWARD|ROUTING|output|forward|route|before|after|logging|limit/.test(m[1]) && !/user-input/.test(m[1])) return;
      const args = m[2];
      const target = /(?:^|\s)-j (ACCEPT|DROP|REJECT)\b/.exec(args)?.[1];
      if (!target || /--c?t?state\s|-i lo\b|--ctstate\s/.test(args)) return;
      const action: FirewallAction = target === 'ACCEPT' ? 'allow' : (target.toLowerCase() as FirewallAction);
      const dport = /--dports? (\S{1,200})/.exec(args)?.[1];
      if (dport) return portsOf(dport).forEach((p) => rule(n, 'iptables', action, p));
      if (action !== 'allow' && !/\s-[sp] (?!tcp\b)|--sport|-m (?!comment)/.test(` ${args}`)) rule(n, 'iptables', action, 0);
      return;
    }
    // nft list ruleset
    if (NFT_TABLE_RE.test(text)) return status(n, 'nftables', true);
    if ((m = NFT_CHAIN_RE.exec(text))) {
      nftChainHook = '';
      return;
    }
    if ((m = NFT_HOOK_RE.exec(text))) {
      nftChainHook = m[1];
      const policy = NFT_POLICY_RE.exec(text)?.[1];
      if (policy && nftChainHook === 'input') rule(n, 'nftables', policy === 'accept' ? 'allow' : 'drop', 0, '', true);
      return;
    }
    if (nftChainHook && nftChainHook !== 'input') return;
    const verdict = /\b(accept|drop|reject)\b(?: with [\w -]{1,60})?\s*(?:comment "[^"]{0,200}")?\s*$/.exec(text)?.[1];
    if (!verdict || /\bct state\b|\biifname? "?lo"?\b|\boif/.test(text)) return;
    const action: FirewallAction = verdict === 'accept' ? 'allow' : (verdict as FirewallAction);
    const dport = /\b(?:tcp|th) dport (\{[^}]{1,300}\}|\S{1,40})/.exec(text)?.[1];
    if (dport) return portsOf(dport.replace(/[{}]/g, '')).forEach((p) => rule(n, 'nftables', action, p));
    if (action !== 'allow' && /^\s{0,24}(?:counter(?: packets \d+ bytes \d+)? )?(?:drop|reject)\b/.test(text)) rule(n, 'nftables', action, 0);
  });
  out.recognised ||= out.statuses.length > 0 || out.rules.length > 0;
  return out;
}

/** `22`, `22,80`, `{ 22, 2222 }`, `ssh`; a range (`1000:2000`, `20-30`) counts only as 22 when it covers 22. */
function portsOf(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(/[,\s]+/).slice(0, 64)) {
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
