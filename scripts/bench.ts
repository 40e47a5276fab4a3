/**
 * Benchmark runner: `npm run bench [-- --json] [-- --scale] [-- SECTION...]`.
 *
 * Imports every section module in scripts/bench/*.ts. A section exports `name` and
 * `run(): Promise<Record<string, number | string>>`. Without --json, prints one table per
 * section; with --json, prints exactly one JSON object `{ <section>: {...} }` on stdout and
 * nothing else (anything a section logs goes to stderr). Naming sections runs only those.
 * Sections read their own flags from process.argv (`--scale` turns on the slow scale section).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

interface Section {
  name: string;
  run(): Promise<Record<string, number | string>>;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const dir = fileURLToPath(new URL('./bench/', import.meta.url));

// In JSON mode stdout carries the JSON only: route console output of sections to stderr.
const out = process.stdout.write.bind(process.stdout);
if (json) {
  console.log = console.info = (...a: unknown[]) => console.error(...a);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
}

const fmt = (v: number | string) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 1 ? 4 : 2)) : v);

function table(name: string, rows: Record<string, number | string>): string {
  const entries = Object.entries(rows);
  const w = Math.max(...entries.map(([k]) => k.length), 4);
  const lines = entries.map(([k, v]) => `  ${k.padEnd(w)}  ${fmt(v)}`);
  return [`${name}`, `  ${'-'.repeat(w + 12)}`, ...lines, ''].join('\n');
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const results: Record<string, Record<string, number | string>> = {};
let failed = false;
for (const f of files) {
  let mod: Partial<Section>;
  try {
    mod = (await import(pathToFileURL(join(dir, f)).href)) as Partial<Section>;
  } catch (e) {
    // A section that cannot even load (a missing package) is reported, not fatal to the others.
    const stem = f.replace(/\.ts$/, '');
    if (only.length && !only.includes(stem)) continue;
    failed = true;
    results[stem] = { error: `cannot load scripts/bench/${f}: ${String((e as Error).message ?? e).split('\n')[0]}` };
    if (!json) out(table(stem, results[stem]) + '\n');
    continue;
  }
  if (typeof mod.run !== 'function' || typeof mod.name !== 'string') continue;
  if (only.length && !only.includes(mod.name)) continue;
  try {
    console.error(`bench: ${mod.name}…`);
    results[mod.name] = await mod.run();
  } catch (e) {
    failed = true;
    results[mod.name] = { error: String((e as Error).message ?? e) };
  }
  if (!json) out(table(mod.name, results[mod.name]) + '\n');
}
if (json) out(JSON.stringify(results, null, 2) + '\n');
process.exitCode = failed ? 1 : 0;
