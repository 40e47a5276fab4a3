/**
 * Matcher timings (`npm run bench`): a single line and a 5,000-line `ssh -vvv` log, against a
 * plain fuse.js search over all messages as the baseline, plus 1×/2×/4×/8× the log to show that
 * time grows linearly.
 *
 * The log is built from real `-vvv` output: the debug lines of every captured fixture
 * (tests/fixtures/pastes/<id>/captured-*vvv*.txt; any fixture when none is captured), repeated
 * to 5,000 lines, with the last lines of the longest such fixture (its error) at the end.
 *
 * Baseline fairness: fuse.js has no notion of lines, and one search with a 5,000-line pattern is
 * meaningless, so the baseline does what a naive router would: one fuse.js search per non-empty
 * line over all message templates (placeholders removed). That is too slow to run whole on every
 * iteration, so it is timed on evenly spaced lines and scaled to the full log (reported as such).
 */
import Fuse from 'fuse.js/basic';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, readArticles } from '../../src/catalog/load.ts';
import { loadRules, toRules } from '../../src/catalog/rules.ts';
import { createMatcher, type Matcher, type Rule } from '../../src/matcher/index.ts';

export const name = 'matcher';

const LOG_LINES = 5000;
const FUSE_SAMPLE = 100;

function rules(): Rule[] {
  try {
    return loadRules();
  } catch {
    return toRules(readArticles().articles); // catalog still being written: use what parses
  }
}

/** The paste of a fixture file (without its `---\nsource: …\n---` header). */
function paste(file: string): string {
  const text = readFileSync(file, 'utf8');
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

function fixtures(): { id: string; file: string }[] {
  const dir = join(ROOT, 'tests/fixtures/pastes');
  return readdirSync(dir)
    .filter((d) => d !== 'none' && statSync(join(dir, d)).isDirectory())
    .flatMap((id) => readdirSync(join(dir, id)).map((f) => ({ id, file: join(dir, id, f) })))
    .filter((f) => f.file.endsWith('.txt'));
}

/**
 * Build the benchmark log and say where it came from. The tail comes from the longest captured
 * `-vvv` fixture whose own last lines route to its folder's id by template, so the log ends with
 * a real, recognised error whatever fixtures exist at the time.
 */
export function buildLog(matcher: Matcher, lines = LOG_LINES): { text: string; expected: string; source: string; errorLine: string } {
  const all = fixtures();
  const captured = all.filter((f) => /captured-.*vvv/.test(f.file));
  const pool = (captured.length ? captured : all).map((f) => ({ ...f, lines: paste(f.file).split('\n') }));
  const tailOf = (f: (typeof pool)[number]) => f.lines.filter((l) => l.trim() && !/^debug[123]: /.test(l)).slice(-3);
  const ranked = [...pool].sort((a, b) => b.lines.length - a.lines.length || a.file.localeCompare(b.file));
  const chosen =
    ranked.find((f) => {
      const r = matcher.match(tailOf(f).join('\n'));
      return r.best?.id === f.id && r.best.via === 'template';
    }) ?? ranked[0];
  const noise = pool.flatMap((f) => f.lines.filter((l) => /^debug[123]: /.test(l)));
  const tail = tailOf(chosen);
  const body: string[] = [];
  for (let i = 0; body.length < lines - tail.length; i++) body.push(noise[i % noise.length]);
  return {
    text: [...body, ...tail].join('\n') + '\n',
    expected: chosen.id,
    source: `${captured.length ? 'captured -vvv' : 'fixture'} debug lines from ${pool.length} files; tail of ${chosen.file.slice(ROOT.length)}`,
    // The line that decides the tail (its last line can be a notice such as `Transferred: …`).
    errorLine: matcher.match(tail.join('\n')).best?.evidence.text ?? tail[tail.length - 1] ?? '',
  };
}

/** Median and 95th percentile of `iterations` timed runs after `warmup` untimed ones, in ms. */
function time(fn: () => unknown, iterations: number, warmup = Math.ceil(iterations / 5)): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], p95: t[Math.min(t.length - 1, Math.floor(t.length * 0.95))] };
}

export async function run(): Promise<Record<string, number | string>> {
  const rs = rules();
  const matcher = createMatcher(rs);
  const log = buildLog(matcher);
  const single = log.errorLine || 'ubuntu@203.0.113.7: Permission denied (publickey).';

  const fuse = new Fuse(
    rs.flatMap((r) => [...r.messages, ...(r.shared ?? [])].map((m) => ({ id: r.id, text: m.replace(/\{[a-z]+\}/g, ' ') }))),
    { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.4 },
  );
  const logLines = log.text.split('\n').filter((l) => l.trim());
  const step = Math.max(1, Math.floor(logLines.length / FUSE_SAMPLE));
  const sample = logLines.filter((_, i) => i % step === 0).slice(0, FUSE_SAMPLE);

  const m1 = time(() => matcher.match(single), 2000);
  // A line no template knows goes on to the fragment pass and the fuzzy fallback: the slow path.
  const typed = 'ssh keeps saying conection timed out';
  const mTyped = time(() => matcher.match(typed), 500);
  const f1 = time(() => fuse.search(single), 200);
  const mLog = time(() => matcher.match(log.text), 40, 5);
  const fSample = time(() => sample.forEach((l) => fuse.search(l)), 5, 1);
  const fLog = { median: (fSample.median * logLines.length) / sample.length, p95: (fSample.p95 * logLines.length) / sample.length };

  const routed = matcher.match(log.text).best?.id ?? 'null';
  const result: Record<string, number | string> = {
    rules: rs.length,
    templates: rs.reduce((n, r) => n + r.messages.length + (r.shared?.length ?? 0), 0),
    single_line: single,
    single_line_median_ms: m1.median,
    single_line_p95_ms: m1.p95,
    typed_line: typed,
    typed_line_routed_id: matcher.match(typed).best?.id ?? 'null',
    typed_line_median_ms: mTyped.median,
    fuse_single_line_median_ms: f1.median,
    log_lines: logLines.length,
    log_source: log.source,
    log_expected_id: log.expected,
    log_routed_id: routed,
    log_median_ms: mLog.median,
    log_p95_ms: mLog.p95,
    fuse_log_median_ms: fLog.median,
    fuse_log_note: `one fuse.js search per line, timed on ${sample.length} lines and scaled to ${logLines.length}`,
    speedup_vs_fuse_log: fLog.median / mLog.median,
  };
  // Linearity: the same log repeated k times; time per 1,000 lines should stay flat. Sizes are
  // interleaved round by round so drift in machine load does not bias the larger ones.
  const ks = [1, 2, 4, 8];
  const texts = ks.map((k) => log.text.repeat(k));
  const samples: number[][] = ks.map(() => []);
  texts.forEach((t) => matcher.match(t)); // warm-up
  for (let round = 0; round < 9; round++) {
    texts.forEach((t, i) => {
      const s = performance.now();
      matcher.match(t);
      samples[i].push(performance.now() - s);
    });
  }
  ks.forEach((k, i) => {
    const sorted = samples[i].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    result[`scale_${k}x_median_ms`] = median;
    result[`scale_${k}x_ms_per_1000_lines`] = median / ((logLines.length * k) / 1000);
  });
  return result;
}
