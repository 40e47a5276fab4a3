/**
 * The version syntax of `<Cause versions="…">` and `<Since v="…" />` (content/README.md,
 * "Versions on causes"): items `product op version` separated by `;` or `,`, e.g.
 * `openssh>=8.8; rhel=9` or `openssh=8.5-9.8`, each optionally for one side of the connection
 * (`server:openssh>=8.8; client:openssh<7.8`, for a cause of a `side: both` article that needs a
 * new server or an old client). The items are alternatives: a cause holds where any item holds.
 * Pure, so the build, the lint, the answer card and the article script share it.
 */

export const PRODUCTS = ['openssh', 'ubuntu', 'debian', 'rhel', 'fedora', 'windows-openssh', 'macos', 'putty'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_LABELS: Record<Product, string> = {
  openssh: 'OpenSSH',
  ubuntu: 'Ubuntu',
  debian: 'Debian',
  rhel: 'RHEL',
  fedora: 'Fedora',
  'windows-openssh': 'Windows OpenSSH',
  macos: 'macOS',
  putty: 'PuTTY',
};

/** Which end of the connection an item is about, when it is only one (`server:openssh>=8.8`). */
export type ItemSide = 'client' | 'server';

/**
 * One condition: `>=` and `<` compare, `=` matches the version at its own precision, a range is
 * inclusive; `side`, when given, is the only end of the connection it is judged against.
 */
export type VersionItem = { side?: ItemSide } & (
  | { product: Product; op: '>=' | '<' | '='; version: string }
  | { product: Product; op: 'range'; from: string; to: string }
);

export type SpecResult = { ok: true; items: VersionItem[] } | { ok: false; error: string };

const VERSION = String.raw`\d{1,4}(?:\.\d{1,4}){0,3}`;
const ITEM = new RegExp(String.raw`^(?:(client|server)\s*:\s*)?([a-z-]+)\s*(>=|<|=)\s*(${VERSION})(?:\s*-\s*(${VERSION}))?$`);
const MAX_SPEC = 200;

/** A dotted version as numbers: `9.2` → [9, 2]. */
export const versionParts = (v: string): number[] => v.split('.').map(Number);

/** Compare `a` with `b` on b's precision only: `9.8.1` equals `9.8`, `22.10` is above `22.4`. */
export function compareAt(a: string, b: string): number {
  const x = versionParts(a);
  const y = versionParts(b);
  for (let i = 0; i < y.length; i++) {
    const d = (x[i] ?? 0) - y[i];
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Parse a versions value; the error quotes the offending item so the author can find it. */
export function parseVersionSpec(value: string): SpecResult {
  if (typeof value !== 'string' || !value.trim()) return { ok: false, error: 'is empty' };
  if (value.length > MAX_SPEC) return { ok: false, error: `is longer than ${MAX_SPEC} characters` };
  const items: VersionItem[] = [];
  for (const raw of value.split(/[;,]/)) {
    const part = raw.trim();
    const m = ITEM.exec(part);
    if (!m) return { ok: false, error: `"${part}" is not "product op version", optionally after "client:" or "server:" (e.g. openssh>=8.8, rhel=9, openssh=8.5-9.8, server:openssh>=8.8)` };
    const [, side, product, op, version, to] = m;
    const on = side ? { side: side as ItemSide } : {};
    if (!(PRODUCTS as readonly string[]).includes(product)) {
      return { ok: false, error: `"${product}" is not one of ${PRODUCTS.join(', ')}` };
    }
    const p = product as Product;
    if (to === undefined) {
      items.push({ ...on, product: p, op: op as '>=' | '<' | '=', version });
    } else if (op !== '=') {
      return { ok: false, error: `"${part}": a range is written with "=" (${product}=${version}-${to})` };
    } else if (compareAt(version, to) > 0) {
      return { ok: false, error: `"${part}": the range runs backwards` };
    } else {
      items.push({ ...on, product: p, op: 'range', from: version, to });
    }
  }
  return { ok: true, items };
}

/**
 * The label a reader sees: "OpenSSH ≥ 8.8", "RHEL 9", "OpenSSH 8.5–9.8", "OpenSSH < 8.5", and for
 * one side "OpenSSH ≥ 8.8 on the server".
 */
export function itemLabel(item: VersionItem): string {
  const name = PRODUCT_LABELS[item.product];
  const where = item.side ? ` on the ${item.side}` : '';
  switch (item.op) {
    case '>=':
      return `${name} ≥ ${item.version}${where}`;
    case '<':
      return `${name} < ${item.version}${where}`;
    case '=':
      return `${name} ${item.version}${where}`;
    case 'range':
      return `${name} ${item.from}–${item.to}${where}`;
  }
}

/** Whether a product version satisfies one item (same product assumed). */
export function itemHolds(item: VersionItem, version: string): boolean {
  switch (item.op) {
    case '>=':
      return compareAt(version, item.version) >= 0;
    case '<':
      return compareAt(version, item.version) < 0;
    case '=':
      return compareAt(version, item.version) === 0;
    case 'range':
      return compareAt(version, item.from) >= 0 && compareAt(version, item.to) <= 0;
  }
}

/** The spec's items, or an Error naming where it sits: for components that must fail the build. */
export function versionItemsOrThrow(value: string, where: string): VersionItem[] {
  const r = parseVersionSpec(value);
  if (!r.ok) throw new Error(`${where}: versions="${value.slice(0, MAX_SPEC)}" ${r.error}`);
  return r.items;
}
