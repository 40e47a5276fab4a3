/**
 * The Markdown twin of every article, read back with a plain Markdown parser (what a reader's
 * renderer or a language model sees), against what the article's MDX and frontmatter hold.
 */
import { describe, expect, it } from 'vitest';
import { loadArticles, type Article } from '../../src/catalog/load.ts';
import { listedMessages, OS_KEYS, OS_LABELS, STAGE_LABELS, type OsKey } from '../../src/catalog/schema.ts';
import { LOCKOUT_GUARD } from '../../src/cloud/guard.ts';
import { RESCUE_TITLE } from '../../src/cloud/rescue.ts';
import { articleMarkdown, llmsFull, llmsIndex } from '../../src/markdown/article-markdown.ts';
import { parseMarkdown, readMarkdown as read, textOf, visit } from '../helpers/markdown.ts';

const articles = loadArticles();
const titles = new Map(articles.map((a) => [a.id, a.data.title]));
const SITE = 'https://help.example.com/ssh/';

/** What the MDX source says, read with regular expressions rather than the module under test. */
function source(a: Article) {
  const causes = [...a.body.matchAll(/<Cause id="([^"]+)" title="([^"]+)"(?: versions="[^"]*")?>/g)].map((m) => ({ id: m[1], title: m[2] }));
  const groups = [...a.body.matchAll(/<OsTabs>([\s\S]*?)<\/OsTabs>/g)].map((m) => [...m[1].matchAll(/<Tab os="([a-z]+)">/g)].map((t) => t[1] as OsKey));
  const risks = [...a.body.matchAll(/<Risky risk="([^"]+)">/g)].map((m) => m[1]);
  const guards = [...a.body.matchAll(/<LockoutGuard \/>/g)].length;
  // A guided check's `verdict` block is data for the page's check box, not text for readers.
  const fences = [...a.body.matchAll(/^```([^\n]*)\n([\s\S]*?)\n```$/gm)].filter((m) => m[1].trim() !== 'verdict').map((m) => m[2]);
  return { causes, groups, risks, guards, fences };
}

const display = (template: string) => template.replace(/\{([a-z]+)\}/g, (_, p: string) => p.toUpperCase());

function isValidUtf8Text(s: string): boolean {
  const bytes = new TextEncoder().encode(s);
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  return !lone.test(s) && !s.includes('\uFFFD') && new TextDecoder('utf-8', { fatal: true }).decode(bytes) === s;
}

describe('the Markdown twin of every article', () => {
  it.each(articles.map((a) => [a.id, a] as const))('%s: every section, cause, tab, message and related link, no MDX left', (_, a) => {
    const md = articleMarkdown(a, { siteUrl: SITE, titles });
    const twin = read(md);
    const src = source(a);

    expect(twin.headings[0]).toEqual({ depth: 1, text: a.data.title });
    expect(twin.text).toContain(a.data.summary);
    expect(twin.text).toContain(STAGE_LABELS[a.data.stage]);
    for (const section of ['What it means', 'Causes', 'Verify the fix']) {
      expect(twin.headings).toContainEqual({ depth: 2, text: section });
    }

    for (const cause of src.causes) {
      expect(twin.headings, cause.id).toContainEqual({ depth: 3, text: cause.title });
      expect(twin.links.map((l) => l.url)).toContain(`${SITE}errors/${a.id}/#${cause.id}`);
    }
    // Every tab of every group, labelled with its platform's name, in the author's order.
    const tabHeadings = twin.headings.filter((h) => h.depth === 4).map((h) => h.text);
    expect(tabHeadings).toEqual(src.groups.flat().map((os) => OS_LABELS[os]));
    for (const fence of src.fences) expect(twin.code).toContain(fence);

    const [primary, ...others] = listedMessages(a.data.messages);
    expect(twin.code[0]).toBe(display(primary.text));
    expect(twin.paragraphs).toContain(`Printed by ${primary.from}`);
    for (const m of others) {
      expect(twin.inlineCode).toContain(display(m.text));
      expect(twin.text).toContain(m.from);
    }

    for (const r of a.data.related) {
      expect(twin.links).toContainEqual({ url: `${SITE}errors/${r.id}/`, text: titles.get(r.id) });
      expect(twin.text).toContain(r.clue);
    }

    const guard = (label: string) => label.startsWith(`${LOCKOUT_GUARD.title}.`);
    expect(twin.quoteLabels.filter((l) => !guard(l))).toEqual(src.risks.map((risk) => `Risky workaround. ${risk}`));
    expect(twin.quoteLabels.filter(guard)).toHaveLength(src.guards);
    expect(md).not.toMatch(/<\/?(Cause|OsTabs|Tab|Risky|Provider|CloudRescue|Since|LockoutGuard)\b/);
    expect(twin.paragraphs.filter((p) => /^(import|export)\s/.test(p))).toEqual([]);
    expect(isValidUtf8Text(md)).toBe(true);
  });
});

describe('cloud providers, the rescue block, versions and guards', () => {
  const base = articles[0];
  const body = [
    '<Cause id="rsa-sha1" title="SHA-1 signatures refused" versions="openssh>=8.8; rhel=9">',
    '',
    'Refused since 8.8 <Since v="openssh>=8.8" />.',
    '',
    '<OsTabs>',
    '<Tab os="cloud">',
    '',
    '<LockoutGuard />',
    '',
    '<Provider name="aws">',
    '',
    'Use SSM.',
    '',
    '</Provider>',
    '<Provider name="gcp">',
    '',
    'Use a startup script.',
    '',
    '</Provider>',
    '',
    '<CloudRescue />',
    '',
    '</Tab>',
    '</OsTabs>',
    '',
    '<CloudRescue provider="azure" />',
    '',
    '</Cause>',
    '',
  ].join('\n');
  const md = articleMarkdown({ ...base, body }, { siteUrl: SITE });
  const twin = read(md);

  it('gives each provider a heading under its tab, and the version labels in words', () => {
    expect(twin.headings.filter((h) => h.depth >= 4)).toEqual([
      { depth: 4, text: OS_LABELS.cloud },
      { depth: 5, text: 'AWS' },
      { depth: 5, text: 'Google Cloud' },
    ]);
    expect(twin.paragraphs).toContain('Versions: OpenSSH ≥ 8.8, RHEL 9');
    expect(twin.paragraphs).toContain('Refused since 8.8 (OpenSSH ≥ 8.8).');
    expect(twin.quoteLabels).toEqual([`${LOCKOUT_GUARD.title}. ${LOCKOUT_GUARD.text}`]);
  });

  it('writes the rescue block once, prerequisites first, and points back to it after', () => {
    expect(md.split(RESCUE_TITLE)).toHaveLength(3);
    expect(twin.paragraphs).toContain(`See ${RESCUE_TITLE} above.`);
    const full = md.indexOf(RESCUE_TITLE);
    expect(md.indexOf('an OS user **with a password**')).toBeGreaterThan(full);
    expect(md.indexOf('an OS user **with a password**')).toBeLessThan(md.indexOf('az vm run-command invoke'));
    for (const command of ['aws ssm send-command', 'AWSSupport-ResetAccess', 'gcloud compute instances reset', 'gcloud compute connect-to-serial-port', 'az vm repair create', 'enable-oslogin=TRUE']) {
      expect(md).toContain(command);
    }
    expect(md).not.toMatch(/<\/?(Provider|CloudRescue|Since|LockoutGuard)\b/);
  });

  it('drops the cloud tab and its providers for another platform', () => {
    const ubuntu = articleMarkdown({ ...base, body }, { siteUrl: SITE, os: 'ubuntu' });
    expect(ubuntu).toContain('Use SSM.'); // the only tab, shown as the page would, said so
    expect(ubuntu).toContain('(no Ubuntu / Debian steps for this)');
  });
});

describe('the twin for one platform', () => {
  it.each(OS_KEYS)('os=%s keeps one tab per group: that platform, else the one the page would show, said so', (os) => {
    for (const a of articles) {
      const twin = read(articleMarkdown(a, { siteUrl: SITE, titles, os }));
      const expected = source(a).groups.map((tabs) => {
        if (tabs.includes(os)) return OS_LABELS[os];
        const shown = tabs.includes(a.data.defaultOs) ? a.data.defaultOs : tabs[0];
        return `${OS_LABELS[shown]} (no ${OS_LABELS[os]} steps for this)`;
      });
      expect(twin.headings.filter((h) => h.depth === 4).map((h) => h.text), a.id).toEqual(expected);
      // Links carry the platform, so a reader who follows one lands on the same tab.
      expect(twin.links.find((l) => l.url.includes(`/errors/${a.id}/`))?.url, a.id).toContain(`?os=${os}`);
    }
  });

  it('keeps exactly the chosen tab\'s commands and drops the others', () => {
    const a = articles.find((x) => x.id === 'connection-refused')!;
    const rhel = articleMarkdown(a, { siteUrl: SITE, os: 'rhel' });
    expect(rhel).toContain('sudo firewall-cmd --permanent --add-service=ssh');
    expect(rhel).not.toContain('sudo ufw allow OpenSSH');
    expect(rhel).not.toContain('aws ec2 get-console-output');
  });
});

describe('bad input', () => {
  const base = articles[0];
  it('drops imports, expressions and comments and keeps the text of an unknown element', () => {
    const body = "import X from './x.js';\n\n{/* a note for authors */}\n\n<Unknown kind=\"a\">\n\nKept text.\n\n</Unknown>\n\nValue: {1 + 1}\n";
    const md = articleMarkdown({ ...base, body }, { siteUrl: SITE });
    expect(md).toContain('Kept text.');
    for (const gone of ["import X from", 'a note for authors', '<Unknown', 'Unknown kind', '1 + 1']) expect(md).not.toContain(gone);
  });

  it('names the article when its body is not valid MDX', () => {
    expect(() => articleMarkdown({ ...base, body: '<Cause id="x" title="y">\n\nno closing tag\n' }, { siteUrl: SITE })).toThrow(
      new RegExp(`^${base.id}: the article body is not valid MDX: `),
    );
  });

  it('refuses a platform it does not know, naming the ones it does', () => {
    expect(() => articleMarkdown(base, { siteUrl: SITE, os: 'solaris' as OsKey })).toThrow(
      'unknown platform "solaris": use one of ubuntu, rhel, cloud, macos, windows',
    );
  });

  it('keeps markup in text as text', () => {
    const md = articleMarkdown({ ...base, body: 'A line with &lt;script&gt;alert(1)&lt;/script&gt; in it.\n' }, { siteUrl: SITE });
    const tree = parseMarkdown(md);
    let html = false;
    visit(tree, (node) => void (html ||= node.type === 'html'));
    expect(html).toBe(false);
    expect(textOf(tree)).toContain('<script>alert(1)</script>');
  });
});

describe('llms.txt and llms-full.txt', () => {
  it('llms.txt: the site, a summary, then every article once under its stage, linking its Markdown twin', () => {
    const index = llmsIndex(articles, { siteUrl: SITE });
    const tree = parseMarkdown(index);
    expect(tree.children[0]).toMatchObject({ type: 'heading', depth: 1 });
    expect(textOf(tree.children[0])).toBe('SSH Fix');
    expect(tree.children[1].type).toBe('blockquote');
    let stage = '';
    const placed = new Map<string, string>();
    for (const node of tree.children) {
      if (node.type === 'heading' && node.depth === 2) stage = textOf(node);
      if (node.type !== 'list') continue;
      visit(node, (l) => {
        const id = l.type === 'link' ? /\/errors\/([a-z0-9-]+)\.md$/.exec(l.url)?.[1] : undefined;
        if (id) {
          expect(l.type === 'link' && l.url).toBe(`${SITE}errors/${id}.md`);
          expect(placed.has(id), id).toBe(false);
          placed.set(id, stage);
        }
      });
    }
    const items = read(index).paragraphs;
    for (const a of articles) {
      expect(placed.get(a.id), a.id).toBe(STAGE_LABELS[a.data.stage]);
      expect(items).toContain(`${a.data.title}: ${a.data.summary}`);
    }
  });

  it('llms-full.txt: every article in full', () => {
    const full = llmsFull(articles, { siteUrl: SITE });
    const h1 = read(full).headings.filter((h) => h.depth === 1).map((h) => h.text);
    expect(h1).toEqual(expect.arrayContaining(['SSH Fix', ...articles.map((a) => a.data.title)]));
    expect(h1).toHaveLength(articles.length + 1);
    for (const a of articles) expect(full).toContain(articleMarkdown(a, { siteUrl: SITE, titles }));
    expect(isValidUtf8Text(full)).toBe(true);
    // Renders the whole catalog twice (about 100 articles): seconds, more on a busy machine.
  }, 90_000);
});
