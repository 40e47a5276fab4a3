/**
 * The answer card's version hint: the versions read from the paste and which of the routed
 * article's version-bound causes they meet, with the query that makes the article mark them.
 */
import { causeVersions } from 'virtual:sshfix/rules';
import { versionHint } from '../../versions/hint.ts';
import { pasteVersions } from '../../versions/paste.ts';

export interface CardVersions {
  block: HTMLElement;
  /** Appended to the article links: `client=…&server=…`. */
  query: string;
}

export function cardVersions(articleId: string, text: string): CardVersions | null {
  const hint = versionHint(pasteVersions(text), causeVersions[articleId]);
  if (!hint) return null;
  const block = document.createElement('p');
  block.className = 'finder-versions';
  block.dataset.versionHint = '';
  block.textContent = `${hint.versions} ${hint.verdicts}`;
  return { block, query: hint.query };
}

/** An article link with the version query added to whatever query it already has. */
export function withVersions(href: string, query: string | undefined): string {
  if (!query) return href;
  const [path, hash = ''] = href.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}${query}${hash ? `#${hash}` : ''}`;
}
