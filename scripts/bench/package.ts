/**
 * The installable package (`npm run bench -- package`): builds and packs it as `npm run package`
 * does, then reports the tarball's size against the goal (under 400 KB packed, articles
 * included), the unpacked size, the file count and each bundle's size.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildPackage } from '../package.ts';

export const name = 'package';

/** The goal for the packed tarball, in KB (1024 bytes). */
const GOAL_KB = 400;

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export async function run(): Promise<Record<string, number | string>> {
  const started = performance.now();
  const r = await buildPackage();
  rmSync(dirname(r.tarball), { recursive: true, force: true });
  const rows: Record<string, number | string> = {
    'build ms': Math.round(performance.now() - started),
    'packed KB': kb(r.packedBytes),
    [`packed < ${GOAL_KB} KB`]: r.packedBytes < GOAL_KB * 1024 ? 'PASS' : 'FAIL',
    'unpacked KB': kb(r.unpackedBytes),
    files: r.files,
    'catalog JSON KB': kb(r.catalog.jsonBytes),
    'catalog embedded KB (brotli, base64)': kb(r.catalog.embeddedBytes),
  };
  // Chunk names carry a content hash: report them by role (`chunks/mcp`), shared chunks summed.
  const byRole: Record<string, number> = {};
  for (const [file, bytes] of Object.entries(r.bundles)) {
    const role = file.replace(/-[A-Z0-9]{8}\.js$/, '').replace(/^chunks\/chunk$/, 'chunks/shared');
    byRole[role] = (byRole[role] ?? 0) + bytes;
  }
  for (const [role, bytes] of Object.entries(byRole).sort()) rows[`${role} KB`] = kb(bytes);
  return rows;
}
