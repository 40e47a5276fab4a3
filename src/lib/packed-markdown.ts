/**
 * An article's Markdown for every platform, packed for the installable package: the full text
 * once, and each platform's text as runs of its lines (most of them are the full text's lines,
 * minus the other platforms' steps). Article links differ only by `?os=<platform>`, so both
 * texts carry a marker there and the platform's text gets `?os=` back when it is unpacked.
 * Packing shrinks the embedded articles about threefold; `npm run package` checks that every
 * text unpacks to exactly what article-markdown.ts rendered.
 */
import type { OsKey } from '../catalog/os.ts';

/** Either one literal line, or `[start, count]`: that many lines of the base from `start`. */
export type LineRun = string | [start: number, count: number];

export interface PackedMarkdown {
  /** The full text with OS_MARK where a platform's text has `?os=<platform>`. */
  base: string;
  platforms: Record<OsKey, LineRun[]>;
}

/** A character no article contains (a private-use code point; packMarkdown checks). */
const OS_MARK = '\uE000';
// Where a platform's text links an article with `?os=`: right after `/errors/<id>/`.
const ARTICLE_PATH = /\/errors\/[a-z0-9]+(?:-[a-z0-9]+)*\//g;

/** The text of one platform (`os`) or of all of them. */
export function unpackMarkdown(packed: PackedMarkdown, os?: OsKey): string {
  if (!os) return packed.base.replaceAll(OS_MARK, '');
  const base = packed.base.split('\n');
  return packed.platforms[os]
    .flatMap((run) => (typeof run === 'string' ? [run] : base.slice(run[0], run[0] + run[1])))
    .join('\n')
    .replaceAll(OS_MARK, `?os=${os}`);
}

/** `text` as runs of `base`'s lines: at each line, the longest run of base lines that continues it. */
function toRuns(base: string[], text: string[]): LineRun[] {
  const where = new Map<string, number[]>();
  base.forEach((line, i) => {
    const at = where.get(line);
    if (at) at.push(i);
    else where.set(line, [i]);
  });
  const runs: LineRun[] = [];
  for (let i = 0; i < text.length; ) {
    let start = -1;
    let count = 0;
    for (const j of where.get(text[i]!) ?? []) {
      let n = 0;
      while (i + n < text.length && j + n < base.length && base[j + n] === text[i + n]) n++;
      if (n > count) [start, count] = [j, n];
    }
    // A run costs a pair of numbers: a short lone line is cheaper spelled out.
    if (count > 1 || (count === 1 && text[i]!.length > 12)) {
      runs.push([start, count]);
      i += count;
    } else runs.push(text[i++]!);
  }
  return runs;
}

/** Packs the full text and each platform's; throws if any of them would not unpack to itself. */
export function packMarkdown(all: string, platforms: Record<OsKey, string>): PackedMarkdown {
  if ([all, ...Object.values(platforms)].some((t) => t.includes(OS_MARK))) throw new Error('an article contains U+E000, the packing marker');
  const base = all.replace(ARTICLE_PATH, `$&${OS_MARK}`);
  const baseLines = base.split('\n');
  const packed: PackedMarkdown = { base, platforms: {} as Record<OsKey, LineRun[]> };
  for (const [os, text] of Object.entries(platforms) as [OsKey, string][]) {
    packed.platforms[os] = toRuns(baseLines, text.replaceAll(`?os=${os}`, OS_MARK).split('\n'));
  }
  for (const os of [undefined, ...(Object.keys(platforms) as OsKey[])]) {
    if (unpackMarkdown(packed, os) !== (os ? platforms[os] : all)) throw new Error(`packed Markdown does not unpack to the original (${os ?? 'all platforms'})`);
  }
  return packed;
}
