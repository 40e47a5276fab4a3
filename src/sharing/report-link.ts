/**
 * "Wrong answer?" links: a URL that opens a pre-filled issue at REPORT_URL (src/config.ts) with
 * what a maintainer needs to reproduce the routing: the routed article, the runner-up, the router
 * version and the reader's paste, already redacted by the caller. Nothing is sent: the reader
 * sees the issue form and decides. Pure (no DOM), used by the finder and at build time.
 */

/** Longest link produced: issue trackers and proxies refuse longer request lines (GitHub at about 8 kB). */
export const MAX_REPORT_URL_CHARS = 8000;

export interface ReportInput {
  /** From REPORT_URL; `title` and `body` are set as query parameters. */
  reportUrl: string;
  /** `route`: the paste went to the wrong article; `fix`: the article's fix did not work. */
  problem: 'route' | 'fix';
  /** The article routed to, or the article the reader is on. */
  id: string;
  runnerUp?: string | null;
  routerVersion: string;
  /** The article's URL as the reader saw it. */
  pageUrl?: string;
  /** The reader's paste, REDACTED, and its deciding line (1-based) to centre a cut on. */
  paste?: { text: string; line: number };
}

/**
 * The lines of `text` around line `line` (1-based) whose summed `cost` fits `budget`: the deciding
 * line first, then one line before and one after in turn (the cause is usually printed just before
 * the final error). Returns the excerpt and the 1-based range it covers.
 */
export function excerptAround(text: string, line: number, budget: number, cost: (line: string) => number): { text: string; from: number; to: number; of: number } {
  // Where each line starts and ends (line breaks as the matcher counts them), without copying a
  // 10 MB paste into an array of strings: only the lines looked at are sliced out.
  const starts = [0];
  const ends: number[] = [];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    ends.push(m.index);
    starts.push(m.index + m[0].length);
  }
  ends.push(text.length);
  // A trailing line break does not start another line.
  if (starts.length > 1 && starts[starts.length - 1] === text.length) {
    starts.pop();
    ends.pop();
  }
  const lineAt = (i: number) => text.slice(starts[i], ends[i]);
  const count = starts.length;
  const at = Math.min(Math.max(line, 1), count) - 1;
  let first = lineAt(at);
  // A single line too long for the budget (a 100 kB line of junk) is cut.
  while (first.length > 0 && cost(first) > budget) first = first.slice(0, Math.floor(first.length / 2)) + '…';
  let used = cost(first);
  let from = at;
  let to = at;
  for (let grew = true; grew; ) {
    grew = false;
    for (const i of [from - 1, to + 1]) {
      if (i < 0 || i >= count) continue;
      const c = cost(lineAt(i));
      if (used + c > budget) continue;
      used += c;
      if (i < from) from = i;
      else to = i;
      grew = true;
    }
  }
  const shown: string[] = [];
  for (let i = from; i <= to; i++) shown.push(i === at ? first : lineAt(i));
  return { text: shown.join('\n'), from: from + 1, to: to + 1, of: count };
}

/** A Markdown code fence longer than any run of backticks in `text`, so the paste cannot close it. */
function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The link, never longer than MAX_REPORT_URL_CHARS (the paste is cut around its deciding line to fit). */
export function reportLink(r: ReportInput): string {
  const title = r.problem === 'route' ? `Wrong answer: routed to ${r.id}` : `Fix did not work: ${r.id}`;
  const facts = [
    `${r.problem === 'route' ? 'Routed to' : 'Article'}: \`${r.id}\``,
    ...(r.problem === 'route' ? [`Runner-up: ${r.runnerUp ? `\`${r.runnerUp}\`` : 'none'}`] : []),
    `Router version: \`${r.routerVersion}\``,
    ...(r.pageUrl ? [`Page: ${r.pageUrl}`] : []),
    '',
    r.problem === 'route' ? 'Which article would have been right, and why:' : 'What I tried, and what happened:',
    '',
  ].join('\n');
  const build = (body: string) => {
    const url = new URL(r.reportUrl);
    url.searchParams.set('title', title);
    url.searchParams.set('body', body);
    return url.href;
  };
  if (!r.paste || !r.paste.text.trim()) return build(facts);

  const intro = (cut: string) => `\nMy paste (host names, addresses, users and keys masked on my device${cut}):\n`;
  const fence = fenceFor(r.paste.text);
  // encodeURIComponent's length bounds what URLSearchParams writes (it writes a space as `+`).
  const frame = build(`${facts}${intro(', lines 000000-000000 of 000000, cut to fit a link')}${fence}\n\n${fence}\n`).length;
  const ex = excerptAround(r.paste.text, r.paste.line, MAX_REPORT_URL_CHARS - frame, (l) => encodeURIComponent(`${l}\n`).length);
  const cut = ex.from > 1 || ex.to < ex.of ? `, lines ${ex.from}-${ex.to} of ${ex.of}, cut to fit a link` : '';
  return build(`${facts}${intro(cut)}${fence}\n${ex.text}\n${fence}\n`);
}
