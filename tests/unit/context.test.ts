/**
 * The SSH-context test for `shared` wordings (src/matcher/context.ts), on a small synthetic rule
 * set so the cases do not depend on article content: a shared hit must route a paste that shows
 * it is about SSH (ssh's own words, Ansible's UNREACHABLE from an SSH plugin, and, with the real
 * catalog, git's line for a remote it could not read, translated or not) and nothing else
 * (kubectl, database drivers, pip, curl, WinRM, git over HTTPS).
 */
import { describe, expect, it } from 'vitest';
import { createMatcher, type Rule } from '../../src/matcher/index.ts';
import { SSH_CONTEXT_RE } from '../../src/matcher/context.ts';
import { loadRules } from '../../src/catalog/rules.ts';

function rule(p: Partial<Rule> & { id: string; messages: string[] }): Rule {
  return { title: p.id, stage: 'connect', stageRank: 1, kind: 'error', outranks: [], ...p };
}

const RULES: Rule[] = [
  rule({
    id: 'refused',
    messages: ['ssh: connect to host {host} port {port}: Connection refused'],
    shared: ['[Errno 111] Verbindungsaufbau abgelehnt', '[Errno 111] Connection refused', '[WinError 10061] 由于目标计算机积极拒绝，无法连接', 'dial tcp {addr}:{port}: connect: connection refused'],
  }),
  rule({ id: 'resolve', messages: ['Could not resolve hostname {host}: {text}'], shared: ['[Errno -2] Der Name oder der Dienst ist nicht bekannt'] }),
  rule({ id: 'unreach', messages: ['ssh: connect to host {host} port {port}: No route to host'], shared: ['[Errno 113] Keine Route zum Zielrechner'] }),
  rule({ id: 'repo', stage: 'session', stageRank: 8, messages: ['ERROR: Repository not found.'], shared: ['Gitea: Unauthorized'] }),
];
const m = createMatcher(RULES);
const best = (s: string) => m.match(s).best?.id ?? null;

const GIT_TAIL = '\n\nPlease make sure you have the correct access rights\nand the repository exists.';

// git's closing line is an SSH-only template of the git-could-not-read-from-remote article, in
// English and in git's translations: with the real catalog, it is what lets a Git host's shared
// wording count, and over HTTPS (where git never prints it) the same wording gives no answer.
describe("git's line for a remote it could not read (real catalog)", () => {
  const catalog = createMatcher(loadRules());
  const route = (s: string) => catalog.match(s).best?.id ?? null;
  const cases: [string, string][] = [
    ['en', 'fatal: Could not read from remote repository.'],
    ['de', 'Schwerwiegend: Konnte nicht vom Remote-Repository lesen.'],
    ['fr, non-breaking space before the colon', 'fatal\u00a0: Impossible de lire le dépôt distant.'],
    ['ru', 'fatal: Не удалось прочитать из внешнего репозитория.'],
    ['zh_CN, full-width colon', '致命错误：无法读取远程仓库。'],
  ];
  for (const [lang, line] of cases) {
    it(`lets a Git host's shared wording count (${lang})`, () => {
      expect(route(`Gitea: Unauthorized\n${line}${GIT_TAIL}`)).toBe('git-repository-access-denied');
    });
  }
  it('is absent over HTTPS, so the same wording there gives no answer', () => {
    expect(route("Gitea: Unauthorized\nfatal: repository 'https://git.example.org/a/b.git/' not found")).toBeNull();
    expect(route("Gitea: Unauthorized\nfatal: unable to access 'https://git.example.org/a/b.git/': The requested URL returned error: 403")).toBeNull();
  });
});

describe("Ansible's UNREACHABLE", () => {
  const json = (msg: string) => `fatal: [db1]: UNREACHABLE! => {"changed": false, "msg": "${msg}", "unreachable": true}`;
  it('counts for the paramiko plugin, whose msg is only the socket error', () => {
    expect(best(json('[Errno -2] Der Name oder der Dienst ist nicht bekannt'))).toBe('resolve');
  });
  it('counts with the yaml callback, msg on a line of its own', () => {
    expect(best("fatal: [db1]: UNREACHABLE! => changed=false\n  msg: '[Errno 113] Keine Route zum Zielrechner'\n  unreachable: true")).toBe('unreach');
  });
  it('does not count for WinRM or PSRP (HTTP on 5985/5986), in either output format', () => {
    expect(best(json("ntlm: HTTPSConnectionPool(host='10.0.4.20', port=5986): Max retries exceeded with url: /wsman (Caused by NewConnectionError('Failed to establish a new connection: [Errno 111] Verbindungsaufbau abgelehnt'))"))).toBeNull();
    expect(best("fatal: [w1]: UNREACHABLE! => changed=false\n  msg: 'psrp: Failed to connect: [Errno 113] Keine Route zum Zielrechner'")).toBeNull();
  });
  it('does not count for the container plugins', () => {
    expect(best(json('docker: [Errno 111] Verbindungsaufbau abgelehnt'))).toBeNull();
    expect(best(json('kubectl exec failed: [Errno 111] Verbindungsaufbau abgelehnt'))).toBeNull();
  });
});

describe('text of other programs stays unrouted', () => {
  it('kubectl, a database driver, pip, requests on Windows, curl', () => {
    expect(best('The connection to the server 10.96.0.1:6443 was refused\nError from server: dial tcp 10.96.0.1:6443: connect: connection refused')).toBeNull();
    expect(best('sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2003, "Can\'t connect to MySQL server on \'db\' ([Errno 111] Verbindungsaufbau abgelehnt)")')).toBeNull();
    expect(best("WARNING: Retrying after connection broken by 'NewConnectionError(Failed to establish a new connection: [Errno -2] Der Name oder der Dienst ist nicht bekannt)': /simple/requests/")).toBeNull();
    expect(best("requests.exceptions.ConnectionError: HTTPConnectionPool(host='127.0.0.1', port=8000): Max retries exceeded (Caused by NewConnectionError('Failed to establish a new connection: [WinError 10061] 由于目标计算机积极拒绝，无法连接。'))")).toBeNull();
    expect(best('curl: (7) Failed to connect to localhost port 8080 after 0 ms: Verbindungsaufbau abgelehnt')).toBeNull();
  });
  it('a time whose seconds are 22 is not port 22', () => {
    const log = 'I get... localhost port 9050: Connection refused\n-- Logs begin at Wed 2021-02-10 01:17:01 UTC, end at Wed 2021-02-10 01:34:22 UTC. --';
    expect(best(log)).toBeNull();
    expect(best('I get... localhost port 9050: Connection refused\nthe box at 10.0.0.5:22 answers')).toBe('refused');
  });
});

describe('words that name SSH', () => {
  it("the kinds of forwarding only SSH has name it; a router's port forwarding does not", () => {
    for (const s of ['local port forwarding disabled on server', 'X11 forwarding does not work', 'agent forwarding is off', 'AllowTcpForwarding no', 'remote port forwarding refused'])
      expect(SSH_CONTEXT_RE.test(s), s).toBe(true);
    for (const s of ['router port forwarding disabled', 'forwarding table full', 'NAT port forwarding on my modem'])
      expect(SSH_CONTEXT_RE.test(s), s).toBe(false);
  });
});

describe('cost', () => {
  it('tests each original line once, however many lines its escapes split it into', () => {
    // 50,000 escaped line breaks in one JSON line: a test per normalised line would re-read the
    // whole 400 kB original 50,000 times.
    const line = `{"msg": "[Errno 111] Verbindungsaufbau abgelehnt${'x\\r\\n'.repeat(50_000)}"}`;
    expect(best(line)).toBeNull();
  });
});
