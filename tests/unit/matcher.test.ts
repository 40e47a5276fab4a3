/**
 * Matcher behaviour on small synthetic rule sets, so these tests do not depend on article content.
 * Timings are measured by `npm run bench`, never asserted here; hostile inputs only have to finish
 * (the vitest timeout would catch a catastrophic case) and give the right answer.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher, MAX_INPUT_CHARS, normalize, parseTemplate, type Rule } from '../../src/matcher/index.ts';
import { compileTemplate } from '../../src/matcher/compile.ts';

let n = 0;
function rule(p: Partial<Rule> & { messages: string[] }): Rule {
  const id = p.id ?? `rule-${++n}`;
  return { id, title: p.title ?? id, stage: 'auth', stageRank: 6, kind: 'error', outranks: [], ...p };
}

const RULES: Rule[] = [
  rule({ id: 'refused', title: 'Connection refused', stage: 'connect', stageRank: 1, messages: ['ssh: connect to host {host} port {port}: Connection refused', 'Network error: Connection refused'] }),
  rule({ id: 'denied', title: 'Permission denied (publickey)', messages: ['{user}@{host}: Permission denied ({list}).', 'Permission denied ({list}).'] }),
  rule({ id: 'mutual', title: 'No mutual signature', messages: ['sign_and_send_pubkey: no mutual signature supported', 'send_pubkey_test: no mutual signature algorithm'], outranks: ['denied'] }),
  rule({ id: 'added', title: 'Permanently added', stage: 'hostkey', stageRank: 5, kind: 'info', messages: ["Warning: Permanently added '{host}' ({alg}) to the list of known hosts."] }),
  rule({ id: 'too-open', title: 'Unprotected private key file', messages: ["Permissions {n} for '{path}' are too open.", 'WARNING: UNPROTECTED PRIVATE KEY FILE!'] }),
  rule({ id: 'load-key', title: 'Invalid key format', messages: ['Load key "{path}": invalid format'] }),
  rule({ id: 'closed', title: 'Connection closed', stage: 'session', stageRank: 8, messages: ['Connection closed by {host} port {port}'] }),
  rule({ id: 'reset', title: 'Connection reset', stage: 'banner', stageRank: 2, messages: ['kex_exchange_identification: read: Connection reset by peer'] }),
  rule({ id: 'negotiate', title: 'No matching key exchange', stage: 'kex', stageRank: 3, messages: ['Unable to negotiate with {host} port {port}: no matching key exchange method found. Their offer: {list}'] }),
  rule({ id: 'hostile', title: 'Hostile text template', messages: ['{text}aaaaaa{text}zzz marker {text}'] }),
];
const m = createMatcher(RULES);
const best = (s: string) => m.match(s).best?.id ?? null;

describe('normalisation', () => {
  const texts = (s: string) => normalize(s).lines.map((l) => l.text);
  it('strips ANSI colours, CR and control characters', () => {
    expect(texts('\x1b[1;31mPermission denied (publickey).\x1b[0m\r\n')).toEqual(['Permission denied (publickey).']);
    expect(texts('Perm\x00ission\x07 denied')).toEqual(['Permission denied']);
    expect(texts('a\rb')).toEqual(['a', 'b']);
  });
  it('strips ISO, syslog and journald timestamps with host and process', () => {
    expect(texts('2026-11-26T10:00:01.123456+00:00 web1 sshd[1]: Invalid user x')).toEqual(['Invalid user x']);
    expect(texts('Nov 26 10:00:01 web1 sshd[123]: Invalid user x')).toEqual(['Invalid user x']);
    expect(texts('Nov  6 10:00:01 web1 sshd-session[99]: error: x')).toEqual(['error: x']);
    expect(texts('2026-11-26 10:00:01 Connection refused')).toEqual(['Connection refused']);
    expect(texts('sshd[77]: Accepted publickey')).toEqual(['Accepted publickey']);
  });
  it('keeps message text that only looks like a syslog source', () => {
    expect(texts('2026-11-26T10:00:01.1234567Z Network error: Connection refused')).toEqual(['Network error: Connection refused']);
    expect(texts('2026-11-26T10:00:01.1234567Z channel 3: open failed')).toEqual(['channel 3: open failed']);
  });
  it('strips GitHub Actions timestamps and annotations', () => {
    expect(texts('2026-11-26T10:00:01.1234567Z ##[error]Process completed with exit code 255.')).toEqual(['Process completed with exit code 255.']);
    expect(texts('::error file=x::Permission denied (publickey).')).toEqual(['Permission denied (publickey).']);
  });
  it('strips debug prefixes and marks the line', () => {
    const { lines } = normalize('debug1: Offering public key\ndebug3: send packet');
    expect(lines.map((l) => [l.text, l.debug])).toEqual([
      ['Offering public key', true],
      ['send packet', true],
    ]);
  });
  it('strips shell prompts', () => {
    expect(texts('$ ssh host')).toEqual(['ssh host']);
    expect(texts('user@host:~$ ssh host')).toEqual(['ssh host']);
    expect(texts('root@web-1:/etc/ssh# sshd -t')).toEqual(['sshd -t']);
    expect(texts('[ec2-user@ip-10-0-0-1 ~]$ ssh host')).toEqual(['ssh host']);
    expect(texts('PS C:\\Users\\me> ssh host')).toEqual(['ssh host']);
    expect(texts('C:\\Users\\me>ssh host')).toEqual(['ssh host']);
  });
  it('keeps user@host: messages that look like prompts', () => {
    expect(texts('git@github.com: Permission denied (publickey).')).toEqual(['git@github.com: Permission denied (publickey).']);
  });
  it('unwraps Ansible JSON; escaped CRLFs are line breaks on the same original line', () => {
    const input =
      'TASK [x]\nfatal: [web]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: Warning: Permanently added \'10.0.0.1\' (ED25519) to the list of known hosts.\\r\\nubuntu@10.0.0.1: Permission denied (publickey).", "unreachable": true}';
    const { lines } = normalize(input);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 2]);
    expect(lines[1].text).toContain("Failed to connect to the host via ssh: Warning: Permanently added '10.0.0.1' (ED25519) to the list of known hosts.");
    expect(lines[2].text).toMatch(/^ubuntu@10\.0\.0\.1: Permission denied \(publickey\)\."/);
    expect(lines[2].orig).toBe(input.split('\n')[1]);
  });
  it('unescapes Go %q strings but leaves plain Windows paths alone', () => {
    expect(texts('Error: ssh: disconnect, reason 2: \\"Too many authentication failures\\"')).toEqual([
      'Error: ssh: disconnect, reason 2: "Too many authentication failures"',
    ]);
    expect(texts('Load key "C:\\Users\\nick\\.ssh\\id_rsa": invalid format')).toEqual(['Load key "C:\\Users\\nick\\.ssh\\id_rsa": invalid format']);
  });
  it('turns typographic quotes into plain ones and collapses spaces', () => {
    expect(texts('Load key \u201c/k\u201d:   invalid\tformat')).toEqual(['Load key "/k": invalid format']);
  });
  it('turns full-width ASCII typed by Chinese and Japanese input methods into plain ASCII', () => {
    expect(texts('OpenSSL version mismatch. Built against 30000070\uff0cyou have 30100000')).toEqual(['OpenSSL version mismatch. Built against 30000070, you have 30100000']);
    expect(texts('\u5bc6\u94a5\u534f\u5546\u5931\u8d25\uff1aNo common algorithm\u3002')).toEqual(['\u5bc6\u94a5\u534f\u5546\u5931\u8d25: No common algorithm.']);
    expect(texts('Permission denied\uff08publickey\uff09\uff0e')).toEqual(['Permission denied (publickey).']);
  });
  it('decodes the HTML entities of text copied from a ticket or web page', () => {
    expect(texts('Load key &quot;/k&quot;: invalid format &amp; &#39;x&#x27; &lt;b&gt;')).toEqual([`Load key "/k": invalid format & 'x' <b>`]);
    expect(texts('&amp;quot; stays one level deep; &unknown; stays')).toEqual(['&quot; stays one level deep; &unknown; stays']);
  });
  it('closes up a method list retyped with spaces after its commas, and only such a list', () => {
    expect(texts('Permission denied (publickey, password).')).toEqual(['Permission denied (publickey,password).']);
    expect(texts('Permission denied (publickey, gssapi-keyex, gssapi-with-mic).')).toEqual(['Permission denied (publickey,gssapi-keyex,gssapi-with-mic).']);
    expect(texts('failed (see log, then retry in 5 minutes)')).toEqual(['failed (see log, then retry in 5 minutes)']);
  });
  it('counts lines of the original input', () => {
    expect(normalize('a\n\nb\n').total).toBe(3);
    expect(normalize('a\n\nb\n').lines.map((l) => l.line)).toEqual([1, 3]);
  });
});

describe('template compilation', () => {
  it('splits templates into literals and placeholders', () => {
    expect(parseTemplate('Load key "{path}": invalid format')).toEqual([
      { lit: 'Load key "' },
      { ph: 'path', re: '[^"\\n]{1,1024}', rev: '[^"\\n]{1,1024}', min: 1 },
      { lit: '": invalid format' },
    ]);
  });
  it('matches anywhere in a line, case-insensitively', () => {
    expect(best('>>> ssh: CONNECT to host db.example.com port 2222: connection REFUSED (exit 255)')).toBe('refused');
  });
  it('lets a quoted {path} contain spaces, an unquoted one not', () => {
    expect(best('Load key "C:\\Users\\Jane Doe\\.ssh\\id_rsa": invalid format')).toBe('load-key');
    expect(best("Permissions 0644 for '/Users/Jane Doe/key.pem' are too open.")).toBe('too-open');
    expect(compileTemplate('Identity file {path} not accessible', 0)?.anchor).toBe(' not accessible');
    expect(createMatcher([rule({ id: 'x', messages: ['Identity file {path} not accessible'] })], { fuzzy: false }).match('Identity file /a b not accessible').best).toBeNull();
  });
  it('accepts a message quoted without its closing full stop, but not a longer sentence', () => {
    const closing = createMatcher([rule({ id: 'hkv', messages: ['Host key verification failed.'] }), rule({ id: 'cc', messages: ['Connection closed.'] })], { fuzzy: false });
    expect(best('Permission denied (publickey)')).toBe('denied');
    expect(m.match('Permission denied (publickey)').best?.via).toBe('template');
    expect(closing.match('Host key verification failed').best?.id).toBe('hkv');
    expect(closing.match('error: "Host key verification failed" (exit 255)').best?.id).toBe('hkv');
    expect(closing.match('Host key verification failed.\r').best?.id).toBe('hkv');
    expect(closing.match('Connection closed by 10.0.0.1 port 22').best).toBeNull();
    expect(closing.match('Connection closedness').best).toBeNull();
    // Two words without their full stop are prose, not the message.
    expect(closing.match("console.log('connection closed')").best).toBeNull();
    expect(closing.match('Connection closed.').best?.id).toBe('cc');
  });
  it('accepts a quoted value pasted without its quotes', () => {
    expect(best('Warning: Permanently added <host> (ECDSA) to the list of known hosts.')).toBe('added');
    expect(best("Permissions 0644 for /home/me/.ssh/id_rsa are too open.")).toBe('too-open');
    expect(best('Load key /home/me/.ssh/id_rsa: invalid format')).toBe('load-key');
    expect(best('Load key "/home/me/.ssh/id_rsa": invalid format')).toBe('load-key');
  });
  it('lets a message closed by a bracket go on with any words once its full stop is dropped', () => {
    expect(best('Error: Permission denied (publickey) only for interactive commands')).toBe('denied');
    expect(best('[Kamal 2] Error: Permission denied (publickey) when running exec')).toBe('denied');
  });
  it('checks placeholder classes: {port} is digits', () => {
    // Not the message's template (0.97); at most a fragment of its last words.
    expect(m.match('ssh: connect to host h port abc: Connection refused').best?.confidence ?? 0).toBeLessThan(0.9);
  });
  it('merges adjacent placeholders instead of multiplying their bounds', () => {
    expect(parseTemplate('x {host}{port} y').filter((s) => 'ph' in s)).toHaveLength(1);
  });
  it('finishes on a 100,000-character line and still finds a message at its end', () => {
    const junk = 'a'.repeat(100_000);
    expect(best(junk)).toBeNull();
    expect(best(junk + ' ubuntu@1.2.3.4: Permission denied (publickey).')).toBe('denied');
    expect(best('Permission denied ('.repeat(5000))).toBeNull();
  });
  it('finishes on {text}-heavy templates against aaaa…', () => {
    expect(best('a'.repeat(100_000))).toBeNull();
    expect(best('a'.repeat(50_000) + 'zzz marker end')).toBe('hostile');
    expect(best('zzz marker '.repeat(10_000))).toBeNull();
    expect(best(('aaaaaa' + 'b'.repeat(3000)).repeat(30) + 'zzz marker ')).toBeNull();
  });
});

describe('precedence', () => {
  it('outranks: a declared specific cause beats the generic line', () => {
    const paste = 'sign_and_send_pubkey: no mutual signature supported\nuser@h: Permission denied (publickey).';
    const r = m.match(paste);
    expect(r.best?.id).toBe('mutual');
    expect(r.alternatives.map((a) => a.id)).toEqual(['denied']);
    expect(r.alternatives[0].confidence).toBeLessThan(r.best!.confidence);
  });
  it('outranks also holds when the specific line is debug-only', () => {
    expect(best('debug1: send_pubkey_test: no mutual signature algorithm\nuser@h: Permission denied (publickey).')).toBe('mutual');
  });
  it('kind: an error beats an info line printed before it', () => {
    expect(best("Warning: Permanently added 'h' (ED25519) to the list of known hosts.\nuser@h: Permission denied (publickey).")).toBe('denied');
    expect(best("Warning: Permanently added 'h' (ED25519) to the list of known hosts.")).toBe('added');
  });
  it('plain lines beat debug lines', () => {
    expect(best('debug1: Connection closed by 1.2.3.4 port 22 and more words here\nkex_exchange_identification: read: Connection reset by peer')).toBe('reset');
  });
  it('specificity: the longer literal wins over a generic line', () => {
    expect(best('Unable to negotiate with 1.2.3.4 port 22: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1\nConnection closed by 1.2.3.4 port 22')).toBe('negotiate');
  });
  it('an authentication failure after a failure that ended the connection is a later attempt, and wins', () => {
    const retried = 'kex_exchange_identification: read: Connection reset by peer\nthen, trying again a minute later:\nalice@web: Permission denied (publickey).';
    expect(best(retried)).toBe('denied');
    // The other way round, the reset is the later attempt.
    expect(best('alice@web: Permission denied (publickey).\nkex_exchange_identification: read: Connection reset by peer')).toBe('reset');
  });
  it('stage: with equal specificity the earlier stage wins, whatever the line order', () => {
    const a = rule({ id: 'late', stage: 'session', stageRank: 8, messages: ['late stage failure xy'] });
    const b = rule({ id: 'early', stage: 'connect', stageRank: 1, messages: ['early stage failure x'] });
    const mm = createMatcher([a, b]);
    expect(mm.match('late stage failure xy\nearly stage failure x').best?.id).toBe('early');
    expect(mm.match('early stage failure x\nlate stage failure xy').best?.id).toBe('early');
  });
  it('returns up to 3 alternatives with distinct ids', () => {
    const r = m.match(
      [
        'ssh: connect to host h port 22: Connection refused',
        'Load key "/k": invalid format',
        'kex_exchange_identification: read: Connection reset by peer',
        'Connection closed by 1.2.3.4 port 22',
        'Connection closed by 1.2.3.5 port 22',
        'user@h: Permission denied (publickey).',
      ].join('\n'),
    );
    expect(r.alternatives).toHaveLength(3);
    const ids = [r.best!.id, ...r.alternatives.map((a) => a.id)];
    expect(new Set(ids).size).toBe(4);
  });
});

describe('wordings other programs print too (shared)', () => {
  const shared = createMatcher(
    [
      rule({ id: 'timeout', stage: 'connect', stageRank: 1, messages: ['ssh: connect to host {host} port {port}: Connection timed out'], shared: ['dial tcp {addr}:{port}: i/o timeout'] }),
      rule({ id: 'denied', messages: ['Permission denied ({list}).'] }),
    ],
    { fuzzy: false },
  );
  const id = (s: string) => shared.match(s).best?.id ?? null;
  it('do not decide a paste that is not about SSH', () => {
    expect(id('Unable to connect to the server: dial tcp 10.96.0.1:443: i/o timeout')).toBeNull();
  });
  it('decide once the paste names SSH, one of its programs, or port 22', () => {
    expect(id('Error: timeout - last error: dial tcp 10.0.0.5:22: i/o timeout')).toBe('timeout');
    expect(id('Connecting to remote host via SSH...\ndial tcp 10.0.0.5:2222: i/o timeout')).toBe('timeout');
    // The context may sit in a prefix the normaliser strips (a syslog source).
    expect(id('Nov 26 10:00:01 ci sshd-proxy[12]: dial tcp 10.0.0.5:2222: i/o timeout')).toBe('timeout');
  });
  it('count alongside an SSH-only message in the same paste', () => {
    const r = shared.match('dial tcp 10.0.0.5:2222: i/o timeout\nPermission denied (publickey).');
    expect([r.best?.id, ...r.alternatives.map((a) => a.id)].sort()).toEqual(['denied', 'timeout']);
  });
});

describe('-vvv trace', () => {
  it('a debug2/debug3 line never decides, while the same words at debug1 or plain do', () => {
    expect(best("debug3: Load key \"/home/u/.ssh/id_rsa\": invalid format")).toBeNull();
    expect(best("debug2: Load key \"/home/u/.ssh/id_rsa\": invalid format")).toBeNull();
    expect(best("debug1: Load key \"/home/u/.ssh/id_rsa\": invalid format")).toBe('load-key');
    expect(best('debug3: Load key "/k": invalid format\nu@h: Permission denied (publickey).')).toBe('denied');
  });
});

describe('evidence', () => {
  it('points at the original line number and text', () => {
    const input = '\x1b[2m$ ssh -v h\x1b[0m\n\nNov 26 10:00:01 web1 sshd[1]: debug1: x\n2026-11-26T10:00:01Z ubuntu@h: Permission denied (publickey).\n';
    const r = m.match(input);
    expect(r.best?.evidence).toEqual({ line: 4, text: '2026-11-26T10:00:01Z ubuntu@h: Permission denied (publickey).' });
    expect(r.stats.lines).toBe(4);
    expect(r.best?.via).toBe('template');
  });
  it('finds a message wrapped over two lines, at a space or mid-word', () => {
    const r = m.match('line one\nubuntu@10.0.0.1: Permission denied\n(publickey).');
    expect(r.best?.id).toBe('denied');
    expect(r.best?.evidence.line).toBe(2);
    expect(best('sign_and_send_pubkey: no mutual sig\nnature supported')).toBe('mutual');
  });
  it('never joins a command line with the line under it', () => {
    const bastion = createMatcher([...RULES, rule({ id: 'bastion', messages: ['{user}@{host}@{host}: Permission denied (publickey'] })], { fuzzy: false });
    expect(bastion.match('ssh -F ./ssh.cfg root@web.internal\nalice@proxy.example.com: Permission denied (publickey).').best?.id).toBe('denied');
    expect(bastion.match('alice@corp.example@bastion.example.com: Permission denied (publickey).').best?.id).toBe('bastion');
  });
});

describe('prompts', () => {
  const withPrompt = createMatcher(
    [...RULES, rule({ id: 'password', messages: ['Permission denied, please try again.'], prompts: ["{user}@{host}'s password:"], promptClaims: ['denied'] })],
    { fuzzy: false },
  );
  const route = (s: string) => withPrompt.match(s);
  it('answer a failure they explain after them in the same try, keeping it as the runner-up', () => {
    const r = route("alice@web's password: \nalice@web: Permission denied (publickey,keyboard-interactive).");
    expect(r.best?.id).toBe('password');
    expect(r.best?.evidence.line).toBe(2);
    expect(r.alternatives.map((a) => a.id)).toContain('denied');
  });
  it('never answer alone, nor a failure before them, in another try, or one they do not claim', () => {
    expect(route("alice@web's password: ").best).toBeNull();
    expect(route("alice@web: Permission denied (publickey).\nalice@web's password: ").best?.id).toBe('denied');
    expect(route("alice@web's password: \n$ ssh -i key alice@web\nalice@web: Permission denied (publickey).").best?.id).toBe('denied');
    expect(route("alice@web's password: \nLoad key \"/k\": invalid format").best?.id).toBe('load-key');
  });
});

describe('fuzzy fallback', () => {
  it('guesses short inputs with typos, with capped confidence', () => {
    const r = m.match('ssh conection refused');
    expect(r.best?.id).toBe('refused');
    expect(r.best?.via).toBe('fuzzy');
    expect(r.best!.confidence).toBeLessThanOrEqual(0.6);
    expect(r.notice).toBeTruthy();
    expect(best('too open')).toBe('too-open');
    expect(best('unprotected private key')).toBe('too-open');
  });
  it("does not guess from another program's message that looks like an SSH error", () => {
    expect(best('bash: ./deploy.sh: Permission denied')).toBeNull();
    expect(best('java.net.ConnectException: Connection refused (Connection refused)')).toBeNull();
    // OpenSSH's own prefixes are function names or name ssh: still guessed.
    expect(best('ssh: conection refused')).toBe('refused');
    expect(best('kex_exchange_identification: read: connection reset by per')).toBe('reset');
  });
  it('gives null for text with nothing SSH-specific', () => {
    for (const s of ['hello world', 'npm ERR! code E404', 'TypeError: Cannot read properties of undefined', '', '   \n\n', 'a']) {
      const r = m.match(s);
      expect(r.best, s).toBeNull();
      expect(r.notice, s).toBeTruthy();
    }
  });
  it('is not tried on long inputs', () => {
    expect(best('ssh conection refused\n'.repeat(10))).toBeNull();
    expect(best('debug1: ssh conection refused')).toBeNull();
    expect(best('scp: /srv/x: conection refused')).toBeNull();
  });
  it('reads a typed sentence about SSH: word forms, a host in it, common words weighed less', () => {
    const timedOut = createMatcher([
      ...RULES,
      rule({ id: 'timeout', stage: 'connect', stageRank: 1, messages: ['ssh: connect to host {host} port {port}: Connection timed out', 'Connection to {host} port {port} timed out'] }),
    ]);
    expect(timedOut.match("I've tried ssh username@ipaddress but it just times out on port 22").best?.id).toBe('timeout');
    expect(timedOut.match('ssh: the connection to port 2222 keeps timing out').best?.id).toBe('timeout');
    // A sentence that names SSH and shares only common words with a message is not about it.
    expect(timedOut.match('I can ssh to the host but my app cannot connect to port 5432').best).toBeNull();
    // A pasted line with a host that no template matched is still not guessed at.
    expect(timedOut.match('telnet 10.0.0.1 22 times out').best).toBeNull();
  });
  it('guesses from a sentence about SSH in a longer typed paste, less surely', () => {
    const issue = ['**Describe the bug**', 'I can ping the board fine.', 'When I try to SSH into 10.0.0.2, it gives me "refused to connect on port 22, connection refused".', '', '**To reproduce**', '1. ssh pi@10.0.0.2'].join('\n');
    const r = m.match(issue);
    expect(r.best?.id).toBe('refused');
    expect(r.best?.via).toBe('fuzzy');
    expect(r.best?.evidence.line).toBe(3);
    expect(r.best!.confidence).toBeLessThan(0.6 * 0.9);
    // The same form about a database names no SSH: no guess.
    expect(m.match(issue.replace(/SSH into/, 'psql into').replace('port 22', 'port 5432').replace('ssh pi@', 'psql -h ')).best).toBeNull();
  });
  it('can be turned off', () => {
    expect(createMatcher(RULES, { fuzzy: false }).match('ssh conection refused').best).toBeNull();
  });
});

describe('limits and robustness', () => {
  it('refuses inputs over 10 MB with a notice saying the limit', () => {
    const r = m.match('x'.repeat(MAX_INPUT_CHARS + 1));
    expect(r.best).toBeNull();
    expect(r.notice).toMatch(/10 MB/);
    expect(createMatcher(RULES, { maxInputChars: 100 }).match('x'.repeat(101)).notice).toMatch(/limit/);
  });
  it('never throws on binary junk, NUL bytes, lone surrogates or RTL text', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const junk = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(rnd() * 0x10000))).join('');
    for (const s of [junk, '\0'.repeat(1000), '\ud800\udfff\udc00x\ud83d', '\u202eenied (publickey)\u202c', 'שגיאה: Permission denied (publickey).', '\\u12', '\\', '{text}']) {
      expect(() => m.match(s)).not.toThrow();
    }
    expect(best('שגיאה: ubuntu@h: Permission denied (publickey).')).toBe('denied');
    // Non-strings from careless callers (the worker receives untyped messages).
    expect(m.match(undefined as unknown as string).best).toBeNull();
  });
});
