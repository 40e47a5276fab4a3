/**
 * Body rules every article must follow (content/README.md), checked on the MDX source.
 * Frontmatter is the schema's job; this covers what the schema can't see: section order,
 * cause anchors, platform tabs and advice we never give.
 */
import { OS_KEYS } from './schema.ts';
import { catalogProblems, readArticles, readIdContract, type Article } from './load.ts';
import { conventionProblems } from './lint-conventions.ts';
import { openingTag } from './mdx-tags.ts';
import { guidedProblems } from '../guided/coverage.ts';

export interface LintProblem {
  file: string;
  rule: string;
  message: string;
}

/** Advice we never give as the fix; allowed only inside a <Risky> block, which labels the risk. */
export const FORBIDDEN_ADVICE: { rule: string; pattern: RegExp }[] = [
  { rule: 'pkill-sshd', pattern: /\bpkill\s+(-9\s+|-KILL\s+)?sshd\b/i },
  { rule: 'killall-sshd', pattern: /\bkillall\s+(-9\s+)?sshd\b/i },
  { rule: 'chmod-777', pattern: /\bchmod\s+(-R\s+)?(0?777|a\+rwx)\b/i },
  { rule: 'setenforce-0', pattern: /\bsetenforce\s+0\b|SELINUX=disabled/i },
  { rule: 'ufw-disable', pattern: /\bufw\s+disable\b/i },
  { rule: 'stop-firewalld', pattern: /\bsystemctl\s+(stop|disable|mask)\s+firewalld\b/i },
  { rule: 'strict-host-key-checking-no', pattern: /StrictHostKeyChecking\s*[= ]\s*(no|off)\b/i },
  { rule: 'delete-known-hosts', pattern: /\brm\s+(-[a-z]+\s+)*(~|\$HOME|\/root|\/home\/[^/\s]+)\/\.ssh\/known_hosts\b(?!\.)/i },
  { rule: 'permit-root-login-yes', pattern: /PermitRootLogin\s+yes\b/i },
];

const REQUIRED_SECTIONS = ['What it means', 'Causes', 'Verify the fix'];
const SERVER_TABS = ['ubuntu', 'rhel', 'cloud'] as const;

/** Everything between an opening <Name ...> and its matching </Name>, not nested. */
function blocks(body: string, name: string): { attrs: string; inner: string; start: number }[] {
  // Quote-aware: versions="openssh>=8.8" holds a `>` that does not end the tag.
  const re = new RegExp(`${openingTag(name).source}([\\s\\S]*?)</${name}>`, 'g');
  return [...body.matchAll(re)].map((m) => ({ attrs: m[1] ?? '', inner: m[2], start: m.index ?? 0 }));
}

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(attrs)?.[1];
}

/** Lint one article's body; returns every problem found (empty when it is fine). */
export function lintArticle(article: Article): LintProblem[] {
  const { file, body, data } = article;
  const problems: LintProblem[] = [];
  const report = (rule: string, message: string) => problems.push({ file, rule, message });

  const h2 = [...body.matchAll(/^## +(.+?)\s*$/gm)].map((m) => m[1]);
  let last = -1;
  for (const section of REQUIRED_SECTIONS) {
    const at = h2.indexOf(section);
    if (at === -1) report('sections', `missing the section "## ${section}"`);
    else if (at < last) report('sections', `"## ${section}" is out of order (expected: ${REQUIRED_SECTIONS.join(', ')})`);
    else last = at;
  }

  const causes = blocks(body, 'Cause');
  if (causes.length === 0) report('causes', 'no <Cause id="…" title="…"> block');
  const seen = new Set<string>();
  for (const c of causes) {
    const id = attr(c.attrs, 'id');
    const title = attr(c.attrs, 'title');
    const where = id ? `cause "${id}"` : `a cause at offset ${c.start}`;
    if (!id || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) report('cause-id', `${where} needs id="lowercase-hyphenated"`);
    else if (seen.has(id)) report('cause-id', `cause id "${id}" is used twice`);
    else seen.add(id);
    if (!title) report('cause-title', `${where} needs a title="…"`);
    if (!/^```/m.test(c.inner)) report('cause-check', `${where} has no code block (a check command)`);
  }

  for (const group of blocks(body, 'OsTabs')) {
    if (/<OsTabs[\s>]/.test(group.inner)) report('tabs', 'tab groups must not nest');
  }
  const tabOs = [...body.matchAll(/<Tab(\s[^>]*)?>/g)].map((m) => attr(m[1] ?? '', 'os'));
  for (const os of tabOs) {
    if (!os || !(OS_KEYS as readonly string[]).includes(os)) report('tabs', `<Tab os="${os ?? ''}"> is not one of ${OS_KEYS.join(', ')}`);
  }
  if (data.side !== 'client') {
    const covered = blocks(body, 'OsTabs').some((g) =>
      SERVER_TABS.every((os) => new RegExp(`<Tab\\s[^>]*os="${os}"`).test(g.inner)),
    );
    if (!covered) report('server-tabs', `side is "${data.side}": at least one tab group needs tabs for ${SERVER_TABS.join(', ')}`);
  }

  // Verdict blocks describe what a check's output shows ("PermitRootLogin yes: root may…"), not advice.
  const outsideRisky = body.replace(/<Risky(\s[^>]*)?>[\s\S]*?<\/Risky>/g, '').replace(/^```verdict\n[\s\S]*?^```$/gm, '');
  for (const r of blocks(body, 'Risky')) {
    if (!attr(r.attrs, 'risk')) report('risky', '<Risky> needs risk="…" saying what can go wrong');
  }
  for (const { rule, pattern } of FORBIDDEN_ADVICE) {
    const m = pattern.exec(outsideRisky);
    if (m) report(`forbidden:${rule}`, `"${m[0]}" is advice we never give; a risky workaround goes inside <Risky risk="…">`);
  }
  // Versions, cloud tabs, drop-ins and lockout guards (content/README.md): a build rule like the rest.
  for (const p of conventionProblems(article)) report(p.rule, p.message);
  return problems;
}

/** Every problem in content/errors/ (schema, cross-references, the id contract, body rules, verdict blocks), one line each. */
export function contentProblems(): { articles: Article[]; messages: string[] } {
  const { articles, problems } = readArticles();
  const messages = [
    ...problems.map((p) => p.message),
    ...catalogProblems(articles, readIdContract()).map((p) => p.message),
    ...articles.flatMap(lintArticle).map((p) => `${p.file}: [${p.rule}] ${p.message}`),
    ...guidedProblems(articles),
  ];
  return { articles, messages };
}
