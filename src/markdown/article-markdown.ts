/**
 * The Markdown twin of an article (/errors/<id>.md), and the llms.txt files built from the twins.
 * Generated from the same MDX the page renders: the article components (Cause, OsTabs, Tab, Risky,
 * Provider, CloudRescue, Since, LockoutGuard) become plain Markdown (headings, labelled quotes), so a reader, a ticket or a language model gets
 * the vetted text without the page. Pure: no Astro, no Node APIs, so the site's endpoints, the CLI
 * and the MCP server share it.
 */
import type { BlockContent, Heading, List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { articleMarkdownUrl, articleUrl } from '../config.ts';
import { KIND_BADGES, SIDE_LABELS, templateText } from '../catalog/display.ts';
import { listedMessages, OS_KEYS, OS_LABELS, STAGES, STAGE_LABELS, type ArticleData, type OsKey } from '../catalog/schema.ts';
import { LOCKOUT_GUARD } from '../cloud/guard.ts';
import { PROVIDERS, PROVIDER_LABELS, isProvider } from '../cloud/providers.ts';
import { RESCUE_BY_PROVIDER, RESCUE_PREREQUISITES, RESCUE_TITLE } from '../cloud/rescue.ts';
import { itemLabel, parseVersionSpec } from '../versions/spec.ts';
import { VERDICT_LANG } from '../guided/vocabulary.ts';

export interface MarkdownArticle {
  id: string;
  data: ArticleData;
  /** The MDX body, frontmatter removed (`entry.body` in Astro, `Article.body` from the Node loader). */
  body?: string;
}

export interface MarkdownOptions {
  /** The public base URL, ending in a slash (`siteUrl()` from src/config.ts). */
  siteUrl: string;
  /** Keep only this platform's steps in each tab group (the group's default where it has none). */
  os?: OsKey;
  /** Titles of other articles by id, for the related errors' link text (the id is shown without it). */
  titles?: ReadonlyMap<string, string>;
}

/** The site's own line for llms.txt: what it is, in one sentence. */
export const SITE_SUMMARY =
  'One article per SSH error message: what it means, its likely causes in order, and the check and fix for each on Ubuntu/Debian, RHEL/Fedora, cloud VMs, macOS and Windows.';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const paragraph = (...children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children });
const heading = (depth: Heading['depth'], ...children: PhrasingContent[]): Heading => ({ type: 'heading', depth, children });
const link = (url: string, label: string): PhrasingContent => ({ type: 'link', url, children: [text(label)] });
const list = (items: PhrasingContent[][]): List => ({
  type: 'list',
  ordered: false,
  spread: false,
  children: items.map((children): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })),
});

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function attribute(node: JsxElement, name: string): string | undefined {
  const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

function isElement(node: RootContent, name: string): node is MdxJsxFlowElement {
  return node.type === 'mdxJsxFlowElement' && node.name === name;
}

interface Context {
  article: MarkdownArticle;
  opts: MarkdownOptions;
  /** Inside a <Cause> (its heading is level 3), tab labels are level 4; elsewhere level 3. */
  inCause: boolean;
  /** The rescue block is written out once per article; later uses point back to it. */
  rescue: { shown: boolean };
}

/** The tabs of one group to keep: all of them, or the chosen platform's, falling back as the page does. */
function keptTabs(tabs: MdxJsxFlowElement[], ctx: Context): MdxJsxFlowElement[] {
  const { os } = ctx.opts;
  if (!os) return tabs;
  const byOs = (key: string) => tabs.find((t) => attribute(t, 'os') === key);
  const pick = byOs(os) ?? byOs(ctx.article.data.defaultOs) ?? tabs[0];
  return pick ? [pick] : [];
}

function tabLabel(tab: MdxJsxFlowElement, ctx: Context): string {
  const os = attribute(tab, 'os') as OsKey | undefined;
  const label = os && OS_KEYS.includes(os) ? OS_LABELS[os] : (os ?? 'Any platform');
  const wanted = ctx.opts.os;
  // A group without the reader's platform shows another one's steps: say so, or they look like theirs.
  return wanted && os !== wanted ? `${label} (no ${OS_LABELS[wanted]} steps for this)` : label;
}

/** One MDX node as plain Markdown nodes: the article components expand, MDX-only syntax goes. */
function convert(node: RootContent, ctx: Context): RootContent[] {
  switch (node.type) {
    // Imports, exports and {expressions} (MDX comments among them) have no Markdown form.
    case 'mdxjsEsm':
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      return [];
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return convertElement(node, ctx);
    // A guided check's verdict data is for the page's check box, not for readers.
    case 'code':
      if (node.lang === VERDICT_LANG) return [];
  }
  if ('children' in node) {
    const children = (node.children as RootContent[]).flatMap((c) => convert(c, ctx));
    return [{ ...node, children } as RootContent];
  }
  return [node];
}

function convertAll(nodes: RootContent[], ctx: Context): RootContent[] {
  return nodes.flatMap((n) => convert(n, ctx));
}

function convertElement(node: JsxElement, ctx: Context): RootContent[] {
  const children = node.children as RootContent[];
  switch (node.name) {
    case 'Cause': {
      const id = attribute(node, 'id') ?? '';
      const url = articleUrl(ctx.opts.siteUrl, ctx.article.id, { os: ctx.opts.os, anchor: id });
      const versions = attribute(node, 'versions');
      return [
        heading(3, text(attribute(node, 'title') ?? id)),
        paragraph(text('Link: '), link(url, `#${id}`)),
        ...(versions ? [paragraph(text(`Versions: ${versionLabels(versions)}`))] : []),
        ...convertAll(children, { ...ctx, inCause: true }),
      ];
    }
    case 'OsTabs':
      return keptTabs(children.filter((c) => isElement(c, 'Tab')) as MdxJsxFlowElement[], ctx).flatMap((tab) =>
        convertElement(tab, ctx),
      );
    case 'Tab':
      return [heading(ctx.inCause ? 4 : 3, text(tabLabel(node as MdxJsxFlowElement, ctx))), ...convertAll(children, ctx)];
    case 'Provider': {
      const name = attribute(node, 'name');
      return [heading(ctx.inCause ? 5 : 4, text(isProvider(name) ? PROVIDER_LABELS[name] : (name ?? 'Provider'))), ...convertAll(children, ctx)];
    }
    case 'CloudRescue':
      return rescueBlock(attribute(node, 'provider'), ctx);
    case 'LockoutGuard':
      return [{ type: 'blockquote', children: [paragraph({ type: 'strong', children: [text(`${LOCKOUT_GUARD.title}.`)] }, text(` ${LOCKOUT_GUARD.text}`))] as BlockContent[] }];
    case 'Since': {
      // The author's space before the tag separates it, as on the page.
      const label = text(`(${versionLabels(attribute(node, 'v') ?? '')})`);
      return [node.type === 'mdxJsxTextElement' ? (label as RootContent) : paragraph(label)];
    }
    case 'Risky': {
      const label = paragraph({ type: 'strong', children: [text('Risky workaround.')] }, text(` ${attribute(node, 'risk') ?? ''}`));
      return [{ type: 'blockquote', children: [label, ...convertAll(children, ctx)] as BlockContent[] }];
    }
    default:
      // An element the twin doesn't know keeps its content, never its markup.
      return convertAll(children, ctx);
  }
}

/** "OpenSSH ≥ 8.8, RHEL 9"; a malformed value (the lint reports it) is shown as written. */
function versionLabels(value: string): string {
  const spec = parseVersionSpec(value);
  return spec.ok ? spec.items.map(itemLabel).join(', ') : value;
}

/** <CloudRescue />: the whole text the first time in an article, then a pointer back to it. */
function rescueBlock(provider: string | undefined, ctx: Context): RootContent[] {
  const title = { type: 'strong', children: [text(RESCUE_TITLE)] } as PhrasingContent;
  if (ctx.rescue.shown) return [paragraph(text('See '), title, text(' above.'))];
  ctx.rescue.shown = true;
  const shown = isProvider(provider) ? [provider] : PROVIDERS;
  return [
    paragraph(title),
    ...parser.parse(RESCUE_PREREQUISITES).children,
    ...shown.flatMap((p) => [paragraph({ type: 'strong', children: [text(PROVIDER_LABELS[p])] }), ...parser.parse(RESCUE_BY_PROVIDER[p]).children]),
  ];
}

// No remark-gfm: the articles hold no tables, and with it every `~` in a path would come out as `\~`.
const parser = unified().use(remarkParse).use(remarkMdx);
const serializer = unified().use(remarkStringify, { bullet: '-', fences: true, rule: '-', listItemIndent: 'one', emphasis: '_', strong: '*' });

function messagesSection(data: ArticleData): RootContent[] {
  const [primary, ...others] = listedMessages(data.messages);
  return [
    heading(2, text('Messages')),
    { type: 'code', lang: 'text', value: templateText(primary.text) },
    paragraph(text(`Printed by ${primary.from}`)),
    ...(others.length
      ? [
          paragraph(text(`Other wordings of this error (${others.length}):`)),
          list(others.map((m) => [{ type: 'inlineCode', value: templateText(m.text) }, text(` — ${m.from}`)])),
        ]
      : []),
  ];
}

function relatedSection(data: ArticleData, opts: MarkdownOptions): RootContent[] {
  if (!data.related.length) return [];
  return [
    heading(2, text('Related errors')),
    list(data.related.map((r) => [link(articleUrl(opts.siteUrl, r.id, { os: opts.os }), opts.titles?.get(r.id) ?? r.id), text(`: ${r.clue}`)])),
  ];
}

/** The article as Markdown: header facts, messages, the body with every tab labelled, related errors. */
export function articleMarkdown(article: MarkdownArticle, opts: MarkdownOptions): string {
  // Callers such as the MCP server pass the platform straight from a request.
  if (opts.os !== undefined && !OS_KEYS.includes(opts.os)) {
    throw new Error(`unknown platform "${String(opts.os).slice(0, 40)}": use one of ${OS_KEYS.join(', ')}`);
  }
  const { data } = article;
  const facts: PhrasingContent[][] = [
    [text(`Stage: ${STAGE_LABELS[data.stage]}`)],
    [text(`Fix runs on: ${SIDE_LABELS[data.side]}`)],
    ...(KIND_BADGES[data.kind] ? [[text(`Kind: ${KIND_BADGES[data.kind]}`)]] : []),
    ...(opts.os ? [[text(`Platform: ${OS_LABELS[opts.os]}`)]] : []),
    [text('Web page: '), link(articleUrl(opts.siteUrl, article.id, { os: opts.os }), articleUrl(opts.siteUrl, article.id, { os: opts.os }))],
  ];
  let body: Root;
  try {
    body = parser.parse(article.body ?? '');
  } catch (e) {
    throw new Error(`${article.id}: the article body is not valid MDX: ${(e as Error).message}`);
  }
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, text(data.title)),
      { type: 'blockquote', children: [paragraph(text(data.summary)) as BlockContent] },
      list(facts),
      ...messagesSection(data),
      ...convertAll(body.children, { article, opts, inCause: false, rescue: { shown: false } }),
      ...relatedSection(data, opts),
    ],
  };
  return serializer.stringify(tree);
}

/** Articles in the order a connection meets them (by stage), then by title. */
function byStage<T extends MarkdownArticle>(articles: readonly T[]): T[] {
  return [...articles].sort(
    (a, b) => STAGES.indexOf(a.data.stage) - STAGES.indexOf(b.data.stage) || a.data.title.localeCompare(b.data.title),
  );
}

const titlesOf = (articles: readonly MarkdownArticle[]) => new Map(articles.map((a) => [a.id, a.data.title]));

/** /llms.txt (llmstxt.org): the site, then one line per article under its stage, linking its Markdown twin. */
export function llmsIndex(articles: readonly MarkdownArticle[], opts: { siteUrl: string }): string {
  const sorted = byStage(articles);
  const sections: RootContent[] = STAGES.flatMap((stage) => {
    const inStage = sorted.filter((a) => a.data.stage === stage);
    if (!inStage.length) return [];
    return [
      heading(2, text(STAGE_LABELS[stage])),
      list(inStage.map((a) => [link(articleMarkdownUrl(opts.siteUrl, a.id), a.data.title), text(`: ${a.data.summary}`)])),
    ];
  });
  const tree: Root = {
    type: 'root',
    children: [
      heading(1, text('SSH Fix')),
      { type: 'blockquote', children: [paragraph(text(SITE_SUMMARY)) as BlockContent] },
      paragraph(
        text('Each link below is the Markdown version of an article; the web page is the same address without '),
        { type: 'inlineCode', value: '.md' },
        text(' and with a trailing slash. Articles are grouped by the stage of the connection where the message appears.'),
      ),
      ...sections,
      heading(2, text('Optional')),
      list([
        [link(new URL('llms-full.txt', opts.siteUrl).href, 'Every article in full'), text(': all the articles above in one Markdown file.')],
        [
          link(new URL('errors.json', opts.siteUrl).href, 'The catalog as JSON'),
          text(': every article with its id, URL, stage, summary and the exact messages it covers.'),
        ],
      ]),
    ],
  };
  return serializer.stringify(tree);
}

/** /llms-full.txt: every article's Markdown twin, in stage order, after the site's heading. */
export function llmsFull(articles: readonly MarkdownArticle[], opts: { siteUrl: string }): string {
  const titles = titlesOf(articles);
  const intro = serializer.stringify({
    type: 'root',
    children: [heading(1, text('SSH Fix')), { type: 'blockquote', children: [paragraph(text(SITE_SUMMARY)) as BlockContent] }],
  });
  return [intro, ...byStage(articles).map((a) => articleMarkdown(a, { siteUrl: opts.siteUrl, titles }))].join('\n');
}
