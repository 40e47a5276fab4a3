/**
 * The version hint of the answer card: which of the routed article's version-bound causes hold
 * for the versions in the paste, in one sentence, and the query that lets the article mark them.
 * Pure (text only; the card renders it).
 */
import { judgeCauses, type CauseVerdict } from './applies.ts';
import type { ArticleCauseVersions } from './causes.ts';
import { describeSide, sideParam, type ReaderVersions } from './reader.ts';

export interface VersionHint {
  /** "Your client is OpenSSH 9.2 (Debian 12); the server is OpenSSH 7.4 (probably RHEL 7)." */
  versions: string;
  /** "“A” and “B” apply; “C” needs OpenSSH ≥ 9.5." */
  verdicts: string;
  applies: CauseVerdict[];
  not: CauseVerdict[];
  /** `client=openssh-9.2,debian-12&server=openssh-7.4` for the article link. */
  query: string;
}

const quoted = (c: CauseVerdict) => `“${c.title}”`;

function joinAnd(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Null when the paste shows no version or the article has no cause it can judge. */
export function versionHint(reader: ReaderVersions, article: ArticleCauseVersions | undefined): VersionHint | null {
  if (!article || (!reader.client && !reader.server)) return null;
  const verdicts = judgeCauses(article.causes, article.side, reader);
  const applies = verdicts.filter((v) => v.verdict === 'applies');
  const not = verdicts.filter((v) => v.verdict === 'not');
  if (!applies.length && !not.length) return null;
  const sides = [
    reader.client && `your client is ${describeSide(reader.client)}`,
    reader.server && `the server is ${describeSide(reader.server)}`,
  ].filter((s): s is string => !!s);
  const versions = `${sides.join('; ').replace(/^y/, 'Y')}.`;
  const parts = [
    applies.length && `${joinAnd(applies.map(quoted))} ${applies.length === 1 ? 'applies' : 'apply'}`,
    ...not.map((c) => `${quoted(c)} needs ${c.labels.join(' or ')}`),
  ].filter((s): s is string => !!s);
  const query = new URLSearchParams();
  if (reader.client) query.set('client', sideParam(reader.client));
  if (reader.server) query.set('server', sideParam(reader.server));
  return { versions, verdicts: `${parts.join('; ')}.`, applies, not, query: query.toString() };
}
