/**
 * Opened from the answer card with `?client=…&server=…`: marks each version-bound cause
 * "applies to your versions" or "not for your version". Without JavaScript, or without those
 * parameters, the page is unchanged.
 */
import type { ArticleData } from '../catalog/schema.ts';
import { judgeCauses } from '../versions/applies.ts';
import { parseSideParam, type ReaderVersions } from '../versions/reader.ts';

const LABELS = { applies: 'applies to your versions', not: 'not for your version' } as const;

function markCauses() {
  const params = new URLSearchParams(location.search);
  const reader: ReaderVersions = { client: parseSideParam(params.get('client')), server: parseSideParam(params.get('server')) };
  if (!reader.client && !reader.server) return;
  const side = (document.documentElement.dataset.side ?? 'both') as ArticleData['side'];
  for (const section of document.querySelectorAll<HTMLElement>('.cause[data-versions]')) {
    const [verdict] = judgeCauses([{ id: '', title: '', versions: section.dataset.versions }], side, reader);
    if (!verdict || verdict.verdict === 'unknown') continue;
    const mark = document.createElement('span');
    mark.className = 'version-verdict';
    mark.dataset.verdict = verdict.verdict;
    mark.textContent = LABELS[verdict.verdict];
    section.querySelector(':scope > .cause-versions')?.append(mark);
  }
}

markCauses();
