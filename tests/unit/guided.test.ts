/**
 * Guided checks: every verdict block of every article, read against the fixture outputs in
 * tests/fixtures/guided/<article>/<cause>/ (confirms-*.txt must confirm, rules-out-*.txt must
 * rule out, cant-tell-*.txt must decide nothing: outputs that once got a wrong verdict), every
 * rule proven in its direction by at least one fixture, and the blocks'
 * coverage of the fixtures folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticles, ROOT } from '../../src/catalog/load.ts';
import { guidedRequiredIds, missingGuided } from '../../src/guided/coverage.ts';
import { CANT_TELL, evaluateCheck } from '../../src/guided/engine.ts';
import { extractGuided, formatProblem, type CompiledVerdict } from '../../src/guided/extract.ts';
import { articleMarkdown } from '../../src/markdown/article-markdown.ts';
import { PASTES_DIR, realPasteCounts } from '../fixtures/read.ts';

const FIXTURES = join(ROOT, 'tests/fixtures/guided');
const { articles } = readArticles();

/** The fixture as the reader would paste it: the `# source:` header line removed. */
function pasted(file: string): string {
  return readFileSync(file, 'utf8').replace(/^# source: .*\n?/, '');
}

const verdictsOf = (articleId: string): CompiledVerdict[] => {
  const a = articles.find((x) => x.id === articleId);
  return a ? extractGuided(a.body, a.file).causes.flatMap((c) => c.verdicts) : [];
};

const fixtureArticles = readdirSync(FIXTURES).filter((d) => !d.startsWith('.'));

describe('guided fixtures', () => {
  for (const articleId of fixtureArticles) {
    for (const cause of readdirSync(join(FIXTURES, articleId))) {
      const verdict = verdictsOf(articleId).find((v) => v.cause === cause);
      it(`${articleId}#${cause} has a verdict block`, () => expect(verdict, `content/errors/${articleId}.mdx has no verdict block in cause "${cause}"`).toBeDefined());
      if (!verdict) continue;
      const files = readdirSync(join(FIXTURES, articleId, cause)).filter((f) => f.endsWith('.txt'));
      const hit = { confirms: new Set<number>(), rulesOut: new Set<number>() };
      for (const f of files) {
        const direction = f.startsWith('confirms-') ? 'confirms' : f.startsWith('rules-out-') ? 'rulesOut' : f.startsWith('cant-tell-') ? 'cantTell' : null;
        it(`${articleId}/${cause}/${f}`, () => {
          expect(direction, 'a fixture is named confirms-*.txt, rules-out-*.txt or cant-tell-*.txt').not.toBeNull();
          const text = pasted(join(FIXTURES, articleId, cause, f));
          const answer = text.trim() === '' ? evaluateCheck(verdict, '', { printedNothing: true }) : evaluateCheck(verdict, text);
          if (direction === 'cantTell') {
            expect(answer.verdict, answer.say).toBe('cant-tell');
            expect(answer.run).toBe(verdict.run);
            return;
          }
          expect(answer.verdict, answer.say).toBe(direction === 'confirms' ? 'confirmed' : 'ruled-out');
          expect(answer.rule).not.toBeNull();
          hit[direction as 'confirms' | 'rulesOut'].add(answer.rule!);
          if (direction === 'rulesOut') expect(answer.next).toBe(verdict.rulesOut[answer.rule!].next ?? verdict.next);
          if (answer.proof) {
            // The proof shows the line as read: a tab (dig, journalctl -o cat) becomes a space.
            expect(text.split('\n')[answer.proof.line - 1].replace(/\t/g, ' ')).toContain(answer.proof.text.slice(answer.proof.from, answer.proof.to));
            expect(answer.proof.to).toBeGreaterThan(answer.proof.from);
          }
        });
      }
      it(`${articleId}#${cause}: every rule is proven by a fixture in its direction`, () => {
        const unproven = [
          ...verdict.confirms.map((r, i) => (hit.confirms.has(i) ? null : `confirms.${i} (${r.say})`)),
          ...verdict.rulesOut.map((r, i) => (hit.rulesOut.has(i) ? null : `rulesOut.${i} (${r.say})`)),
        ].filter(Boolean);
        expect(unproven).toEqual([]);
      });
    }
  }

  it('every verdict block of an article with fixtures has a fixture folder', () => {
    const missing = fixtureArticles.flatMap((id) =>
      verdictsOf(id)
        .map((v) => v.cause)
        .filter((cause) => !existsSync(join(FIXTURES, id, cause)))
        .map((cause) => `${id}#${cause}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('guided chain', () => {
  it('a confirmed proof is the line that shows it, highlighted on the matched part', () => {
    const v = verdictsOf('connection-refused').find((x) => x.cause === 'sshd-not-running')!;
    const a = evaluateCheck(v, pasted(join(FIXTURES, 'connection-refused/sshd-not-running/confirms-rhel-failed.txt')));
    expect(a.verdict).toBe('confirmed');
    expect(a.proof?.text).toMatch(/^\s+Active: failed \(Result: exit-code\)/);
  });

  it('ruled out points at the next cause, and the last cause at none', () => {
    const v = verdictsOf('connection-refused');
    expect(v.map((x) => [x.cause, x.next])).toEqual([
      ['sshd-not-running', 'wrong-port-or-address'],
      ['wrong-port-or-address', 'address-banned'],
      ['address-banned', 'firewall-rejects'],
      ['firewall-rejects', 'wrong-host'],
      ['wrong-host', null],
    ]);
  });

  it('undecided output of a check read by pattern is "doesn\'t show", not "doesn\'t look like this check"', () => {
    const byPattern = verdictsOf('connection-refused').find((x) => x.cause === 'wrong-host')!;
    expect(evaluateCheck(byPattern, 'Connection to 10.0.0.5 port 22 [tcp/ssh] failed: Connection refused').say).toBe(CANT_TELL.undecided);
    const byParser = verdictsOf('connection-refused').find((x) => x.cause === 'firewall-rejects')!;
    expect(evaluateCheck(byParser, 'hello world').say).toBe(CANT_TELL.unknown);
    // A line one of the rules looks for is this check's output, even where no parser reads it
    // (sshd -t's bare line, without the journal lines that would decide).
    const byRuleLine = verdictsOf('connection-reset-by-peer').find((x) => x.cause === 'sshd-fails-per-connection')!;
    expect(evaluateCheck(byRuleLine, 'Missing privilege separation directory: /run/sshd').say).toBe(CANT_TELL.undecided);
    expect(evaluateCheck(byRuleLine, 'hello world').say).toBe(CANT_TELL.unknown);
  });

  it('output that shows both for and against is "can\'t tell"', () => {
    const v = verdictsOf('connection-refused').find((x) => x.cause === 'sshd-not-running')!;
    const both = `${pasted(join(FIXTURES, 'connection-refused/sshd-not-running/confirms-systemctl-inactive.txt'))}\n${pasted(join(FIXTURES, 'connection-refused/sshd-not-running/rules-out-ss-sshd-22.txt'))}`;
    expect(evaluateCheck(v, both)).toMatchObject({ verdict: 'cant-tell', run: v.run });
  });
});

describe('guided data: lint and build', () => {
  // Reads every paste and corpus fixture: once for the tests below.
  const counts = realPasteCounts();
  it('the required articles are the 20 with the most real pastes, ties broken by id', () => {
    const ids = articles.map((a) => a.id);
    const required = guidedRequiredIds(ids, counts);
    expect(required).toHaveLength(20);
    const count = (id: string) => counts.get(id) ?? 0;
    // Captured OpenSSH output counts; a wording researched from a library's source does not.
    const captured = (id: string) => (existsSync(join(PASTES_DIR, id)) ? readdirSync(join(PASTES_DIR, id)).filter((f) => f.startsWith('captured-')).length : 0);
    expect(count('permission-denied-publickey')).toBeGreaterThan(captured('permission-denied-publickey'));
    for (let i = 1; i < required.length; i++) {
      const [a, b] = [required[i - 1], required[i]];
      expect(count(a) > count(b) || (count(a) === count(b) && a < b), `${a} before ${b}`).toBe(true);
    }
    const last = count(required[19]);
    expect(ids.filter((id) => !required.includes(id)).every((id) => count(id) < last || (count(id) === last && id > required[19]))).toBe(true);
    expect(guidedRequiredIds([...ids].reverse(), counts)).toEqual(required);
    expect(required).toEqual(expect.arrayContaining(['connection-refused', 'permission-denied-publickey', 'connection-timed-out']));
  });

  it('a missing block is reported as article#cause; the three filled articles have none missing', () => {
    const missing = missingGuided(articles, counts);
    for (const id of ['connection-refused', 'permission-denied-publickey', 'connection-timed-out']) expect(missing.filter((m) => m.id === id)).toEqual([]);
    const bare = { ...articles.find((a) => a.id === 'connection-refused')!, body: '<Cause id="a" title="A">\n\n```sh\nss -tlnp\n```\n\n</Cause>\n' };
    expect(missingGuided([bare], new Map([['connection-refused', 1]]))).toEqual([{ id: 'connection-refused', cause: 'a' }]);
  });

  it('a broken block names the file, the cause and the field', () => {
    const body = '<Cause id="sshd-down" title="x">\n\n```verdict\ncheck: listeners\nrun: ss -tlnp\nconfirms:\n  - when: { prot: 22 }\n    say: nothing\nrulesOut:\n  - match: "a(b"\n    say: listens\nnext: nowhere\n```\n\n</Cause>\n';
    const messages = extractGuided(body, 'content/errors/x.mdx').problems.map(formatProblem);
    expect(messages.sort()).toEqual([
      'content/errors/x.mdx: cause "sshd-down": field "confirms.0.when.prot": "prot" is not a fact of listeners (facts: listeners: port, address, process)',
      'content/errors/x.mdx: cause "sshd-down": field "rulesOut.0.match": "(" at 2 has no ")"',
    ]);
    const next = body.replace('  - when: { prot: 22 }', '  - when: { port: 22 }').replace('"a(b"', '"b"');
    expect(extractGuided(next, 'content/errors/x.mdx').problems.map(formatProblem)).toEqual([
      'content/errors/x.mdx: cause "sshd-down": field "next": "nowhere" is not a cause of this article (causes: sshd-down)',
    ]);
  });

  it('a rulesOut rule may point to another cause than the block does, and only to a cause of the article', () => {
    const body = (ruleNext: string, confirmNext = '') =>
      `<Cause id="old-server" title="x">\n\n\`\`\`verdict\ncheck: text\nrun: ssh host\nconfirms:\n  - match: "only sha1"\n    say: old server${confirmNext}\nrulesOut:\n  - match: "modern"\n    say: not old\n  - match: "strict"\n    say: narrowed on purpose\n    next: ${ruleNext}\n\`\`\`\n\n</Cause>\n\n<Cause id="old-client" title="y">\n\n</Cause>\n\n<Cause id="policy" title="z">\n\n</Cause>\n`;
    const ok = extractGuided(body('policy'), 'content/errors/x.mdx');
    expect(ok.problems).toEqual([]);
    const [v] = ok.causes[0].verdicts;
    expect(evaluateCheck(v, 'Their offer: modern').next).toBe('old-client');
    expect(evaluateCheck(v, 'Their offer: strict').next).toBe('policy');
    expect(extractGuided(body('nowhere'), 'content/errors/x.mdx').problems.map(formatProblem)).toEqual([
      'content/errors/x.mdx: cause "old-server": field "rulesOut.1.next": "nowhere" is not a cause of this article (causes: old-server, old-client, policy)',
    ]);
    expect(extractGuided(body('policy', '\n    next: policy'), 'content/errors/x.mdx').problems.map(formatProblem)).toEqual([
      'content/errors/x.mdx: cause "old-server": field "confirms.0.next": `next:` belongs to a rulesOut rule (where to go when this cause is ruled out)',
    ]);
  });

  it("a proof on a line longer than the box shows is highlighted within the shown part, never over the '…'", () => {
    const body = '<Cause id="old-server" title="x">\n\n```verdict\ncheck: text\nrun: ssh host\nconfirms:\n  - match: "peer offered: *sha1"\n    say: old server\nrulesOut:\n  - match: "modern"\n    say: not old\n```\n\n</Cause>\n';
    const [v] = extractGuided(body, 'content/errors/x.mdx').causes[0].verdicts;
    const line = `ssh: handshake failed: ${'x'.repeat(280)} peer offered: [diffie-hellman-group14-sha1]`;
    const { verdict, proof } = evaluateCheck(v, line);
    expect(verdict).toBe('confirmed');
    expect(proof!.text.endsWith('…')).toBe(true);
    expect(proof!.to).toBeLessThan(proof!.text.length);
    expect(line).toContain(proof!.text.slice(proof!.from, proof!.to));
  });

  it('`also:` needs a second line beside the match, and needs a match', () => {
    const body = (rule: string) => `<Cause id="key-body" title="x">\n\n\`\`\`verdict\ncheck: text\nrun: ssh-keygen -y -f KEY\nconfirms:\n${rule}\n    say: body damaged\nrulesOut:\n  - match: "ssh-ed25519 AAAA"\n    say: loads\n\`\`\`\n\n</Cause>\n`;
    const [v] = extractGuided(body('  - match: "BEGIN OPENSSH"\n    also: "error in libcrypto"'), 'content/errors/x.mdx').causes[0].verdicts;
    expect(evaluateCheck(v, '-----BEGIN OPENSSH PRIVATE KEY-----\nLoad key "k": error in libcrypto').verdict).toBe('confirmed');
    expect(evaluateCheck(v, '-----BEGIN OPENSSH PRIVATE KEY-----').verdict).toBe('cant-tell');
    expect(evaluateCheck(v, 'Load key "k.pub": error in libcrypto').verdict).toBe('cant-tell');
    expect(extractGuided(body('  - when: { port: 22 }\n    also: "libcrypto"').replace('check: text', 'check: listeners'), 'content/errors/x.mdx').problems.map(formatProblem)).toEqual([
      'content/errors/x.mdx: cause "key-body": field "confirms.0.also": `also:` needs a `match:` beside it',
    ]);
  });

  it('the Markdown twin leaves the verdict blocks out', () => {
    const a = articles.find((x) => x.id === 'connection-refused')!;
    const md = articleMarkdown({ id: a.id, data: a.data, body: a.body }, { siteUrl: 'https://example.com/' });
    expect(md).toContain('sudo ss -tlnp');
    expect(md).not.toMatch(/rulesOut|```verdict/);
  });
});
