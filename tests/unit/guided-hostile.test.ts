/**
 * Hostile pastes into a guided check box: another command's output, 10 MB, binary junk, markup,
 * non-text. Each must come back "can't tell" with the command to run, within a time budget
 * (loose: the machine is shared; it catches backtracking blow-ups, which take minutes), and
 * never throw. Also: patterns from content can't be made slow or invalid.
 */
import { describe, expect, it } from 'vitest';
import { readArticles } from '../../src/catalog/load.ts';
import { evaluateCheck } from '../../src/guided/engine.ts';
import { extractGuided } from '../../src/guided/extract.ts';
import { compilePattern, matchPattern } from '../../src/guided/pattern.ts';

const verdicts = readArticles()
  .articles.filter((a) => ['connection-refused', 'permission-denied-publickey', 'connection-timed-out'].includes(a.id))
  .flatMap((a) => extractGuided(a.body, a.file).causes.flatMap((c) => c.verdicts));

function allCantTell(input: unknown, budgetMs: number) {
  const t0 = performance.now();
  for (const v of verdicts) {
    const a = evaluateCheck(v, input);
    expect(a.verdict, `${v.cause}: ${a.say}`).toBe('cant-tell');
    expect(a.run).toBe(v.run);
  }
  expect(performance.now() - t0).toBeLessThan(budgetMs);
}

describe('guided checks on hostile input', () => {
  it('has the three articles\' blocks', () => expect(verdicts.length).toBe(19));

  it('another command\'s output (an ssh -vvv log, a Python traceback) can\'t tell', () => {
    allCantTell('OpenSSH_9.6p1 Ubuntu-3ubuntu13, OpenSSL 3.0.13\ndebug1: Reading configuration data /etc/ssh/ssh_config\ndebug1: Connecting to 203.0.113.10 [203.0.113.10] port 2222.\n', 2000);
    allCantTell('Traceback (most recent call last):\n  File "x.py", line 1, in <module>\nValueError: nope\n', 2000);
  });

  it('markup is only text: no verdict, and the proof (when any) is the raw line', () => {
    allCantTell('<img src=x onerror=alert(1)><script>alert(1)</script>\n<b>Active:</b>', 2000);
    const v = verdicts.find((x) => x.cause === 'rsa-sha1-key')!;
    const a = evaluateCheck(v, '<script>x</script> send_pubkey_test: no mutual signature algorithm');
    expect(a.verdict).toBe('confirmed');
    expect(a.proof?.text).toBe('<script>x</script> send_pubkey_test: no mutual signature algorithm');
  });

  it('binary junk and non-text can\'t tell, with a notice', () => {
    const junk = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 32)).join('');
    allCantTell(junk, 5000);
    allCantTell(undefined, 500);
    allCantTell({ toString: () => { throw new Error('x'); } }, 500);
    expect(evaluateCheck(verdicts[0], junk).notices.join(' ')).toMatch(/binary/);
  });

  it('10 MB of near-misses answers within bounds', () => {
    const line = `${'Active: '.repeat(200)}${'9'.repeat(1000)} tcp:2 port 2 LISTEN 0.0.0.0:x Connection to * `;
    const big = `${line}\n`.repeat(Math.ceil((10 * 1024 * 1024) / (line.length + 1)));
    allCantTell(big, 60_000);
  }, 90_000);

  it('patterns: invalid ones are refused with a reason, and matching is linear', () => {
    for (const bad of ['', '*', 'a(b', 'a|b', '(a|)', 'a^b', 'x\\', '(a*)', 'x'.repeat(201)]) {
      expect(compilePattern(bad), bad).toHaveProperty('error');
    }
    const p = compilePattern('#*#*#*#*#*#*#*# x$');
    if ('error' in p) throw new Error(p.error);
    const t0 = performance.now();
    for (let i = 0; i < 500; i++) expect(matchPattern(p, `${'1 '.repeat(2000)}`)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
