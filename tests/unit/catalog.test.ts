import { missingGuided } from '../../src/guided/coverage.ts';
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { ARTICLES_DIR, catalogProblems, parseArticle, readArticles, readIdContract, type Article } from '../../src/catalog/load.ts';
import { lintArticle } from '../../src/catalog/lint.ts';
import { PLACEHOLDERS } from '../../src/catalog/schema.ts';
import { parseTemplate } from '../../src/matcher/index.ts';
import { realPasteCounts } from '../fixtures/read.ts';

const FILE = 'content/errors/example-error.mdx';
const good = {
  title: 'Example error',
  summary: 'A summary long enough to be a meta description for the page.',
  stage: 'connect',
  side: 'server',
  messages: [{ text: 'ssh: connect to host {host} port {port}: Example', from: 'OpenSSH client' }],
};
const body = `
## What it means

Text.

## Causes

<Cause id="first" title="First cause">

\`\`\`sh
systemctl status ssh
\`\`\`

<OsTabs>
<Tab os="ubuntu">

Fix.

</Tab>
<Tab os="rhel">

Fix.

</Tab>
<Tab os="cloud">

<CloudRescue />

</Tab>
</OsTabs>

</Cause>

## Verify the fix

\`\`\`sh
ssh -v host
\`\`\`
`;

function mdx(frontmatter: object, text = body) {
  return `---\n${JSON.stringify(frontmatter, null, 2)}\n---\n${text}`;
}

function article(frontmatter: object = good, text = body): Article {
  return parseArticle(mdx(frontmatter, text), FILE);
}

describe('article schema', () => {
  it('accepts a complete article and fills defaults', () => {
    const a = article();
    expect(a.id).toBe('example-error');
    expect(a.data.kind).toBe('error');
    expect(a.data.outranks).toEqual([]);
  });

  it.each([
    [{ ...good, stage: 'handshake' }, 'stage'],
    [{ ...good, title: undefined }, 'title'],
    [{ ...good, side: 'somewhere' }, 'side'],
    [{ ...good, messages: [] }, 'messages'],
    [{ ...good, messages: [{ text: 'Load key {file}: invalid format', from: 'OpenSSH' }] }, 'messages.0.text'],
    [{ ...good, messages: [{ text: 'ssh: connect to host {host}' }] }, 'messages.0.from'],
    [{ ...good, related: [{ id: 'Not An Id', clue: 'a clue that is long enough' }] }, 'related.0.id'],
    [{ ...good, messages: [{ text: 'dial tcp {addr}:{port}: i/o timeout', from: 'Go', shared: true }] }, 'messages'],
    [{ ...good, symptoms: ['Times Out'] }, 'symptoms.0'],
    [{ ...good, symptoms: ['timeout'] }, 'symptoms.0'],
    [{ ...good, symptoms: ['ssh: times out'] }, 'symptoms.0'],
    [{ ...good, extra: true }, ''],
  ])('a broken article names the file and the field (%#)', (frontmatter, field) => {
    expect(() => article(frontmatter)).toThrow(FILE);
    try {
      article(frontmatter);
    } catch (e) {
      if (field) expect((e as Error).message).toContain(`field "${field}"`);
    }
  });

  it('every placeholder the schema allows is one the matcher compiles', () => {
    for (const name of Object.keys(PLACEHOLDERS)) {
      expect(parseTemplate(`before {${name}} after`).some((seg) => 'ph' in seg && seg.ph === name), name).toBe(true);
    }
  });

  it('reports frontmatter that is not YAML, or missing', () => {
    expect(() => parseArticle('---\ntitle: [unclosed\n---\n', FILE)).toThrow(/example-error\.mdx: frontmatter is not valid YAML/);
    expect(() => parseArticle('# no frontmatter', FILE)).toThrow(/example-error\.mdx: no frontmatter/);
  });

  it('checks references across articles', () => {
    const a = article({ ...good, related: [{ id: 'missing-one', clue: 'a clue that is long enough' }], outranks: ['example-error'] });
    const messages = catalogProblems([a]).map((p) => p.message);
    expect(messages).toContain(`${FILE}: field "related.0": "missing-one" is not the id of any article`);
    expect(messages).toContain(`${FILE}: field "outranks.0": an article cannot refer to itself`);
    expect(catalogProblems([a], ['other-id']).map((p) => p.message).join('\n')).toContain('not in content/ids.tsv');
  });

  it('a symptom phrase means one failure: two articles claiming it (in any word form) is an error', () => {
    const one = article({ ...good, symptoms: ['password not accepted'] });
    const other = { ...article({ ...good, symptoms: ['passwords not accepted'] }), id: 'other-error', file: 'content/errors/other-error.mdx' };
    expect(catalogProblems([one, other]).map((p) => p.message)).toContain(
      'content/errors/other-error.mdx: field "symptoms.0": "passwords not accepted" is also a symptom of example-error: a phrase must mean one failure',
    );
  });
});

describe('article body lint', () => {
  it('passes a well-formed body', () => {
    expect(lintArticle(article())).toEqual([]);
  });

  it('requires the sections in order, a check per cause and unique cause ids', () => {
    const rules = (text: string) => lintArticle(article(good, text)).map((p) => p.rule);
    expect(rules(body.replace('## Verify the fix', '## Done'))).toContain('sections');
    expect(rules(body.replace(/```sh\nsystemctl status ssh\n```/, 'No command.'))).toContain('cause-check');
    expect(rules(body.replace('id="first"', 'id="First Cause"'))).toContain('cause-id');
    expect(rules(body.replace('<Tab os="ubuntu">', '<Tab os="debian">'))).toContain('tabs');
  });

  it('requires ubuntu, rhel and cloud tabs when the fix runs on the server', () => {
    const noCloud = body.replace(/<Tab os="cloud">[\s\S]*?<\/Tab>\n/, '');
    expect(lintArticle(article(good, noCloud)).map((p) => p.rule)).toContain('server-tabs');
    expect(lintArticle(article({ ...good, side: 'client' }, noCloud))).toEqual([]);
  });

  it.each([
    'sudo pkill -9 sshd',
    'killall sshd',
    'chmod 777 ~/.ssh',
    'sudo setenforce 0',
    'sudo ufw disable',
    'sudo systemctl stop firewalld',
    'ssh -o StrictHostKeyChecking=no host',
    'StrictHostKeyChecking no',
    'rm ~/.ssh/known_hosts',
    'PermitRootLogin yes',
  ])('flags forbidden advice outside a Risky block: %s', (advice) => {
    const text = body.replace('Fix.', `\`\`\`sh\n${advice}\n\`\`\``);
    expect(lintArticle(article(good, text)).some((p) => p.rule.startsWith('forbidden:'))).toBe(true);
    const labelled = body.replace('Fix.', `<Risky risk="It hides attacks.">\n\n\`\`\`sh\n${advice}\n\`\`\`\n\n</Risky>`);
    expect(lintArticle(article(good, labelled))).toEqual([]);
  });

  it('allows the safe look-alikes', () => {
    const text = body.replace('Fix.', '```sh\nssh-keygen -R host\nchmod 700 ~/.ssh\nPermitRootLogin prohibit-password\nrm ~/.ssh/known_hosts.old\n```');
    expect(lintArticle(article(good, text))).toEqual([]);
  });
});

describe('the published catalog', () => {
  const contract = readIdContract();
  const { articles, problems } = readArticles();

  it('every article parses', () => {
    expect(problems.map((p) => p.message)).toEqual([]);
  });

  it('every id in the contract has an article, and nothing else is published under /errors/', () => {
    const files = readdirSync(ARTICLES_DIR).filter((f) => f.endsWith('.mdx')).map((f) => f.replace(/\.mdx$/, ''));
    expect(files.filter((id) => !contract.includes(id))).toEqual([]);
    expect(contract.filter((id) => !files.includes(id))).toEqual([]);
  });

  it('cross-references resolve and every body passes the lint', () => {
    expect(catalogProblems(articles, contract).map((p) => p.message)).toEqual([]);
    expect(articles.flatMap(lintArticle).map((p) => `${p.file}: ${p.message}`)).toEqual([]);
  });

  it('every cause with a check command in the most visited articles has its guided-check verdicts', () => {
    expect(missingGuided(articles, realPasteCounts()).map((m) => `${m.id}#${m.cause}`)).toEqual([]);
  });
});
