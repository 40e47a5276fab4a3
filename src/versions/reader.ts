/**
 * The reader's software versions, as read from a paste (paste.ts) and carried from the answer card
 * to the article in the URL (`?client=openssh-9.2,debian-12&server=openssh-7.4,rhel-7`). Pure.
 */
import { PRODUCT_LABELS, PRODUCTS, type Product } from './spec.ts';

/** One side's software: the SSH implementation and, where the version string tells, the OS. */
export interface SideVersions {
  /** `openssh`, `windows-openssh` or `putty`, with its dotted version (`9.2`, `0.81`). */
  ssh: { product: Product; version: string };
  /** The OS release the package suffix tells (`debian` `12`), or the OS alone (`macos`). */
  os?: { product: Product; release?: string; guess?: boolean };
}

export interface ReaderVersions {
  client?: SideVersions;
  server?: SideVersions;
}

const VERSION = /^\d{1,4}(\.\d{1,4}){0,3}$/;

/** "OpenSSH 9.2 (Debian 12)", for the answer card and the article's note. */
export function describeSide(side: SideVersions): string {
  const ssh = `${PRODUCT_LABELS[side.ssh.product]} ${side.ssh.version}`;
  if (!side.os) return ssh;
  const os = [PRODUCT_LABELS[side.os.product], side.os.release].filter(Boolean).join(' ');
  return `${ssh} (${side.os.guess ? `probably ${os}` : os})`;
}

/** One side as a URL parameter value: `openssh-9.2,debian-12`. */
export function sideParam(side: SideVersions): string {
  const parts = [`${side.ssh.product}-${side.ssh.version}`];
  if (side.os) parts.push(side.os.release ? `${side.os.product}-${side.os.release}` : side.os.product);
  return parts.join(',');
}

function token(t: string): { product: Product; version?: string } | null {
  const m = /^([a-z-]+?)(?:-(\d[\d.]*))?$/.exec(t.trim());
  if (!m || !(PRODUCTS as readonly string[]).includes(m[1])) return null;
  if (m[2] !== undefined && !VERSION.test(m[2])) return null;
  return { product: m[1] as Product, version: m[2] };
}

const SSH_PRODUCTS: readonly Product[] = ['openssh', 'windows-openssh', 'putty'];

/** Read a URL parameter back; anything malformed gives undefined (the article then marks nothing). */
export function parseSideParam(value: string | null | undefined): SideVersions | undefined {
  if (!value || value.length > 80) return undefined;
  const [first, second] = value.split(',').map(token);
  if (!first || !first.version || !SSH_PRODUCTS.includes(first.product)) return undefined;
  const side: SideVersions = { ssh: { product: first.product, version: first.version } };
  if (second && !SSH_PRODUCTS.includes(second.product)) side.os = { product: second.product, release: second.version };
  return side;
}
