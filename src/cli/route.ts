/**
 * `sshfix route [--json | --jsonl] [FILE...]`: which article explains this SSH error?
 *
 * Reads each FILE (`-` or no FILE: standard input) as one paste and routes it with the same
 * matcher as the web page. Output:
 * - default: human-readable: title, URL, confidence, the evidence line, runners-up;
 * - `--json`: one JSON object when there is one input, an array of them when there are several
 *   (each input is routed on its own; inputs are never concatenated);
 * - `--jsonl`: one JSON object per input per line: {file, id, url, confidence, evidence, alternatives}.
 * Exit status: 0 when every input matched, 1 when any had no match, 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { articleUrl, siteUrl } from '../config.ts';
import { loadCatalog } from '../lib/catalog.ts';
import { createMatcher, type MatchResult } from '../matcher/index.ts';
import { UsageError, type Command } from './io.ts';

const USAGE = `Usage: sshfix route [--json | --jsonl] [FILE...]

Find the SSH Fix article for a pasted SSH error or \`ssh -vvv\` log.
Reads each FILE as one paste; with no FILE, or FILE "-", reads standard input.

Options:
  --json    one JSON object for the input (an array of objects for several files),
            with the routerVersion that answered
  --jsonl   one JSON object per file, one per line:
            {"file","id","url","confidence","evidence":{"line","text"},"alternatives":[{"id","confidence"}]}
  -h, --help  show this help

Exit status: 0 every input matched, 1 some input had no match, 2 usage error.
Links use SITE_URL (default: the site the catalog was built for, http://localhost:4321/ in the repository).
`;

/** One JSON record per input; `full` adds title, via, notice and per-alternative details for --json. */
function record(file: string, r: MatchResult, base: string, full: boolean) {
  const url = (id: string) => articleUrl(base, id);
  const b = r.best;
  const rec: Record<string, unknown> = {
    file,
    id: b?.id ?? null,
    url: b ? url(b.id) : null,
    confidence: b?.confidence ?? 0,
    evidence: b ? b.evidence : null,
    alternatives: r.alternatives.map((a) =>
      full ? { id: a.id, title: a.title, url: url(a.id), confidence: a.confidence, via: a.via, evidence: a.evidence } : { id: a.id, confidence: a.confidence },
    ),
  };
  if (full) {
    rec.title = b?.title ?? null;
    rec.via = b?.via ?? null;
    if (r.notice) rec.notice = r.notice;
    rec.lines = r.stats.lines;
  }
  return rec;
}

/** Pasted lines may carry colour codes or other control characters: never replay them on a terminal. */
const printable = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');

function human(file: string, r: MatchResult, base: string, many: boolean): string {
  const out: string[] = [];
  if (many) out.push(`== ${file}`);
  const b = r.best;
  if (!b) {
    out.push(`No match. ${r.notice ?? ''}`.trim());
  } else {
    const pct = (c: number) => `${Math.round(c * 100)}%`;
    out.push(`${b.title}  (${pct(b.confidence)}${b.via === 'fuzzy' ? ', best guess' : ''})`);
    out.push(`  ${articleUrl(base, b.id)}`);
    const ev = printable(b.evidence.text);
    out.push(`  line ${b.evidence.line}: ${ev.length > 200 ? ev.slice(0, 200) + '…' : ev}`);
    if (r.notice) out.push(`  ${r.notice}`);
    if (r.alternatives.length) {
      out.push('  Also possible:');
      for (const a of r.alternatives) out.push(`    ${a.title} (${pct(a.confidence)}): ${articleUrl(base, a.id)}`);
    }
  }
  return out.join('\n') + '\n';
}

export const route: Command = {
  name: 'route',
  summary: 'find the article for an SSH error or ssh -vvv log (stdin or files)',
  usage: USAGE,
  async run(args, io) {
    let format: 'human' | 'json' | 'jsonl' = 'human';
    const files: string[] = [];
    let onlyFiles = false;
    for (const a of args) {
      if (!onlyFiles && a === '--') onlyFiles = true;
      else if (!onlyFiles && (a === '--json' || a === '--jsonl')) {
        const f = a.slice(2) as 'json' | 'jsonl';
        if (format !== 'human' && format !== f) throw new UsageError('--json and --jsonl cannot be combined');
        format = f;
      } else if (!onlyFiles && a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}" (try: sshfix route --help)`);
      else files.push(a);
    }
    if (files.length === 0) files.push('-');
    if (files.filter((f) => f === '-').length > 1) throw new UsageError('standard input ("-") can be read only once');

    // Read everything first: an unreadable file is a usage error before any output.
    const inputs: { file: string; text: string }[] = [];
    for (const f of files) {
      if (f === '-') inputs.push({ file: '-', text: await io.readStdin() });
      else {
        try {
          inputs.push({ file: f, text: readFileSync(f, 'utf8') });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw new UsageError(`cannot read ${f}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? (e as Error).message)}`);
        }
      }
    }

    // In the repository the catalog is read from content/; in the installed package it is embedded.
    const catalog = loadCatalog((warning) => io.stderr(`sshfix: warning: ${warning}\n`));
    const matcher = createMatcher(catalog.rules);
    const base = siteUrl({ SITE_URL: io.env.SITE_URL || catalog.siteUrl });
    const results = inputs.map(({ file, text }) => ({ file, r: matcher.match(text) }));
    if (format === 'json') {
      // routerVersion: which rules and ranking gave these answers (src/catalog/router-version.ts)
      const recs = results.map(({ file, r }) => ({ ...record(file, r, base, true), routerVersion: catalog.routerVersion }));
      io.stdout(JSON.stringify(recs.length === 1 ? recs[0] : recs, null, 2) + '\n');
    } else if (format === 'jsonl') {
      for (const { file, r } of results) io.stdout(JSON.stringify(record(file, r, base, false)) + '\n');
    } else {
      io.stdout(results.map(({ file, r }) => human(file, r, base, results.length > 1)).join('\n'));
    }
    return results.every(({ r }) => r.best) ? 0 : 1;
  },
};
