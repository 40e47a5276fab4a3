/**
 * Reads and validates every article's frontmatter from content/errors/ (Node only).
 * Used by the build (through the catalog integration), the CLI, the content lint and the tests,
 * so a broken article fails everywhere with the same message: the file and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { articleSchema, isArticleId, type ArticleData } from './schema.ts';
import { symptomWords } from '../matcher/symptoms.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTICLES_DIR = join(ROOT, 'content/errors');
export const IDS_FILE = join(ROOT, 'content/ids.tsv');

export interface Article {
  id: string;
  file: string;
  data: ArticleData;
  body: string;
}

export class ArticleError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field ? `field "${field}": ` : ''}${detail}`);
    this.name = 'ArticleError';
  }
}

/** Split an MDX source into its YAML frontmatter and body. */
export function splitFrontmatter(source: string, file: string): { frontmatter: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!m) throw new ArticleError(file, '', 'no frontmatter: the file must start with a --- block');
  let frontmatter: unknown;
  try {
    frontmatter = parseYaml(m[1]);
  } catch (e) {
    throw new ArticleError(file, '', `frontmatter is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return { frontmatter, body: source.slice(m[0].length) };
}

/** Validate one article's source; throws ArticleError naming the file and the first bad field. */
export function parseArticle(source: string, file: string): Article {
  const id = file.replace(/^.*[\\/]/, '').replace(/\.mdx$/, '');
  if (!isArticleId(id)) throw new ArticleError(file, '', `file name "${id}" is not a valid id (lowercase words joined by hyphens)`);
  const { frontmatter, body } = splitFrontmatter(source, file);
  const result = articleSchema.safeParse(frontmatter ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ArticleError(file, issue.path.join('.'), issue.message);
  }
  return { id, file, data: result.data, body };
}

/** The public id contract: the ids in content/ids.tsv (first column, header skipped). */
export function readIdContract(file = IDS_FILE): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0].trim())
    .filter(Boolean);
}

/** Problems that need every article at once: references resolve, aliases collide with nothing, ids are in the contract. */
export function catalogProblems(articles: Article[], contract?: string[]): ArticleError[] {
  const problems: ArticleError[] = [];
  const ids = new Set(articles.map((a) => a.id));
  const aliasOwner = new Map<string, string>();
  // A phrase two articles claim would guess whichever comes first: it means neither.
  const symptomOwner = new Map<string, string>();
  for (const a of articles) {
    a.data.symptoms.forEach((phrase, i) => {
      const key = symptomWords(phrase).map((w) => w.stem).join(' ');
      const other = symptomOwner.get(key);
      if (other && other !== a.id) problems.push(new ArticleError(a.file, `symptoms.${i}`, `"${phrase}" is also a symptom of ${other}: a phrase must mean one failure`));
      symptomOwner.set(key, a.id);
    });
    for (const [field, list] of [
      ['outranks', a.data.outranks],
      ['related', a.data.related.map((r) => r.id)],
    ] as const) {
      list.forEach((ref, i) => {
        if (ref === a.id) problems.push(new ArticleError(a.file, `${field}.${i}`, 'an article cannot refer to itself'));
        else if (!ids.has(ref)) problems.push(new ArticleError(a.file, `${field}.${i}`, `"${ref}" is not the id of any article`));
      });
    }
    a.data.aliases.forEach((alias, i) => {
      const other = aliasOwner.get(alias);
      if (ids.has(alias)) problems.push(new ArticleError(a.file, `aliases.${i}`, `"${alias}" is the id of a live article`));
      else if (other) problems.push(new ArticleError(a.file, `aliases.${i}`, `"${alias}" is already an alias of ${other}`));
      aliasOwner.set(alias, a.id);
    });
    if (contract && !contract.includes(a.id)) {
      problems.push(new ArticleError(a.file, '', `id "${a.id}" is not in content/ids.tsv (the public URL contract)`));
    }
  }
  return problems;
}

/** Read and parse every article file under `dir`, keeping per-file failures apart. */
export function readArticles(dir = ARTICLES_DIR): { articles: Article[]; problems: ArticleError[] } {
  const articles: Article[] = [];
  const problems: ArticleError[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort()) {
    const path = join(dir, f);
    try {
      articles.push(parseArticle(readFileSync(path, 'utf8'), relative(ROOT, path)));
    } catch (e) {
      if (e instanceof ArticleError) problems.push(e);
      else throw e;
    }
  }
  return { articles, problems };
}

/** Load, validate and cross-check every article under `dir`; throws naming every broken file and field. */
export function loadArticles(dir = ARTICLES_DIR, { contract = readIdContract() }: { contract?: string[] } = {}): Article[] {
  const { articles, problems } = readArticles(dir);
  problems.push(...catalogProblems(articles, contract));
  if (problems.length) {
    throw new Error(`${problems.length} broken article${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
  }
  return articles;
}
