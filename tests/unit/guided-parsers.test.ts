/**
 * The command-output parsers the guided checks read through (src/checks/), on the output forms
 * the verdict fixtures of the three filled articles don't cover: BSD/Windows netstat, ufw
 * numbered, nft rulesets, iptables multiport, dig/nslookup/host, journal prefixes.
 */
import { describe, expect, it } from 'vitest';
import { prepareInput } from '../../src/checks/input.ts';
import { parseFirewall } from '../../src/checks/firewall.ts';
import { parseJournal } from '../../src/checks/journal.ts';
import { parseListeners } from '../../src/checks/listeners.ts';
import { parseResolve } from '../../src/checks/resolve.ts';
import { parseSystemdStatus } from '../../src/checks/systemd-status.ts';

const lines = (text: string) => prepareInput(text).lines;

describe('listeners', () => {
  it('reads macOS and Windows netstat -an', () => {
    const mac = parseListeners(lines('Active Internet connections (including servers)\nProto Recv-Q Send-Q  Local Address          Foreign Address        (state)\ntcp4       0      0  *.22                   *.*                    LISTEN\ntcp6       0      0  ::1.631                *.*                    LISTEN'));
    expect(mac.listeners.map((l) => [l.port, l.address])).toEqual([[22, '*'], [631, '::1']]);
    const win = parseListeners(lines('  Proto  Local Address          Foreign Address        State\n  TCP    0.0.0.0:22             0.0.0.0:0              LISTENING\n  TCP    [::]:22                [::]:0                 LISTENING'));
    expect(win.listeners.map((l) => [l.port, l.address])).toEqual([[22, '0.0.0.0'], [22, '::']]);
  });

  it('ignores non-listening sockets and names that only look like addresses', () => {
    const r = parseListeners(lines('ESTAB 0 0 10.0.0.5:22 198.51.100.7:51022 users:(("sshd",pid=9,fd=4))\nLISTEN tcp:2 port 2'));
    expect(r.listeners).toEqual([]);
  });
});

describe('firewall', () => {
  it('reads ufw numbered, nft rulesets and iptables multiport', () => {
    const ufw = parseFirewall(lines('Status: active\n\n     To                         Action      From\n     --                         ------      ----\n[ 1] 22/tcp                     LIMIT IN    Anywhere\n[ 2] 80/tcp                     ALLOW OUT   Anywhere (out)'));
    expect(ufw.rules.map((r) => [r.action, r.port])).toEqual([['limit', 22]]);
    const nft = parseFirewall(
      lines(
        'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t\tiif "lo" accept\n\t\ttcp dport { 22, 443 } accept\n\t\tcounter packets 10 bytes 600 reject with icmpx type port-unreachable\n\t}\n\tchain output {\n\t\ttype filter hook output priority filter; policy accept;\n\t\ttcp dport 25 drop\n\t}\n}',
      ),
    );
    expect(nft.statuses).toEqual([{ line: 1, tool: 'nftables', active: true }]);
    expect(nft.rules.map((r) => [r.action, r.port, r.policy])).toEqual([['drop', 0, true], ['allow', 22, false], ['allow', 443, false], ['reject', 0, false]]);
    const ipt = parseFirewall(lines('-P INPUT DROP\n-A INPUT -p tcp -m multiport --dports 22,2222 -j ACCEPT\n-A OUTPUT -p tcp --dport 22 -j DROP'));
    expect(ipt.rules.map((r) => [r.action, r.port, r.policy])).toEqual([['drop', 0, true], ['allow', 22, false], ['allow', 2222, false]]);
  });

  it("skips iptables chains reached only from OUTPUT (Oracle's InstanceServices), not chains whose jump is not pasted", () => {
    const oci = parseFirewall(
      lines(
        '-P INPUT ACCEPT\n-N InstanceServices\n-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT\n-A INPUT -j REJECT --reject-with icmp-host-prohibited\n' +
          '-A OUTPUT -d 169.254.0.0/16 -j InstanceServices\n-A InstanceServices -d 169.254.169.254/32 -p tcp -m tcp --dport 80 -j ACCEPT\n-A InstanceServices -d 169.254.0.0/16 -p tcp -m tcp -j REJECT --reject-with tcp-reset',
      ),
    );
    expect(oci.rules.map((r) => [r.action, r.port])).toEqual([['allow', 0], ['allow', 22], ['reject', 0]]);
    const quoted = parseFirewall(lines('table inet filter {\n  chain input {\n    type filter hook input priority filter; policy drop;\n    tcp dport { "ssh", "http" } accept\n  }\n}'));
    expect(quoted.rules.map((r) => [r.action, r.port])).toEqual([['drop', 0], ['allow', 22], ['allow', 80]]);
    const partial = parseFirewall(lines('-A my-ssh -p tcp --dport 2222 -j ACCEPT'));
    expect(partial.rules.map((r) => [r.action, r.port])).toEqual([['allow', 2222]]);
  });

  it('reads ufw verbose application rules, addresses, ranges and long To columns', () => {
    // Captured from ufw 0.36.2: verbose prints `PORTS/PROTO (APP)`; a To of 26+ characters is
    // followed by a single space.
    const ufw = parseFirewall(
      lines(
        [
          'Status: active',
          'Default: deny (incoming), allow (outgoing), disabled (routed)',
          '22/tcp (OpenSSH)           ALLOW IN    Anywhere                  ',
          '22/tcp (OpenSSH (v6))      ALLOW IN    Anywhere (v6)             ',
          '2001:db8::1 22/tcp (OpenSSH) ALLOW IN    Anywhere (v6)             ',
          '192.168.1.5 22/tcp         LIMIT IN    Anywhere                  ',
          '80,443/tcp (v6) on eth0    ALLOW IN    Anywhere (v6)             ',
          '60000:61000/udp            ALLOW IN    Anywhere                  ',
          '22/udp                     DENY IN     Anywhere                  ',
          'Nginx Full                 ALLOW       Anywhere                  ',
          '10.0.0.5                   DENY IN     Anywhere                  ',
          'Anywhere                   DENY IN     198.51.100.23             ',
        ].join('\n'),
      ),
    );
    expect(ufw.rules.map((r) => [r.line, r.action, r.port, r.service])).toEqual([
      [2, 'deny', 0, ''],
      [3, 'allow', 22, 'openssh'],
      [4, 'allow', 22, 'openssh'],
      [5, 'allow', 22, 'openssh'],
      [6, 'limit', 22, ''],
      [7, 'allow', 80, ''],
      [7, 'allow', 443, ''],
      [10, 'allow', null, 'nginx full'],
      [11, 'deny', null, ''],
      [12, 'deny-from', 0, ''],
    ]);
    // ufw's LIMIT chain printed by nft rejects only callers over the rate: not a reject-all rule.
    const nft = parseFirewall(lines(['table ip filter {', '\tchain ufw-user-limit {', '\t\tlimit rate 3/minute burst 5 packets counter packets 0 bytes 0 log prefix "[UFW LIMIT BLOCK] "', '\t\tcounter packets 0 bytes 0 reject', '\t}', '}'].join('\n')));
    expect(nft.rules).toEqual([]);
    // An iptables LOG prefix only looks like a ufw rule.
    const log = parseFirewall(lines('-A ufw-user-limit -m limit --limit 3/min -j LOG --log-prefix "[UFW LIMIT BLOCK] "'));
    expect(log.rules).toEqual([]);
  });

  it('marks a rule limited to some source addresses: it lets in, or keeps out, only those callers', () => {
    const ufw = parseFirewall(lines('Status: active\nDefault: reject (incoming), allow (outgoing)\n22/tcp                     ALLOW IN    10.0.0.0/8\n80/tcp                     ALLOW IN    Anywhere'));
    expect(ufw.rules.map((r) => [r.action, r.port])).toEqual([['reject', 0], ['allow-from', 22], ['allow', 80]]);
    const ipt = parseFirewall(lines('-P INPUT ACCEPT\n-A INPUT -s 203.0.113.5/32 -j DROP\n-A INPUT -m set --match-set crowdsec-blacklists src -j DROP\n-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 0.0.0.0/0 -p tcp --dport 80 -j ACCEPT'));
    expect(ipt.rules.map((r) => [r.action, r.port])).toEqual([['allow', 0], ['drop-from', 0], ['drop-from', 0], ['allow-from', 22], ['allow', 80]]);
    const nft = parseFirewall(lines('table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t\tip saddr 203.0.113.5 drop\n\t\tip saddr 10.0.0.0/8 tcp dport 22 accept\n\t}\n}'));
    expect(nft.rules.map((r) => [r.action, r.port])).toEqual([['allow', 0], ['drop-from', 0], ['allow-from', 22]]);
    const fwd = parseFirewall(lines('public (active)\n  target: default\n  services: dhcpv6-client\n  rich rules: \n        rule family="ipv4" source address="10.0.0.0/8" service name="ssh" accept\n        rule family="ipv4" source address="198.51.100.9" drop'));
    expect(fwd.rules.map((r) => [r.action, r.port])).toEqual([['reject', 0], ['allow', null], ['allow-from', 22], ['drop-from', 0]]);
    // firewalld 2.1+ marks the default zone in the header.
    const fwd21 = parseFirewall(lines('public (default, active)\n  target: default\n  services: dhcpv6-client ssh'));
    expect(fwd21.recognised).toBe(true);
    expect(fwd21.rules.map((r) => [r.action, r.port])).toEqual([['reject', 0], ['allow', null], ['allow', 22]]);
  });

  it('reads iptables and nft rules that match on connection state NEW', () => {
    const ipt = parseFirewall(
      lines(
        [
          '-P INPUT ACCEPT',
          '-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT',
          '-A INPUT -m conntrack --ctstate INVALID -j DROP',
          '-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT',
          '-A INPUT -p tcp -m tcp --dport 2222 -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT',
          '-A INPUT -p tcp -m tcp --dport 80 -m conntrack ! --ctstate NEW -j DROP',
          '-A INPUT -m conntrack --ctstate NEW -j DROP',
          '-A INPUT -j REJECT --reject-with icmp-host-prohibited',
        ].join('\n'),
      ),
    );
    expect(ipt.rules.map((r) => [r.line, r.action, r.port])).toEqual([[1, 'allow', 0], [4, 'allow', 22], [5, 'allow', 2222], [7, 'drop', 0], [8, 'reject', 0]]);
    // A rate limit's DROP/REJECT decides nothing for sure; its ACCEPT is a LIMIT, as in ufw.
    const limited = parseFirewall(
      lines(
        [
          '-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -m recent --update --seconds 60 --hitcount 4 --name DEFAULT --mask 255.255.255.255 --rsource -j REJECT --reject-with icmp-port-unreachable',
          '-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -m limit --limit 3/min -j ACCEPT',
        ].join('\n'),
      ),
    );
    expect(limited.rules.map((r) => [r.action, r.port])).toEqual([['limit', 22]]);
    const nft = parseFirewall(
      lines(
        'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t\tct state invalid drop\n\t\tct state { established, related } accept\n\t\ttcp dport 22 ct state new accept\n\t\tct state new tcp dport { 80, 443 } accept\n\t\ttcp dport 2222 ct state new limit rate 4/minute accept\n\t\treject\n\t}\n}',
      ),
    );
    expect(nft.rules.map((r) => [r.line, r.action, r.port, r.policy])).toEqual([
      [3, 'allow', 0, true],
      [6, 'allow', 22, false],
      [7, 'allow', 80, false],
      [7, 'allow', 443, false],
      [8, 'limit', 2222, false],
      [9, 'reject', 0, false],
    ]);
  });

  it('reads firewalld rich rules under --list-all', () => {
    // Layout from firewalld 1.3 (firewall/command.py print_zone_policy_info, core/rich.py).
    const fw = parseFirewall(
      lines(
        [
          'public (active)',
          '  target: default',
          '  services: cockpit dhcpv6-client',
          '  ports: ',
          '  rich rules: ',
          '\trule family="ipv4" source address="10.0.0.0/8" service name="ssh" accept',
          '\trule family="ipv4" source address="192.0.2.0/24" port port="2222" protocol="tcp" accept limit value="3/m"',
          '\trule family="ipv4" source address="198.51.100.23" reject type="icmp-port-unreachable"',
          '\trule family="ipv4" port port="60000-61000" protocol="udp" accept',
          '\trule family="ipv4" forward-port port="80" protocol="tcp" to-port="8080"',
        ].join('\n'),
      ),
    );
    expect(fw.rules.map((r) => [r.line, r.action, r.port, r.service])).toEqual([
      [2, 'reject', 0, ''],
      [3, 'allow', null, 'cockpit'],
      [3, 'allow', null, 'dhcpv6-client'],
      [6, 'allow-from', 22, 'ssh'],
      [7, 'limit-from', 2222, ''],
      [8, 'reject-from', 0, ''],
    ]);
  });

  it('reads firewall-cmd --state', () => {
    expect(parseFirewall(lines('not running')).statuses).toEqual([{ line: 1, tool: 'firewalld', active: false }]);
  });
});

describe('resolve', () => {
  it('reads dig, dig +short, nslookup and host', () => {
    const dig = parseResolve(lines(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242\n;; ANSWER SECTION:\nweb1.example.com.\t300\tIN\tA\t10.0.1.25'));
    expect(dig.answers.map((a) => [a.name, a.address, a.scope])).toEqual([['web1.example.com', '10.0.1.25', 'private']]);
    expect(parseResolve(lines(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1')).failures).toEqual([{ line: 1, status: 'nxdomain' }]);
    expect(parseResolve(lines('203.0.113.10\n')).answers[0]).toMatchObject({ address: '203.0.113.10', scope: 'public' });
    const ns = parseResolve(lines('Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\nNon-authoritative answer:\nName:\tweb1.example.com\nAddress: 203.0.113.10'));
    expect(ns.answers.map((a) => a.address)).toEqual(['203.0.113.10']);
    expect(parseResolve(lines("** server can't find nope.example: NXDOMAIN")).failures[0].status).toBe('nxdomain');
    expect(parseResolve(lines('web1.example.com has IPv6 address 2001:db8::5')).answers[0]).toMatchObject({ family: 'ipv6' });
    expect(parseResolve(lines('Host nope.example not found: 3(NXDOMAIN)')).failures[0].status).toBe('nxdomain');
  });
});

describe('systemctl and journal', () => {
  it('reads a unit whose header was not pasted, and program tags with ISO timestamps', () => {
    const s = parseSystemdStatus(lines('     Loaded: masked (Reason: Unit ssh.service is masked.)\n     Active: inactive (dead)'));
    expect(s.units).toEqual([{ line: 2, unit: '', loaded: 'masked', enabled: '', active: 'inactive', sub: 'dead' }]);
    // Outside a UTF-8 locale systemd marks a failed unit with an ASCII `x`.
    const ascii = parseSystemdStatus(lines('x ssh.service - OpenBSD Secure Shell server\n     Loaded: loaded (/lib/systemd/system/ssh.service; enabled; preset: enabled)\n     Active: failed (Result: exit-code) since Mon 2026-12-07 10:00:00 UTC; 2min ago'));
    expect(ascii.units[0]).toMatchObject({ unit: 'ssh.service', active: 'failed' });
    const j = parseJournal(lines('2026-12-07T10:02:12+0000 web1 sshd-session[48213]: Connection closed by authenticating user deploy 198.51.100.7 port 51022 [preauth]'));
    expect(j.entries).toEqual([{ line: 1, program: 'sshd-session' }]);
  });
});
