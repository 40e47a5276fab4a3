/**
 * How the matcher copes with pastes as people post them (issue #12's classes), on a small
 * synthetic rule set so the behaviour, not article content, is under test: masked values,
 * messages without their prefix or cut short, several tries in one paste, tools' summaries,
 * retyped text, and a known line with an unknown ending.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher, normalize, NOTICES, type Rule } from '../../src/matcher/index.ts';

let n = 0;
function rule(p: Partial<Rule> & { messages: string[] }): Rule {
  const id = p.id ?? `rule-${++n}`;
  return { id, title: p.title ?? id, stage: 'auth', stageRank: 6, kind: 'error', outranks: [], ...p };
}

const RULES: Rule[] = [
  rule({
    id: 'refused',
    title: 'Connection refused',
    stage: 'connect',
    stageRank: 1,
    messages: ['ssh: connect to host {host} port {port}: Connection refused'],
  }),
  rule({
    id: 'timed-out',
    title: 'Connection timed out',
    stage: 'connect',
    stageRank: 1,
    messages: ['ssh: connect to host {host} port {port}: Connection timed out'],
    stalls: ['Connecting to {host} [{addr}] port {port}.', 'expecting SSH2_MSG_KEX_ECDH_REPLY'],
  }),
  rule({
    id: 'other-errno',
    title: 'Connect failed',
    stage: 'connect',
    stageRank: 1,
    messages: ['ssh: connect to host {host} port {port}: Cannot assign requested address'],
    guesses: ['ssh: connect to host {host} port {port}: {text}'],
  }),
  rule({ id: 'closed-old', title: 'Connection closed (OpenSSH before 7.2)', stage: 'kex', stageRank: 3, messages: ['Connection closed by {addr}'] }),
  rule({ id: 'resolve', title: 'Could not resolve hostname', stage: 'connect', stageRank: 1, messages: ['ssh: Could not resolve hostname {host}: Name or service not known'] }),
  rule({ id: 'denied', title: 'Permission denied (publickey)', messages: ['{user}@{host}: Permission denied ({list}).'] }),
  rule({ id: 'kex', title: 'No matching key exchange', stage: 'kex', stageRank: 3, messages: ['Unable to negotiate with {host} port {port}: no matching key exchange method found. Their offer: {list}'] }),
  rule({ id: 'cipher', title: 'No matching cipher', stage: 'kex', stageRank: 3, messages: ['Unable to negotiate with {host} port {port}: no matching cipher found. Their offer: {list}'] }),
  rule({ id: 'identity', title: 'Identity file not accessible', stage: 'client-config', stageRank: 0, messages: ['Warning: Identity file {path} not accessible'] }),
  rule({ id: 'changed', title: 'Remote host identification has changed', stage: 'hostkey', stageRank: 5, messages: ['WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!'] }),
  rule({ id: 'added', title: 'Permanently added', stage: 'hostkey', stageRank: 5, kind: 'info', messages: ["Warning: Permanently added '{host}' ({alg}) to the list of known hosts."] }),
  rule({ id: 'jsch-password', title: 'Permission denied, please try again', messages: ["Auth fail for methods 'publickey,password'"] }),
  rule({ id: 'jsch-publickey', title: 'Auth fail for the key', messages: ["Auth fail for methods 'publickey'"] }),
  rule({ id: 'password', title: 'Permission denied, please try again', messages: ['Permission denied, please try again.'], prompts: ["{user}@{host}'s password:"], promptClaims: ['denied'] }),
  rule({ id: 'hostkey-failed', title: 'Host key verification failed', stage: 'hostkey', stageRank: 5, messages: ['Host key verification failed.'] }),
  rule({ id: 'sftp-start', title: 'SFTP session did not start', stage: 'session', stageRank: 8, messages: ['unable to start the sftp session, error: error receiving version packet from server: server unexpectedly closed connection'] }),
  rule({ id: 'no-client', title: 'ssh: command not found', stage: 'client-config', stageRank: 0, messages: ['ssh: command not found', "'ssh' is not recognized as an internal or external command"] }),
  rule({ id: 'no-such-file', title: 'No such file', stage: 'session', stageRank: 8, messages: ['scp: {path}: No such file or directory'] }),
  rule({ id: 'no-mutual-sig', title: 'No common signature algorithm', messages: ['ssh: no common public key signature algorithm, server only supports {text}'] }),
  rule({ id: 'sftp-denied', title: 'SFTP permission denied', stage: 'session', stageRank: 8, messages: ['SftpPermissionDeniedException: Permission denied'] }),
  rule({ id: 'forward-in-use', title: 'bind: Address already in use', stage: 'forwarding', stageRank: 9, messages: ['bind [{addr}]:{port}: Address already in use'] }),
  rule({ id: 'server-in-use', title: 'sshd: Address already in use', stage: 'server-log', stageRank: 10, messages: ['Bind to port {port} on {addr} failed: Address already in use.'], shared: ['listen tcp {addr}: bind: address already in use'] }),
  rule({ id: 'dropbear-timeout', title: 'Connection timed out (Dropbear)', stage: 'connect', stageRank: 1, messages: ['exited: Connect failed: Connection timed out'] }),
  rule({ id: 'no-remote-rsync', title: 'rsync: connection unexpectedly closed', stage: 'session', stageRank: 8, messages: ['bash: rsync: command not found'] }),
  rule({ id: 'banner-reset', title: 'kex_exchange_identification: read: Connection reset by peer', stage: 'banner', stageRank: 2, messages: ['kex_exchange_identification: read: Connection reset by peer'] }),
  rule({ id: 'session-reset', title: 'Broken pipe', stage: 'session', stageRank: 8, messages: ['Read from remote host {host}: Connection reset by peer'] }),
  rule({ id: 'sshd-unit', title: 'sshd failed to start', stage: 'server-log', stageRank: 10, messages: ['Job for sshd.service failed because the control process exited with error code.'] }),
  rule({ id: 'unreachable', title: 'Ansible: host unreachable', stage: 'connect', stageRank: 1, kind: 'wrapper', messages: ['UNREACHABLE! =>'] }),
];
const m = createMatcher(RULES);
/** A matcher on RULES with some rules changed (by id) and others added: one test's variation of the set. */
const variant = (changes: Record<string, Partial<Rule>>, ...extra: Rule[]) => createMatcher([...RULES.map((r) => ({ ...r, ...changes[r.id] })), ...extra]);
const best = (s: string) => m.match(s).best;
const bestId = (s: string) => best(s)?.id ?? null;

describe('masked and redacted values', () => {
  it.each([
    ['CI secret masks', 'ssh: connect to host *** port ***: Connection refused'],
    ['hand redactions in brackets', 'ssh: connect to host <IP> port 22: Connection refused'],
    ['a redaction with spaces', 'ssh: connect to host <your server ip> port 22: Connection refused'],
    ['square-bracket redaction', 'ssh: connect to host [redacted] port 22: Connection refused'],
    ['x-ed out address and port', 'ssh: connect to host xxx.xxx.xxx.xxx port 3xx: Connection refused'],
    ['a shell variable', 'ssh: connect to host ${HOST} port $PORT: Connection refused'],
    ['a space before the colon', 'ssh: connect to host 10.0.0.1 port 22 : Connection refused'],
    ['Markdown-escaped angle brackets', String.raw`ssh: connect to host \<ip\> port 22: Connection refused`],
    ['Markdown-escaped square brackets', String.raw`ssh: connect to host \[redacted\] port 22: Connection refused`],
    ['Markdown-escaped asterisks', String.raw`ssh: connect to host \*\*\* port 22: Connection refused`],
  ])('%s', (_, paste) => {
    expect(best(paste)).toMatchObject({ id: 'refused', via: 'template', confidence: 0.97 });
  });
  it('a method name retyped as words inside the list', () => {
    expect(bestId('git@github.com: Permission denied (public key).')).toBe('denied');
    expect(bestId('me@h: Permission denied (Public Key, keyboard interactive).')).toBe('denied');
  });
  it('masks inside a path, and a masked user@host', () => {
    expect(bestId('Warning: Identity file /home/<myusername>/.ssh/id_rsa not accessible: Permission denied')).toBe('identity');
    expect(bestId('<user>@<server>: Permission denied (publickey).')).toBe('denied');
    expect(bestId('***@***: Permission denied (publickey).')).toBe('denied');
    expect(bestId(String.raw`\<user\>@\<server\>: Permission denied (publickey).`)).toBe('denied');
  });
  it('a mask is not a wildcard: a port is still digits or a mask', () => {
    // Not the message's template (0.97); at most a fragment of its last words.
    expect(best('ssh: connect to host h port abc: Connection refused')?.confidence ?? 0).toBeLessThan(0.9);
  });
  it('an address is an address or a mask, never a word', () => {
    for (const addr of ['192.168.64.3', 'fe80::1a7b:6a10:51d4:d0a5%en1', 'xxxxx', 'xxx.xxx.xxx.xxx', '<IP>', 'UNKNOWN', 'myserver.example.net']) {
      expect(bestId(`Connection closed by ${addr}`), addr).toBe('closed-old');
    }
    expect(bestId('Connection closed by remote host. Is borg working on the server?')).toBeNull();
    expect(bestId('Connection closed by foreign host.')).toBeNull();
  });
});

describe('messages without their prefix, cut short, or quoted', () => {
  it('a message without its prefix matches its rest, a little less confidently', () => {
    const r = best('connect to xxx.xxx.xxx.xxx port 22: Connection refused (ssh -p 22 me@box)');
    expect(r).toMatchObject({ id: 'refused', via: 'template' });
    expect(r!.confidence).toBeLessThan(0.97);
  });
  it('the rest of a message counts only in a paste about SSH (errno texts are everyone’s)', () => {
    expect(bestId("sudo: unable to resolve host web-1: Name or service not known")).toBeNull();
    expect(bestId('fatal: unable to access https://x/: Failed to connect to 10.1.1.1 port 3128: Connection timed out')).toBeNull();
  });
  it('the distinctive words of a message, punctuation and prefix dropped', () => {
    const r = best('no matching cipher found Their offer: aes128-cbc,3des-cbc');
    expect(r).toMatchObject({ id: 'cipher' });
    expect(r!.confidence).toBeLessThan(0.9);
    expect(bestId('Got "REMOTE HOST IDENTIFICATION HAS CHANGED" after rebuilding the ssh server')).toBe('changed');
  });
  it('a line that is only the end of a message routes in a paste about SSH, and only there', () => {
    const withSsh = 'I ran this command:\n\nssh -p 2222 root@192.168.2.1\n\nand I get the error\n\nConnection refused';
    expect(bestId(withSsh)).toBe('refused');
    const without = 'I started the app:\n\nnpm start\n\nand the page says\n\nConnection refused';
    expect(bestId(without)).toBeNull();
  });
  it('a retyped message goes to the one its words complete, the longer one as the runner-up', () => {
    const r = m.match("ssh: Auth fail for method 'publickey'");
    expect(r.best?.id).toBe('jsch-publickey');
    expect(r.alternatives.map((a) => a.id)).toContain('jsch-password');
  });
  it("a bare phrase several messages share names no article unless it is specific: another program's 'command not found' is not ssh's", () => {
    expect(bestId('ssh me@h borg serve\nbash: borg: command not found')).toBeNull();
    expect(bestId('git pull\nzsh: ssh: command not found')).toBe('no-client');
  });
  it("the same sentence about another program quoted where the message quotes 'ssh' is not it, whole, cut or typed", () => {
    expect(bestId("'ssh' is not recognized as an internal or external command, operable program or batch file.")).toBe('no-client');
    expect(bestId("'Get-Service' is not recognized as an internal or external command,")).toBeNull();
    expect(bestId("'Get-Service' is not recognised as an internal or external comand")).toBeNull();
  });
  it('an exception quoted in brackets inside a sentence names its message', () => {
    expect(bestId('With an sftp source the app locks up when the connection fails (System.IO.IOException: Connection refused) and never recovers')).toBe('refused');
    expect(bestId('The build locks up when the connection fails (System.IO.IOException: Connection refused) and never recovers')).toBeNull();
  });
  it(".NET's exception serialised as JSON reads as Class: message", () => {
    expect(bestId('{"ClassName":"Renci.SshNet.Common.SftpPermissionDeniedException","Message":"Permission denied","Data":null,"InnerException":null}')).toBe('sftp-denied');
  });
  it('a phrase that is the whole end of one message and of another is complete in both: the earlier stage decides', () => {
    expect(bestId('Trying to SSH into the tablet gives me `Connection reset by peer`.')).toBe('banner-reset');
  });
  it("the message is the first sentence after a client's label, and port \"22\" in quotes shows the paste is about SSH", () => {
    const log = 'Connecting to "203.0.113.9" port "22"\nConnection failed: connection timed out. No more addresses to try.';
    // Both rules end in `Connection timed out`: either is the answer, silence is not.
    expect(['timed-out', 'dropbear-timeout']).toContain(bestId(log));
    expect(bestId('Connecting to "203.0.113.9" port "5432"\nConnection failed: connection timed out. No more addresses to try.')).toBeNull();
  });
  it("systemd's line about another unit is about that unit, whole or in part", () => {
    expect(bestId('Job for kamailio.service failed because the control process exited with error code.')).toBeNull();
    expect(bestId('kamailio.service failed because the control process exited with error code')).toBeNull();
    expect(bestId('sshd.service failed because the control process exited with error code')).toBe('sshd-unit');
  });
  it("a line of only everyday words and algorithm names is not a message's complete run: `- host_key: ssh-rsa` of a debug log", () => {
    const sshj = variant({}, rule({ id: 'sshj-hostkey', title: 'No matching host key type', stage: 'kex', stageRank: 3, messages: ['Unable to reach a settlement: [ssh-rsa{text}'] }));
    expect(sshj.match('ssh -v me@h\nnegotiated:\n- host_key: ssh-rsa').best?.id ?? null).toBeNull();
    expect(sshj.match('Unable to reach a settlement: [ssh-rsa, ssh-dss] and [rsa-sha2-512]').best?.id).toBe('sshj-hostkey');
  });
  it("a user's name is no message's word: 'owned by root' is not sshd's `… must be owned by root and not group or world-writable.`", () => {
    const privsep = variant({}, rule({ id: 'privsep', title: 'Missing privilege separation directory', stage: 'server-log', stageRank: 10, messages: ['{path} must be owned by root and not group or world-writable.'] }));
    expect(privsep.match('ssh says my ~/.ssh/config is owned by root').best?.id).not.toBe('privsep');
    expect(privsep.match('sshd: /run/sshd must be owned by root and not group or world-writable.').best?.id).toBe('privsep');
  });
  it("'refuses to start' is everyday English: 'sshd refuses to start' is not PuTTY's `Server refused to start a shell/command`", () => {
    const putty = variant({}, rule({ id: 'exec', title: 'exec request failed', stage: 'session', stageRank: 8, messages: ['Server refused to start a shell/command'] }));
    expect(putty.match('after the upgrade sshd refuses to start, no host keys').best?.id).not.toBe('exec');
    expect(putty.match('PuTTY says: Server refused to start a shell/command').best?.id).toBe('exec');
  });
  it("a setting's snake_case name is not a message (`deploy_key: ***` of a CI step's inputs)", () => {
    const git = variant({}, rule({ id: 'deploy-key', title: 'Permission denied to deploy key', messages: ['ERROR: Permission to {path} denied to deploy key', 'Deploy Key: {n}:{text} is not authorized to'] }));
    expect(git.match('Run cap-deploy over ssh\n  with:\n    deploy_key: ***\n    target: production').best?.id ?? null).toBeNull();
    expect(git.match('ERROR: Permission to acme/app.git denied to deploy key').best?.id).toBe('deploy-key');
  });
  it("a message's whole run of five words in a sentence is distinctive with one specific word; cut short it is not", () => {
    const git = variant({}, rule({ id: 'git-read', title: 'Could not read from remote repository', messages: ['fatal: Could not read from remote repository.'] }));
    expect(git.match('building git@github.com:me/app.git over ssh fails with permission denied, could not read from remote repository...').best?.id).toBe('git-read');
    expect(git.match('building git@github.com:me/app.git over ssh fails, could not read from remote').best?.id).not.toBe('git-read');
  });
  it("…unless another article's message says the same words with its own between (`Connection to {host} closed by remote host.`)", () => {
    const closed = createMatcher([
      rule({ id: 'kex-closed', title: 'kex_exchange_identification: Connection closed by remote host', stage: 'kex', stageRank: 3, messages: ['kex_exchange_identification: Connection closed by remote host'] }),
      rule({ id: 'session-closed', title: 'Connection to HOST closed by remote host', stage: 'session', stageRank: 8, messages: ['Connection to {host} closed by remote host.'] }),
    ]);
    const r = closed.match('my ssh session keeps getting connection closed by remote host after a few minutes');
    expect(r.best?.via ?? 'none').not.toBe('template');
  });
  it("a message cut before its first value is not its everyday ending alone (`\" does not exist.` of WinSCP's `Host \"{host}\" does not exist.`)", () => {
    const winscp = variant({}, rule({ id: 'no-host', title: 'Could not resolve hostname', stage: 'connect', stageRank: 1, messages: ['Host "{host}" does not exist.'] }));
    expect(winscp.match('Remote SSH failure: the terminal failed to launch: Starting directory (cwd) "/home/me/Desktop" does not exist.').best?.id).not.toBe('no-host');
    expect(winscp.match('WinSCP over ssh: Host "nas.local" does not exist.').best?.id).toBe('no-host');
  });
  it('what a command printed, after an arrow the reader drew (`ssh root@10.0.0.5 -> Connection Refused.`)', () => {
    expect(bestId('Connectivity:\nssh root@10.0.0.5 -> Connection Refused.')).toBe('refused');
    // Another program's refusal after its own arrow, in a paste that is not about SSH, is not SSH's.
    expect(bestId('adb connect 10.0.0.5 -> Connection Refused.')).toBeNull();
  });
  it("the end of ssh's connect line in brackets inside a long sentence is that line's message", () => {
    // Both rules end in `Connection timed out`: either is the answer, silence is not.
    expect(['timed-out', 'dropbear-timeout']).toContain(bestId('Unable to log in to the VM via the browser or from my laptop (port 22: Connection timed out). Any idea?'));
    expect(bestId('Unable to log in to the VM via the browser or from my laptop (see port 22 in the logs). Any idea?')).toBeNull();
  });
  it('a quoted path is still a path', () => {
    expect(bestId("Error: SCP failure: scp: 'c:/Users/User': No such file or directory")).toBe('no-such-file');
  });
  it("`time out` typed for `timed out`, and Dropbear's exit line shows the paste is about SSH", () => {
    expect(bestId('Connection to alice@203.0.113.9:2244 exited: Connect failed: Connection time out')).toBe('dropbear-timeout');
  });
  it("another program's whole message (a shared wording, in a paste not about SSH) is not searched for fragments", () => {
    expect(bestId('listen tcp 127.0.0.1:8080: bind: address already in use')).toBeNull();
    expect(bestId('Failed to start SSH server: listen tcp :22: bind: address already in use')).toBe('server-in-use');
  });
  it("everyday words do not make a fragment: 'the server only supports SFTP' is not a signature failure", () => {
    expect(bestId('Failed to connect, are you sure your server works via FTP or FTPS? Users sometimes get this error when the server only supports SFTP.')).toBeNull();
  });
  it("everyday words do not make a fragment: 'unable to reach the VM' is not sshj's 'Unable to reach a settlement'", () => {
    const sshj = variant({}, rule({ id: 'sshj-cipher', title: 'No matching cipher', stage: 'kex', stageRank: 3, messages: ['Unable to reach a settlement of Client2ServerCipherAlgorithms: {text}'] }));
    expect(sshj.match('Unable to reach the VM via ssh or the browser console (port 22: Operation timed out).').best?.id).not.toBe('sshj-cipher');
    expect(sshj.match('sshj fails: Unable to reach a settlement of Client2ServerCipherAlgorithms').best?.id).toBe('sshj-cipher');
  });
  it('an exact match always beats a fragment, and fragments do not fire on look-alike messages', () => {
    expect(bestId("Warning: Permanently added 'h' (ED25519) to the list of known hosts.\nno matching cipher found")).toBe('added');
    expect(bestId('ssh me@h\nUnable to negotiate with h port 22: no matching key exchange method found. Their offer: a')).toBe('kex');
  });
});

describe("words several messages share, in a line about sshd, are sshd's log line", () => {
  const inUse = createMatcher(RULES);
  it('`sshd: address already in use` is the server failing to bind, not a local forward', () => {
    expect(inUse.match('sshd: address already in use').best?.id).toBe('server-in-use');
    expect(inUse.match("sshd won't start, address already in use").best?.id).toBe('server-in-use');
    expect(inUse.match('ssh -L 8080:localhost:80 says address already in use').best?.id).toBe('forward-in-use');
  });
  it("nor is a line about sshd the client's check of a host key", () => {
    const keys = variant(
      {},
      rule({ id: 'pysftp', title: 'Host key verification failed', stage: 'hostkey', stageRank: 5, messages: ['HostKeysException: No Host Keys Found'] }),
      rule({ id: 'sshd-keys', title: 'sshd: no hostkeys available', stage: 'server-log', stageRank: 10, messages: ['sshd: no hostkeys available -- exiting.'], symptoms: ['sshd no host keys found', 'ssh service no host keys'] }),
    );
    expect(keys.match('HostKeysException: No Host Keys Found').best?.id).toBe('pysftp');
    expect(keys.match('ssh: no host keys found').best?.id).toBe('pysftp');
    expect(keys.match('sshd: No Host Keys Found').best?.id).toBe('sshd-keys');
    expect(keys.match('systemd[1]: ssh.service: no host keys found').best?.id).not.toBe('pysftp');
  });
});

describe("an environment variable's name is not the message that begins with it", () => {
  const agent = createMatcher([...RULES, rule({ id: 'no-agent', title: 'No agent', stage: 'agent', stageRank: 6, messages: ['SSH_AUTH_SOCK is not set; no SSH agent is available'] })]);
  const id = (s: string) => agent.match(s).best?.id ?? null;
  it('a paste about SSH that only names SSH_AUTH_SOCK gives no answer; the message cut short still does', () => {
    expect(id('My ssh setup:\nsockets=x11;ssh-auth;\n`SSH_AUTH_SOCK -> /run/user/1000/keyring/ssh`')).toBeNull();
    expect(id('ssh keeps asking: SSH_AUTH_SOCK is not set and I do not know why')).toBe('no-agent');
  });
});

describe('a fragment without the words that made it a failure', () => {
  const withUnit = createMatcher([...RULES, rule({ id: 'sshd-start', title: 'sshd failed to start', stage: 'server-log', stageRank: 10, messages: ['Failed to start sshd.service - OpenSSH server daemon'] })]);
  it("systemd's routine `Starting …` line is not the failure to start, cut short", () => {
    const log = 'Feb 18 11:34:38 host systemd[1]: Starting sshd.service - OpenSSH server daemon...\nFeb 18 11:34:38 host sshd[65]: Server listening on 0.0.0.0 port 22.\nFeb 18 11:34:39 host sshd[67]: Accepted publickey for ana from ::1 port 34468 ssh2';
    expect(withUnit.match(log).best?.id ?? null).toBeNull();
  });
  it('the same words after a failure word are still the message, retyped', () => {
    expect(withUnit.match('ssh into the box fails, journalctl says failed when starting sshd.service - OpenSSH server daemon').best?.id).toBe('sshd-start');
  });
});

describe('several errors in one paste', () => {
  it('the later try is the current problem', () => {
    const paste = [
      '$ ssh admin@10.0.0.9',
      'Unable to negotiate with 10.0.0.9 port 22: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1',
      '$ ssh -o KexAlgorithms=+diffie-hellman-group1-sha1 admin@10.0.0.9',
      'Unable to negotiate with 10.0.0.9 port 22: no matching cipher found. Their offer: aes128-cbc',
    ].join('\n');
    expect(bestId(paste)).toBe('cipher');
    expect(normalize(paste).lines.map((l) => l.attempt)).toEqual([1, 1, 2, 2]);
  });
  it('the reader saying they tried again starts a new try; a program retrying does not', () => {
    const first = 'localhost: ssh: connect to host localhost port 22: Connection timed out';
    const then = 'web2: ssh: connect to host web2 port 22: Connection refused';
    expect(bestId([first, then].join('\n'))).toBe('timed-out');
    expect(bestId([first, 'When I run start-all.sh again I got a new error:', then].join('\n'))).toBe('refused');
    expect(normalize([first, 'Warning: retrying again in 5 seconds', then].join('\n')).lines.map((l) => l.attempt)).toEqual([0, 0, 0]);
  });
  it("a later try's failure, retyped, beats an earlier try's exact line, and the runner-up never reads surer", () => {
    const paste = [
      '$ ssh admin@10.0.0.9',
      'ssh: connect to host 10.0.0.9 port 22: Connection refused',
      'Scratch that, wrong port. The error I get now is "no matching cipher found Their offer: aes128-cbc"',
    ].join('\n');
    const r = m.match(paste);
    expect(r.best?.id).toBe('cipher');
    expect(r.alternatives.map((a) => a.id)).toContain('refused');
    for (const a of r.alternatives) expect(a.confidence).toBeLessThanOrEqual(r.best!.confidence);
    // In the same try the exact line stays the answer.
    expect(bestId('$ ssh admin@10.0.0.9\nssh: connect to host 10.0.0.9 port 22: Connection refused\nit says "no matching cipher found Their offer: aes128-cbc"')).toBe('refused');
  });
  it("after a login, in the same try, a connection failure's words come from the session's programs", () => {
    const session = ['$ ssh me@10.0.0.9', 'Last login: Sun Mar 21 10:27:11 2021 from 10.0.0.1', 'nc: connect to db port 22 (tcp) failed: Connection refused'];
    expect(bestId(session.join('\n'))).toBeNull();
    expect(bestId([session[0], session[2]].join('\n'))).toBe('refused');
  });
  it('a failure before a successful retry still wins over the notices of the success', () => {
    const paste = [
      'TASK [deploy] fatal: [web]: UNREACHABLE! => {"msg": "ssh: connect to host web port 22: Connection timed out"}',
      '$ ssh deploy@web',
      "Warning: Permanently added 'web' (ED25519) to the list of known hosts.",
      'Welcome to Ubuntu 24.04 LTS',
    ].join('\n');
    expect(bestId(paste)).toBe('timed-out');
  });
  it('a password prompt asked again is a refused password, even without the refusal; asked once it is nothing', () => {
    const again = "$ vagrant ssh web\nroot@127.0.0.1's password: \nroot@127.0.0.1's password: \nroot@127.0.0.1's password: ";
    expect(best(again)).toMatchObject({ id: 'password' });
    expect(best(again)!.confidence).toBeLessThan(0.6);
    expect(bestId("$ ssh root@h\nroot@h's password: ")).toBeNull();
    // One prompt in each of two tries is two first asks.
    expect(bestId("$ ssh a@h\na@h's password:\n$ ssh a@h\na@h's password:")).toBeNull();
    // Any message the paste shows beats the repeat.
    expect(bestId("a@h's password:\na@h's password:\nssh: connect to host h port 22: Connection refused")).toBe('refused');
  });
  it('a prompt that explains a failure only when asked again (`again`): asked twice for the same key, then refused; once, or again with no failure, it is nothing', () => {
    const keyed = variant(
      { denied: { messages: ['Permission denied ({list}).'] } },
      rule({ id: 'passphrase', title: 'Wrong passphrase', stage: 'client-config', stageRank: 0, messages: ['Bad passphrase, try again for {path}'], promptsAgain: ['Enter passphrase for key {path}:'], promptClaims: ['denied'] }),
    );
    const ask = "Enter passphrase for key '/home/me/.ssh/id_ed25519':";
    const refused = 'me@h: Permission denied (publickey).';
    expect(keyed.match(['$ ssh me@h', ask, ask, refused].join('\n')).best?.id).toBe('passphrase');
    expect(keyed.match(['$ ssh me@h', ask, refused].join('\n')).best?.id).toBe('denied');
    // Two different keys asked once each: no wrong answer shown.
    expect(keyed.match(['$ ssh me@h', ask, "Enter passphrase for key '/home/me/.ssh/id_rsa':", refused].join('\n')).best?.id).toBe('denied');
    // A tool that runs ssh again and again asks each time; with no failure that is no answer.
    expect(keyed.match(['Waiting for kubeconfig...', ask, 'Waiting for kubeconfig...', ask, 'Config loaded'].join('\n')).best).toBeNull();
  });
  it("a failure that ended the connection explains the session's failure after it, however long that message is", () => {
    const paste = 'subprocess ssh: Host key verification failed.\nFatal: unable to open repository at sftp:u@h:/r: unable to start the sftp session, error: error receiving version packet from server: server unexpectedly closed connection';
    expect(bestId(paste)).toBe('hostkey-failed');
    expect(bestId('Fatal: unable to start the sftp session, error: error receiving version packet from server: server unexpectedly closed connection')).toBe('sftp-start');
  });
  it('a notice alone in a log that failed for another reason is not presented as the answer', () => {
    const paste = [
      'Run ssh-keyscan ci.example.com >> ~/.ssh/known_hosts',
      "Warning: Permanently added 'ci.example.com' (ED25519) to the list of known hosts.",
      'Run npm ci',
      'added 1203 packages in 41s',
      'Run npm run build',
      '> site@1.0.0 build',
      '> vite build',
      'vite v5.4.0 building for production...',
      'transforming...',
      'npm ERR! code ELIFECYCLE',
      'npm ERR! Failed at the site@1.0.0 build script.',
      'Error: Process completed with exit code 1.',
    ].join('\n');
    const r = m.match(paste);
    expect(r.best?.id).toBe('added');
    expect(r.best!.confidence).toBeLessThanOrEqual(0.4);
    expect(r.notice).toMatch(/notice, not a failure/);
    expect(m.match("Warning: Permanently added 'h' (ED25519) to the list of known hosts.").notice).toBeUndefined();
    // A failure right next to the notice is its context, not another problem.
    expect(m.match("Warning: Permanently added 'h' (ED25519) to the list of known hosts.\nError: the host key was added").notice).toBeUndefined();
  });
  it('a connect failure the same run recovered from is flagged, not presented as the answer', () => {
    const retried = [
      'ssh: connect to host 127.0.0.1 port 2222: Connection timed out',
      'ssh: connect to host 127.0.0.1 port 2222: Connection timed out',
      'Authenticated to 127.0.0.1 ([127.0.0.1]:2222) using "publickey".',
    ].join('\n');
    const r = m.match(retried);
    expect(r.best?.id).toBe('timed-out');
    expect(r.best!.confidence).toBeLessThanOrEqual(0.4);
    expect(r.notice).toMatch(/recovered/);
    // A success in another command (a manual ssh after the tool failed) does not excuse the failure.
    expect(m.match(retried.replace('Authenticated', '$ ssh -p 2222 vagrant@127.0.0.1\nAuthenticated')).notice).toBeUndefined();
  });
  it("paramiko's log of a login that worked is a recovery too", () => {
    const r = m.match(['ssh: connect to host 10.0.0.5 port 22: Connection timed out', '[I 241029 15:36:58 transport:1893] Authentication (password) successful!'].join('\n'));
    expect(r.best?.id).toBe('timed-out');
    expect(r.notice).toMatch(/recovered/);
  });
  it("a tool's summary never hides the SSH message it wraps, and answers alone", () => {
    expect(bestId('fatal: [web]: UNREACHABLE! => {"msg": "me@web: Permission denied (publickey)."}')).toBe('denied');
    expect(bestId('fatal: [web]: UNREACHABLE! => {"changed": false, "unreachable": true}')).toBe('unreachable');
  });
});

describe("another tool's own line", () => {
  it('a line a shell or file tool labelled is its message, not an SSH one it resembles', () => {
    const paste = (line: string) => `$ ssh deploy@web1 ./release.sh\n${line}`;
    expect(bestId(paste('scp: /srv/app/current: No such file or directory'))).toBe('no-such-file');
    expect(bestId(paste('/srv/app/current: No such file or directory'))).toBe('no-such-file');
    expect(bestId(paste('bash: cd: /srv/app/current: No such file or directory'))).toBeNull();
    expect(bestId(paste('./release.sh: line 4: cd: /srv/app/current: No such file or directory'))).toBeNull();
    // BSD's and macOS's ls say it without GNU's `cannot access`.
    expect(bestId(paste('ls: /srv/app/current: No such file or directory'))).toBeNull();
    expect(bestId(paste('cp: release.tgz: Permission denied'))).toBeNull();
  });
});

describe('git over HTTPS', () => {
  it('a paste where git asks for HTTPS credentials gets no guess from words that resemble an SSH message', () => {
    const typed = 'ssh: permission denied please try again';
    expect(bestId(typed)).toBe('password');
    expect(bestId(`Password for 'https://me@github.com':\n${typed}`)).toBeNull();
    expect(bestId(`fatal: could not read Username for 'https://github.com': terminal prompts disabled\n${typed}`)).toBeNull();
    // An SSH message matched whole still answers.
    expect(bestId("Password for 'https://me@github.com':\nme@github.com: Permission denied (publickey).")).toBe('denied');
  });
});

describe('a known line with an unexpected ending', () => {
  it('is a connect failure: the closest article as a low-confidence guess, never silence', () => {
    const r = best('ssh: connect to host 10.0.0.1 port 22: Protocol wrong type for socket');
    expect(r).toMatchObject({ id: 'other-errno', via: 'template' });
    expect(r!.confidence).toBeLessThanOrEqual(0.5);
  });
  it('a known ending still routes to its own article at full confidence', () => {
    expect(best('ssh: connect to host 10.0.0.1 port 22: Connection refused')).toMatchObject({ id: 'refused', confidence: 0.97 });
    expect(best('ssh: connect to host 10.0.0.1 port 22: Cannot assign requested address')).toMatchObject({ id: 'other-errno', confidence: 0.97 });
  });
  it('retyped without the spaces after colons', () => {
    expect(bestId('ssh:connect to host github.com port 22:Connection timed out')).toBe('timed-out');
  });
});

describe('a verbose log that stops without an error', () => {
  const log = (...tail: string[]) =>
    ['OpenSSH_9.6p1 Ubuntu-3ubuntu13, OpenSSL 3.0.13 30 Jan 2024', 'debug1: Connecting to vpn-host [10.8.0.5] port 22.', 'debug1: Connection established.', 'debug1: SSH2_MSG_KEXINIT sent', ...tail].join('\n');
  it('where it hangs is the clue: the line it stops at is a low-confidence guess', () => {
    const r = best(log('debug1: expecting SSH2_MSG_KEX_ECDH_REPLY', '', 'and there it just sits'));
    expect(r).toMatchObject({ id: 'timed-out', via: 'template', evidence: { line: 5 } });
    expect(r!.confidence).toBeLessThanOrEqual(0.5);
    expect(bestId('$ ssh -v me@10.0.0.9\ndebug1: Connecting to 10.0.0.9 [10.0.0.9] port 22.\n^C')).toBe('timed-out');
  });
  it('the same lines in a log that goes on are routine, and an error beats them', () => {
    expect(bestId(log('debug1: expecting SSH2_MSG_KEX_ECDH_REPLY', 'debug1: SSH2_MSG_KEX_ECDH_REPLY received', 'debug1: Authenticating to vpn-host:22 as \'me\''))).toBeNull();
    expect(bestId(log('debug1: expecting SSH2_MSG_KEX_ECDH_REPLY', 'ssh: connect to host vpn-host port 22: Connection refused'))).toBe('refused');
  });
  it("a tool's own progress line is a stall wherever it stands, until the tool says it connected", () => {
    const vagrant = variant({ 'timed-out': { stalls: ['SSH auth method: private key'] } });
    const boot = ['==> default: Waiting for machine to boot. This may take a few minutes...', '    default: SSH address: 127.0.0.1:2222', '    default: SSH auth method: private key'];
    expect(vagrant.match(boot.join('\n')).best).toMatchObject({ id: 'timed-out', confidence: 0.5 });
    expect(vagrant.match('`vagrant up` gets always stuck on line SSH auth method: private key. Tried VirtualBox 5.0 too.').best?.id).toBe('timed-out');
    const booted = vagrant.match([...boot, '==> default: Machine booted and ready!', '==> default: Checking for guest additions in VM...'].join('\n'));
    expect(booted.notice).toBe(NOTICES.recovered);
    const terraform = variant({ 'timed-out': { stalls: ['Connecting to remote host via SSH...'] } });
    const tries = ['aws_instance.web (remote-exec): Connecting to remote host via SSH...', 'aws_instance.web (remote-exec):   Host: 203.0.113.10'];
    expect(terraform.match(tries.join('\n')).best?.id).toBe('timed-out');
    expect(terraform.match([...tries, 'aws_instance.web (remote-exec): Connected!'].join('\n')).notice).toBe(NOTICES.recovered);
  });
});

describe('typed and retyped text', () => {
  it('upper case, typos and a sentence around the error', () => {
    expect(bestId('CONNECTION REFUSED')).toBe('refused');
    expect(bestId('ssh keeps saying conection timed out from the office wifi')).toBe('timed-out');
    expect(best('ssh keeps saying conection timed out from the office wifi')?.via).toBe('fuzzy');
  });
  it('a paragraph about SSH: each sentence is guessed, even one that does not name SSH', () => {
    const post = "Honestly I keep running into issues, I can't connect with ssh to download the code from my pc to the pi. Comes up with port 22 connection refused. I'm honestly more mechanically inclined than a programmer haha";
    expect(bestId(post)).toBe('refused');
    expect(best(post)?.via).toBe('fuzzy');
    // Another program's `not found`, quoted in a post about SSH, is not ssh's.
    expect(bestId('My key login over ssh works, but when I run `wp @staging core version` I got the error `bash: wp: command not found`. Any idea?')).toBeNull();
  });
  it('a sentence that introduces the error (`… I receive the following error:`) says what the reader did, not what failed', () => {
    const withVsCode = createMatcher([...RULES, rule({ id: 'establish', title: 'Could not establish connection', kind: 'wrapper', messages: ['Could not establish connection to "{host}"'] })]);
    const post = 'When I try to establish an SSH connection to a remote host, I receive the following error:\n\n`Error authenticating! Check for username and password.`\n\nThis is on the latest iPad version from the App Store.\nI used the same credentials from my laptop and they work.';
    expect(withVsCode.match(post).best?.id ?? null).toBeNull();
    expect(withVsCode.match('ssh: could not establish the connection to the remote host, it keeps failing.').best?.id).toBe('establish');
  });
  it("in a sentence, the word that tells the message apart is typed as it is, not an everyday word a letter away (`about`, `abort`)", () => {
    const withAbort = createMatcher([...RULES, rule({ id: 'aborted', stage: 'connect', stageRank: 1, messages: ['Connection aborted'] })]);
    const banner = '$ ssh -R 80:localhost:7777 nokey@localhost.run\n\nWelcome to localhost.run!\n\n** your connection id is 61516456-2da3, please mention it if you send me a message about an issue. **';
    expect(withAbort.match(banner).best).toBeNull();
    expect(withAbort.match('My ssh connection aborted again when I tried it from the office wifi.').best?.id).toBe('aborted');
  });
  it('gives nothing for text about something else', () => {
    expect(bestId('The database connection timed out')).toBeNull();
    expect(bestId('hello world')).toBeNull();
    expect(bestId('curl: (7) Failed to connect to localhost port 80: Connection refused')).toBeNull();
  });
});

describe("a reader's own words for the failure (an article's `symptoms`)", () => {
  const described = variant(
    { 'timed-out': { symptoms: ['ssh timeout'] }, password: { symptoms: ['password not accepted', 'access denied', 'password permission denied'] } },
    rule({ id: 'mismatch', title: 'Host key changed', stage: 'hostkey', stageRank: 5, messages: ['Host key for {host} has changed and you have requested strict checking.'], symptoms: ['host key changed'] }),
  );
  const guess = (s: string) => described.match(s).best;

  it('a sentence about SSH with no message in it is guessed from the phrase, at low confidence', () => {
    expect(guess('Ping looks good but ssh timeout.')?.id).toBe('timed-out');
    expect(guess('Ping looks good but ssh timeout.')?.via).toBe('fuzzy');
    expect(guess('Ping looks good but ssh timeout.')!.confidence).toBeLessThanOrEqual(0.6);
    expect(guess('Since the update the host key of my pi has changed when I ssh to it')?.id).toBe('mismatch');
  });
  it("the phrase's words in order, a few of the reader's own between, negations however spelt, typos and word forms allowed", () => {
    expect(guess("I ssh to the box but the password I set isn't accepted")?.id).toBe('password');
    expect(guess('ssh to the box: the password i set doesnt get accepted')?.id).toBe('password');
    expect(guess('I can ssh to it but not log in (tried root/root => acces denied)')?.id).toBe('password');
    expect(guess('Over ssh, with the default password the pi says permission denied')?.id).toBe('password');
    // Too far apart, or in the other order, the words are not the phrase.
    expect(guess('I ssh in with my password; is it normal that the motd is not what I expected, and then accepted?')?.id).not.toBe('password');
    expect(guess('I accepted the host key over ssh and now my password')?.id).not.toBe('password');
  });
  it('only in a sentence or paste about SSH, never about another subject', () => {
    expect(guess('The password is not accepted')).toBeNull();
    expect(guess('The database password is not accepted over ssh')).toBeNull();
    expect(guess('Our website login: access denied for every user')).toBeNull();
  });
  it('an exact message still decides over a phrase', () => {
    expect(guess('ssh timeout\nssh: connect to host example.com port 22: Connection refused')?.id).toBe('refused');
  });
  it('a word the sentence denies is not the phrase\'s word (`without a passphrase`), unless the phrase denies it too', () => {
    const keyed = variant(
      { denied: { symptoms: ['refuses key'] } },
      rule({ id: 'passphrase', title: 'Bad passphrase', stage: 'client-config', stageRank: 0, messages: ['Load key {path}: incorrect passphrase supplied to decrypt private key'], symptoms: ['refuses key passphrase'] }),
    );
    const id = (s: string) => keyed.match(s).best?.id;
    expect(id('ssh refuses my key passphrase')).toBe('passphrase');
    expect(id('ssh refuses the key I generated without a passphrase')).toBe('denied');
    expect(id('ssh refuses key with no passphrase')).toBe('denied');
    expect(guess("I ssh to the box but the password I set isn't accepted")?.id).toBe('password');
  });
  it('`host key` and `public key` are one word each: `not find host` is not said by "can\'t find the host key"', () => {
    const named = variant({ resolve: { symptoms: ['not find host'] } });
    expect(named.match('It says "could not find host" when I ssh to ev3dev').best?.id).toBe('resolve');
    expect(named.match("ssh can't find the host key for github").best?.id).not.toBe('resolve');
    // Nor by the known_hosts file, whose `hosts` names no host.
    expect(named.match('ssh cannot find host key in known_hosts').best?.id).not.toBe('resolve');
  });
  it('X11 forwarding is one word however typed (`X forwarding`, `xforwarding`)', () => {
    const x11 = variant({}, rule({ id: 'x11', title: 'X11 forwarding request failed', stage: 'session', stageRank: 8, messages: ['X11 forwarding request failed on channel {n}'], symptoms: ['x11 forwarding not work'] }));
    for (const typed of ['xforwarding', 'X forwarding', 'X11-forwarding']) {
      expect(x11.match(`I connect with ssh -X from iTerm2 and ${typed} is not working either.`).best?.id, typed).toBe('x11');
    }
  });
  it("another kind of forwarding is another message: `port forwarding disabled by key options` is not sshd's X11 line", () => {
    const fwd = variant(
      {},
      rule({ id: 'x11', title: 'X11 forwarding request failed', stage: 'session', stageRank: 8, messages: ['X11 forwarding disabled by key options.'] }),
      rule({ id: 'prohibited', title: 'administratively prohibited', stage: 'forwarding', stageRank: 9, messages: ['channel {n}: open failed: administratively prohibited: open failed'], symptoms: ['port forwarding disabled'] }),
    );
    expect(fwd.match('ssh -L says port forwarding disabled by key options').best?.id).toBe('prohibited');
    expect(fwd.match('ssh -X says X11 forwarding disabled by key options').best?.id).toBe('x11');
    expect(fwd.match('forwarding disabled by key options, says ssh').best?.id).toBe('x11');
  });
  it('a sentence about git says its failure in the words readers use for SSH (`git push permission denied`)', () => {
    const git = variant(
      {},
      rule({ id: 'vscode-git', title: 'Wrong passphrase', messages: ['Git: Permission denied, please try again.'] }),
      rule({ id: 'repo-denied', title: 'Permission to REPO denied', messages: ['ERROR: Permission to {path} denied to {user}.'], symptoms: ['permission denied to repository'] }),
    );
    expect(git.match('git permission denied to repository').best?.id).toBe('repo-denied');
    expect(git.match('Git: Permission denied, please try again.').best?.id).toBe('vscode-git');
    // A message's program label says who printed it, not what failed: `git` alone does not make a
    // sentence VS Code's line.
    expect(git.match('git pull permission denied on .git/FETCH_HEAD').best?.id).not.toBe('vscode-git');
  });
  it("a typed sentence naming one SSH program is not another's labelled line: `ssh connection closed` is not `scp: Connection closed`", () => {
    const closed = createMatcher([
      rule({ id: 'scp-closed', title: 'subsystem request failed', stage: 'session', stageRank: 8, messages: ['scp: Connection closed'], shared: ['Connection closed.'] }),
      rule({ id: 'closed-remote', title: 'Connection closed by remote host', stage: 'session', stageRank: 8, messages: ['Connection to {host} closed by remote host.'] }),
    ]);
    expect(closed.match('ssh connection closed').best?.id).toBe('closed-remote');
    // Typed alone it is sftp's own line.
    expect(closed.match('Connection closed.').best?.id).toBe('scp-closed');
  });
  it("the authorized_keys file's `authorized` is not a Git host's `… is not authorized to`", () => {
    const git = createMatcher([RULES[0], rule({ id: 'repo', title: 'Git host: Permission to REPO denied', messages: ['with Key: {n}:{text} is not authorized to'] })]);
    expect(git.match('ssh key login fails: my authorized_keys has the key split on two lines').best?.id ?? null).not.toBe('repo');
    expect(git.match('Permission to acme/app denied with Key: 42:ci-key is not authorized to push').best?.id).toBe('repo');
  });
  it("a host key's file (`ssh_host_ed25519_key`) is a host key, not a user's key", () => {
    const keys = variant(
      {},
      rule({ id: 'user-key', title: 'Unprotected private key file', messages: ['WARNING: UNPROTECTED PRIVATE KEY FILE!'], symptoms: ['bad permissions key'] }),
      rule({ id: 'sshd-keys', title: 'sshd: no hostkeys available', stage: 'server-log', stageRank: 10, messages: ['sshd: no hostkeys available -- exiting.'], symptoms: ['bad permissions host key'] }),
    );
    expect(keys.match('sshd -t over ssh says bad permissions on ssh_host_ecdsa_key').best?.id).toBe('sshd-keys');
    expect(keys.match('ssh says bad permissions on my id_ed25519 key').best?.id).toBe('user-key');
  });
  it('a reader placing the failure after the login (`after login`, `when idle`) is not told the connection never opened', () => {
    const closed = variant(
      { 'timed-out': { symptoms: ['connection timeout'] } },
      rule({ id: 'closed', title: 'Connection closed', stage: 'session', stageRank: 8, messages: ['Connection to {host} closed by remote host.'], symptoms: ['timeout after login'] }),
    );
    expect(closed.match('ssh connection timeout').best?.id).toBe('timed-out');
    expect(closed.match('ssh connection timeout after login').best?.id).toBe('closed');
    expect(closed.match('my ssh session gets a connection timeout after I log in').best?.id).not.toBe('timed-out');
    expect(closed.match('ssh connection timeout during a long running command').best?.id).not.toBe('timed-out');
    for (const after of ['after a few minutes idle', 'after 10 minutes of inactivity', 'while running a long command', 'while copying with scp']) {
      expect(closed.match(`ssh connection timeout ${after}`).best?.id, after).not.toBe('timed-out');
    }
  });
  it('a phrase of three words or more outranks a message whose words the sentence merely contains; a message typed as such still decides', () => {
    const sftp = variant(
      {},
      rule({ id: 'sftp', title: 'subsystem request failed', stage: 'session', stageRank: 8, messages: ['subsystem request failed on channel {n}'], shared: ['Connection closed.'] }),
      rule({ id: 'closed', title: 'Session closed', stage: 'session', stageRank: 8, messages: ['Connection to {host} closed.'], symptoms: ['connection closed after login'] }),
    );
    expect(sftp.match('ssh connection closed right after login').best?.id).toBe('closed');
  });
  it("in a sentence, a shared wording another article's own message says with more words is that message; typed alone it is its own", () => {
    const closedRules = variant(
      {},
      rule({ id: 'sftp', title: 'subsystem request failed', stage: 'session', stageRank: 8, messages: ['subsystem request failed on channel {n}'], shared: ['Connection closed.'] }),
      rule({ id: 'closed', title: 'Session closed', stage: 'session', stageRank: 8, messages: ['Connection to {host} closed by remote host.'] }),
    );
    expect(closedRules.match('ssh connection closed by remote host after a reboot of my router').best?.id).toBe('closed');
    // What sftp prints when the server has no sftp-server, and nothing else.
    expect(closedRules.match('$ sftp me@h\nConnection closed.').best?.id).toBe('sftp');
  });
  it('a wording any program prints, in a line that places it in the session, is not a connection that never opened', () => {
    const phpseclib = variant({ refused: { shared: ['Connection closed by server'] } }, rule({ id: 'closed', title: 'Session closed', stage: 'session', stageRank: 8, messages: ['Connection to {host} closed by remote host.'] }));
    expect(phpseclib.match('ssh: Connection closed by server').best?.id).toBe('refused');
    expect(phpseclib.match('ssh: connection closed by server after 5 minutes idle').best?.id).not.toBe('refused');
    expect(phpseclib.match('$ ssh me@h\nLast login: Sun Mar 21 10:27:11 2021\nssh: Connection closed by server').best?.id).not.toBe('refused');
  });
  it("a guess shape loses to another article's phrase said in the same line", () => {
    const git = variant(
      { password: { guesses: ['Access denied'] } },
      rule({ id: 'repo', title: 'Git host: Permission to REPO denied', stage: 'session', stageRank: 8, messages: ['ERROR: Permission to {path} denied to {user}.'], symptoms: ['git push denied'] }),
    );
    expect(git.match('ssh says access denied').best?.id).toBe('password');
    expect(git.match('git push over ssh access denied').best?.id).toBe('repo');
  });
});

describe('a generic failure in a paste that names the feature behind it', () => {
  const cloud = variant(
    {},
    rule({ id: 'oslogin', title: 'GCP OS Login: Permission denied (publickey)', messages: ['Using OS Login user [{user}] instead of {text}'], outranks: ['denied'], mentions: ['OS Login', 'enable-oslogin'] }),
  );
  const id = (s: string) => cloud.match(s).best?.id;
  it("answers with the feature's article when it outranks the failure, the failure as runner-up", () => {
    const r = cloud.match('Since the project set enable-oslogin=TRUE:\nme@10.0.0.2: Permission denied (publickey).');
    expect(r.best).toMatchObject({ id: 'oslogin', evidence: { line: 2 } });
    expect(r.alternatives.map((a) => a.id)).toContain('denied');
    expect(id('With OS Login on, gcloud compute ssh fails:\nme@vm: Permission denied (publickey).')).toBe('oslogin');
  });
  it('not without the name, not for a name inside another word, not for a failure it does not outrank', () => {
    expect(id('me@10.0.0.2: Permission denied (publickey).')).toBe('denied');
    expect(id('Our CHAOS Logins team says:\nme@10.0.0.2: Permission denied (publickey).')).toBe('denied');
    expect(id('OS Login is on\nssh: connect to host 10.0.0.2 port 22: Connection refused')).toBe('refused');
  });
});

describe('a database behind the SSH tunnel', () => {
  const tunnel = createMatcher([
    ...RULES.filter((r) => r.id !== 'refused'),
    { ...RULES.find((r) => r.id === 'refused')!, shared: ['connect ECONNREFUSED {addr}:{port}'] },
    rule({ id: 'login', title: 'Permission denied, please try again', messages: ['Permission denied, please try again.'], guesses: ['Access denied', 'Authentication failed'] }),
  ]);
  const id = (s: string) => tunnel.match(s).best?.id ?? null;

  it("a socket error every program prints, about a database's port, is the driver's, even in a paste about the tunnel", () => {
    expect(id('Compass over an SSH tunnel:\nconnect ECONNREFUSED 127.0.0.1:27017')).toBeNull();
    expect(id('psql through the ssh tunnel: connect ECONNREFUSED 10.0.0.5:5432')).toBeNull();
    expect(id('deploy over ssh:\nconnect ECONNREFUSED 10.0.0.5:22')).toBe('refused');
  });
  it("nor is a web port's in a line with a web address (git over HTTPS in a paste about ssh)", () => {
    const pull = (line: string) => `deploy over ssh, then on web1:\n$ git pull\n${line}\nerror: could not fetch origin`;
    expect(id(pull("fatal: unable to access 'https://github.com/a/b.git/': Failed to connect to github.com port 443: Connection refused"))).toBeNull();
    expect(id(pull('ssh: connect to host github.com port 443: Connection refused'))).toBe('refused');
  });
  it("MySQL's own `Access denied for user 'u'@'h'` is the database's login, not SSH's", () => {
    expect(id("Workbench via SSH tunnel: Exception: Access denied for user 'root'@'127.0.0.1' (using password: NO)")).toBeNull();
    expect(id('PuTTY to the ssh server says: Access denied')).toBe('login');
  });
  it('a bare guess in a line about another subject is not guessed, links aside', () => {
    expect(id('Connecting to MongoDB via SSH, the response is always "Authentication failed".')).toBeNull();
    expect(id('ssh into the box per https://docs.example.io/api/ssh fails with "Authentication failed".')).toBe('login');
  });
});
