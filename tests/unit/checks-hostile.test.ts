import { describe, expect, it } from 'vitest';
import { analyzeLog, checkPermissions, checkSshConfig, checkSshdConfig, detectKind, explainNegotiation } from '../../src/checks/index.ts';

const all = (text: string) => [
  detectKind(text),
  analyzeLog(text),
  checkPermissions(text),
  checkSshdConfig(text, { user: 'x' }),
  checkSshdConfig(text, { user: 'x', host: 'h.example.com', addr: '10.0.0.1' }),
  checkSshConfig(text, { host: 'h.example.com' }),
  checkSshConfig(text),
  explainNegotiation(text, { routedId: 'no-matching-cipher' }),
];

// Each input must come back as a result (never a throw) within a time budget. The budgets are
// loose (the machine is shared): they catch catastrophic backtracking, which takes minutes.
function timed(text: string, budgetMs: number) {
  const t0 = performance.now();
  const r = all(text);
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(budgetMs);
  return r;
}

describe('hostile input', () => {
  it('empty input: notices, no findings', () => {
    const [kind, log, perms, cfg] = timed('', 2000) as [string, ReturnType<typeof analyzeLog>, ReturnType<typeof checkPermissions>, ReturnType<typeof checkSshdConfig>];
    expect(kind).toBe('unknown');
    expect(log.findings).toEqual([]);
    expect(perms.notices.join(' ')).toMatch(/empty/);
    expect(cfg.findings).toEqual([]);
  });

  it('binary junk', () => {
    let junk = '';
    for (let i = 0; i < 200_000; i++) junk += String.fromCharCode((i * 7919) % 256);
    const [kind, log, perms] = timed(junk, 2000) as [string, ReturnType<typeof analyzeLog>, ReturnType<typeof checkPermissions>];
    expect(kind).toBe('unknown');
    expect(log.notices.join(' ')).toMatch(/binary/);
    expect(perms.findings).toEqual([]);
  });

  it('HTML is text, not markup: nothing is executed or echoed unescaped into findings', () => {
    const html = '<html><body><script>alert(1)</script><img src=x onerror=alert(1)>\n<p>debug1: Connecting to <b>x</b></p></body></html>';
    const [kind, log] = timed(html, 2000) as [string, ReturnType<typeof analyzeLog>];
    expect(kind).toBe('error');
    expect(log.failure).toBeNull();
  });

  it('a 100,000-character line', () => {
    // All spaces is simply empty input.
    expect(analyzeLog(' '.repeat(100_000)).notices.join(' ')).toMatch(/empty/);
    for (const line of ['a'.repeat(100_000), `debug1: Offering public key: ${'x '.repeat(50_000)}`, `Unable to negotiate with ${'1'.repeat(100_000)}`, `${'a '.repeat(50_000)}:(F)`, `-rw-r--r-- 1 a b 1 Jan 1 2020 ${'n'.repeat(100_000)}`, `#${'/a'.repeat(50_000)}`, `==> ${'x'.repeat(100_000)} <==`]) {
      const [, log] = timed(line, 1500) as [string, ReturnType<typeof analyzeLog>];
      expect(log.notices.join(' ')).toMatch(/cut/);
    }
  });

  it('pathological repeats stay linear', () => {
    const inputs = [
      'debug1: '.repeat(500_000),
      'Match '.repeat(200_000),
      'AllowUsers ' + '*'.repeat(3000) + 'a\n',
      'drwxrwxrwx+ 1 a a 1 Jan 1 00:00 .\n'.repeat(50_000),
      'C:\\x\\y NT AUTHORITY\\SYSTEM:(F)\n                 Everyone:(R)\n'.repeat(20_000),
      'Port 22\n'.repeat(100_000),
      `Match User ${'*'.repeat(3000)}a,${'?'.repeat(3000)}\n  PasswordAuthentication no\n`.repeat(20),
      `Match Address ${'10.0.0.0/8,'.repeat(400)}::1/200\n`.repeat(50),
      `Host ${'*a'.repeat(2000)}b\n  User x\n`.repeat(20),
      `Unable to negotiate with h port 22: no matching cipher found. Their offer: ${'aes128-cbc,'.repeat(350)}\n`.repeat(2000),
      `$ ssh ${'-o x '.repeat(800)}\n`.repeat(100),
    ];
    for (const text of inputs) timed(text, 15_000);
  }, 120_000);

  it('10 MB input is accepted and bounded', () => {
    const big = 'debug1: Connection established.\n'.repeat(340_000);
    expect(big.length).toBeGreaterThan(10_000_000);
    const [, log] = timed(big, 30_000) as [string, ReturnType<typeof analyzeLog>];
    expect(log.notices.join(' ')).toMatch(/only the (beginning|first)/);
  }, 120_000);

  it('non-string input does not throw', () => {
    expect(() => analyzeLog(undefined as unknown as string)).not.toThrow();
    expect(() => checkPermissions(null as unknown as string)).not.toThrow();
    expect(() => checkSshdConfig(42 as unknown as string)).not.toThrow();
    expect(detectKind({} as unknown as string)).toBe('unknown');
  });
});
