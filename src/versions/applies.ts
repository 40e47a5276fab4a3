/**
 * Which of an article's causes hold for the reader's versions. A cause's `versions` items are
 * alternatives; an item is judged only against software the paste showed on the side where the
 * article's fix runs (or on the one side the item names: `server:openssh>=8.8`), so a cause is
 * "applies", "not" (every judged item fails) or "unknown". Pure.
 */
import type { ArticleData } from '../catalog/schema.ts';
import type { ReaderVersions, SideVersions } from './reader.ts';
import { itemHolds, itemLabel, parseVersionSpec, type VersionItem } from './spec.ts';

type Side = ArticleData['side'];

export type Verdict = 'applies' | 'not' | 'unknown';

export interface CauseVersions {
  id: string;
  title: string;
  /** The raw `versions` value; absent for a cause that holds everywhere. */
  versions?: string;
}

export interface CauseVerdict {
  id: string;
  title: string;
  verdict: Verdict;
  /** The cause's labels, e.g. ["OpenSSH ≥ 9.5"], for "Z needs OpenSSH ≥ 9.5". */
  labels: string[];
}

/** The version a side shows for an item's product: Windows OpenSSH answers `openssh` items too (same code base). */
function versionFor(item: VersionItem, side: SideVersions): string | undefined {
  const { ssh, os } = side;
  if (ssh.product === item.product || (item.product === 'openssh' && ssh.product === 'windows-openssh')) return ssh.version;
  if (os && os.product === item.product) return os.release;
  return undefined;
}

function sidesFor(side: Side, item: VersionItem, reader: ReaderVersions): SideVersions[] {
  const on = item.side ?? side;
  const sides = on === 'client' ? [reader.client] : on === 'server' ? [reader.server] : [reader.client, reader.server];
  return sides.filter((s): s is SideVersions => s !== undefined);
}

export function judgeCause(items: readonly VersionItem[], side: Side, reader: ReaderVersions): Verdict {
  let judged = false;
  for (const item of items) {
    for (const s of sidesFor(side, item, reader)) {
      const v = versionFor(item, s);
      if (v === undefined) continue;
      judged = true;
      if (itemHolds(item, v)) return 'applies';
    }
  }
  return judged ? 'not' : 'unknown';
}

/** Verdicts for the version-bound causes of one article (causes without `versions` are left out). */
export function judgeCauses(
  causes: readonly CauseVersions[],
  side: Side,
  reader: ReaderVersions,
): CauseVerdict[] {
  return causes.flatMap((c) => {
    const spec = c.versions ? parseVersionSpec(c.versions) : null;
    if (!spec?.ok) return [];
    return [{ id: c.id, title: c.title, verdict: judgeCause(spec.items, side, reader), labels: spec.items.map(itemLabel) }];
  });
}
