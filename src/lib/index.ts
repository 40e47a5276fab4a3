/**
 * The SSH Fix library: the router, the checks, redaction and the articles' Markdown, for support
 * tools, bots and agents. This is what `import … from 'sshfix'` gives in the installed package
 * (`npm run package`), where the catalog is embedded: nothing is read from disk or the network.
 *
 * ```ts
 * import { route, check, redact, articleMarkdown } from 'sshfix';
 *
 * const { best, routerVersion } = route(paste);       // best?.id, best?.url, best?.evidence.line
 * const { findings } = check('perms', lsOutput);        // each with its fix and article id
 * const { text } = redact(paste);                       // hosts, users, keys… replaced by HOST1, USER1…
 * const md = articleMarkdown('connection-refused', { os: 'rhel' });
 * ```
 *
 * Every function is synchronous and deterministic. `route`, `check` and `redact` never throw on
 * any input (binary junk, 10 MB, markup): they answer with a notice instead.
 *
 * @packageDocumentation
 */
import { articleUrl, siteUrl } from '../config.ts';
import { OS_KEYS, type OsKey } from '../catalog/os.ts';
import { analyzeLog, type LogTimeline } from '../checks/log-timeline.ts';
import { checkPermissions, type PermissionsOptions, type PermissionsReport } from '../checks/permissions.ts';
import { checkSshdConfig, type SshdConfigOptions, type SshdConfigReport } from '../checks/sshd-config.ts';
import { createMatcher, type Candidate, type Matcher, type Rule } from '../matcher/index.ts';
import { loadCatalog } from './catalog.ts';
import type { ArticleInfo, Catalog, CheckKind, RoutedArticle, RouteOptions, RouteResult } from './types.ts';

export { redact, MASK_KINDS, type Masked, type MaskKind, type Redaction, type RedactOptions } from '../redact/index.ts';
export { OS_KEYS, OS_LABELS, type OsKey } from '../catalog/os.ts';
export { MAX_INPUT_CHARS } from '../matcher/index.ts';
export type { Candidate, Evidence, Rule } from '../matcher/types.ts';
export type { Finding, Severity } from '../checks/types.ts';
export type { LogTimeline, PermissionsOptions, PermissionsReport, SshdConfigOptions, SshdConfigReport };
export type { ArticleInfo, CheckKind, RoutedArticle, RouteOptions, RouteResult } from './types.ts';

/** `os` as given, checked: the options come from JavaScript callers too. */
function platform(os: OsKey | undefined): OsKey | undefined {
  if (os !== undefined && !OS_KEYS.includes(os)) throw new TypeError(`unknown platform "${String(os)}": use one of ${OS_KEYS.join(', ')}`);
  return os;
}

let catalog: Catalog | undefined;
let matcher: Matcher | undefined;
// Compiled on first use: a tool that only runs checks never pays for the rules.
const getCatalog = () => (catalog ??= loadCatalog());
const getMatcher = () => (matcher ??= createMatcher(getCatalog().rules));

/**
 * Routes a pasted SSH error or `ssh -vvv` log (any length up to `MAX_INPUT_CHARS`) to the article
 * that explains it, with the same matcher as the site's paste box.
 *
 * @param paste - the text as the user pasted it; colours, timestamps, prompts and log prefixes are fine.
 * @returns the best article and runners-up with their URLs, the line that decided, and the router
 *   version; `best` is null (with a `notice` saying why) when no known message is in the paste.
 * @throws TypeError when `opts.os` is not a platform key or `opts.siteUrl` not a URL (programming
 *   errors, not bad input).
 */
export function route(paste: string, opts: RouteOptions = {}): RouteResult {
  const c = getCatalog();
  const base = opts.siteUrl ? siteUrl({ SITE_URL: opts.siteUrl }) : c.siteUrl;
  const os = platform(opts.os);
  const withUrl = (cand: Candidate): RoutedArticle => ({ ...cand, url: articleUrl(base, cand.id, { os }) });
  const r = getMatcher().match(paste);
  return {
    best: r.best ? withUrl(r.best) : null,
    alternatives: r.alternatives.map(withUrl),
    ...(r.notice ? { notice: r.notice } : {}),
    lines: r.stats.lines,
    routerVersion: c.routerVersion,
  };
}

/**
 * Runs one of the site's checks on a paste:
 * - `log`: the journey of an `ssh -v`/`-vvv` log (stages, keys tried, what failed and why);
 * - `perms`: `ls -la ~/.ssh` (or `icacls`) output against OpenSSH's permission rules;
 * - `sshd-config`: an `sshd_config` or `sshd -T` output against common pitfalls.
 *
 * Every report has `findings` (worst first, each with its `fix` and `articleId`) and `notices`
 * about the input itself. `opts.user` names the account for `perms` and `sshd-config`.
 *
 * @throws TypeError when `kind` is not one of the three (a programming error, not bad input).
 */
export function check(kind: 'log', text: string): LogTimeline;
export function check(kind: 'perms', text: string, opts?: PermissionsOptions): PermissionsReport;
export function check(kind: 'sshd-config', text: string, opts?: SshdConfigOptions): SshdConfigReport;
export function check(kind: CheckKind, text: string, opts?: { user?: string }): LogTimeline | PermissionsReport | SshdConfigReport;
export function check(kind: CheckKind, text: string, opts: { user?: string } = {}): LogTimeline | PermissionsReport | SshdConfigReport {
  switch (kind) {
    case 'log':
      return analyzeLog(text);
    case 'perms':
      return checkPermissions(text, opts);
    case 'sshd-config':
      return checkSshdConfig(text, opts);
    default:
      throw new TypeError(`unknown check "${String(kind)}": use "log", "perms" or "sshd-config"`);
  }
}

/** Every article, sorted by id: the same entries as the site's `/errors.json`. */
export function articles(): readonly ArticleInfo[] {
  return getCatalog().articles;
}

/** The matcher rules compiled from the articles (for tools that build their own matcher). */
export function rules(): readonly Rule[] {
  return getCatalog().rules;
}

/** The article with this id, or whose former id (alias) it is; null when there is none. */
export function findArticle(id: string): ArticleInfo | null {
  const all = articles();
  return all.find((a) => a.id === id) ?? all.find((a) => a.aliases.includes(id)) ?? null;
}

/**
 * An article as Markdown: the message, its causes with the check and fix of each, how to verify,
 * related errors. With `os`, each group of platform tabs keeps only that platform's steps (or the
 * article's default platform where it has none), labelled with the platform's name.
 *
 * @param id - an article id or a former id (alias).
 * @returns the Markdown, or null when no article has this id.
 * @throws TypeError when `opts.os` is not a platform key.
 */
export function articleMarkdown(id: string, opts: { os?: OsKey } = {}): string | null {
  const found = findArticle(id);
  const os = platform(opts.os);
  return found ? getCatalog().markdown(found.id, os) : null;
}
