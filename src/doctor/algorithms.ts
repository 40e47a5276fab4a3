/**
 * Predicts OpenSSH's algorithm negotiation (kex.c kex_choose_conf) from the server's KEXINIT and
 * the client's effective lists (`ssh -G`: kexalgorithms, hostkeyalgorithms, ciphers, macs): for
 * each list the client's first algorithm the server also offers wins; with none, ssh stops with
 * "no matching … found". Every mismatch is named (ssh itself stops at the first), with the
 * narrowest fix: one algorithm the server offers and this ssh build supports, enabled for one
 * host with `+`. Pure.
 */
import {
  AEAD_CIPHERS,
  ALGORITHM_ARTICLE,
  ALGORITHM_OPTION,
  ALGORITHM_WHAT,
  isProtocolMarker,
  LEAST_BAD,
  pickEnable,
  type AlgorithmKind,
} from '../negotiation/algorithms.ts';
import type { KexInit } from './kexinit.ts';

/** The client's algorithm lists, most preferred first. */
export interface AlgorithmLists {
  kex: string[];
  hostKey: string[];
  ciphers: string[];
  macs: string[];
}

export type { AlgorithmKind };

/** One list without a common algorithm. */
export interface Mismatch {
  kind: AlgorithmKind;
  /** The words ssh prints: `key exchange method`, `host key type`, `cipher`, `MAC`. */
  what: string;
  articleId: string;
  causeId: string;
  /** What the server offers (protocol markers such as ext-info-s left out). */
  serverOffer: string[];
  /** The ssh_config keyword that would change it. */
  option: 'KexAlgorithms' | 'HostKeyAlgorithms' | 'Ciphers' | 'MACs';
  /** The one algorithm to add for this host, or null when this ssh build supports none of the offer. */
  enable: string | null;
}

/** What would be agreed, and what would not. */
export interface Negotiation {
  kex: string | null;
  hostKey: string | null;
  cipherClientToServer: string | null;
  cipherServerToClient: string | null;
  macClientToServer: string | null;
  macServerToClient: string | null;
  mismatches: Mismatch[];
}

/** The client's first algorithm that the server offers (OpenSSH match_list order). */
function choose(client: string[], server: string[]): string | null {
  return client.find((a) => server.includes(a)) ?? null;
}

/** The cause of the kind's article that a server offering `offer` points to. */
function causeId(kind: AlgorithmKind, offer: string[], enable: string | null): string {
  switch (kind) {
    case 'kex':
      return enable === null ? 'outdated-client' : LEAST_BAD.kex.includes(enable) ? 'legacy-server' : 'restricted-server-policy';
    case 'hostKey':
      if (enable === null) return 'old-client-modern-server';
      return offer.some((a) => a.startsWith('ssh-rsa')) ? 'server-offers-only-ssh-rsa' : 'server-offers-only-ssh-dss';
    case 'ciphers':
      return enable === null ? 'outdated-client-library' : /-cbc|^3des/.test(enable) ? 'legacy-cbc-server' : 'restricted-ciphers-or-fips';
    case 'macs':
      return enable === null ? 'etm-only-server-old-client' : 'legacy-mac-server';
  }
}

function mismatch(kind: AlgorithmKind, offer: string[], supported: string[]): Mismatch {
  const enable = pickEnable(kind, offer.filter((a) => supported.includes(a)));
  return {
    kind,
    what: ALGORITHM_WHAT[kind],
    articleId: ALGORITHM_ARTICLE[kind],
    causeId: causeId(kind, offer, enable),
    serverOffer: offer,
    option: ALGORITHM_OPTION[kind],
    enable,
  };
}

/**
 * Negotiates as OpenSSH's client would. `supported`: everything this ssh build can do
 * (`ssh -Q kex|key|cipher|mac`), to choose what a fix may enable.
 */
export function negotiate(server: KexInit, client: AlgorithmLists, supported: AlgorithmLists): Negotiation {
  const kexOffer = server.kex.filter((a) => !isProtocolMarker(a));
  const mismatches: Mismatch[] = [];
  const kex = choose(client.kex, kexOffer);
  if (!kex) mismatches.push(mismatch('kex', kexOffer, supported.kex));
  const hostKey = choose(client.hostKey, server.hostKey);
  if (!hostKey) mismatches.push(mismatch('hostKey', server.hostKey, supported.hostKey));

  const cipherClientToServer = choose(client.ciphers, server.cipherClientToServer);
  const cipherServerToClient = choose(client.ciphers, server.cipherServerToClient);
  if (!cipherClientToServer || !cipherServerToClient) {
    const offer = [...new Set([...server.cipherClientToServer, ...server.cipherServerToClient])];
    mismatches.push(mismatch('ciphers', offer, supported.ciphers));
  }
  // A MAC is negotiated only for a cipher without its own tag: judge it with the cipher the
  // connection would use (after the cipher fix, when one is needed).
  const cipherFix = mismatches.find((m) => m.kind === 'ciphers')?.enable ?? null;
  const needsMac = (c: string | null) => !AEAD_CIPHERS.has(c ?? cipherFix ?? '');
  const macClientToServer = needsMac(cipherClientToServer) ? choose(client.macs, server.macClientToServer) : null;
  const macServerToClient = needsMac(cipherServerToClient) ? choose(client.macs, server.macServerToClient) : null;
  if ((needsMac(cipherClientToServer) && !macClientToServer) || (needsMac(cipherServerToClient) && !macServerToClient)) {
    const offer = [...new Set([...server.macClientToServer, ...server.macServerToClient])];
    mismatches.push(mismatch('macs', offer, supported.macs));
  }
  return { kex, hostKey, cipherClientToServer, cipherServerToClient, macClientToServer, macServerToClient, mismatches };
}

/**
 * The narrowest lasting fix: a `Host` block for the name the reader typed, adding only the
 * algorithms needed (`+` keeps every default). Null when no option can help (this client
 * supports nothing the server offers).
 */
export function perHostFix(alias: string, mismatches: Mismatch[]): string | null {
  const lines = mismatches.filter((m) => m.enable).map((m) => `    ${m.option} +${m.enable}`);
  if (!lines.length) return null;
  return [`Host ${alias}`, ...lines].join('\n');
}

/** The same fix for one try on the command line. */
export function oneOffOptions(mismatches: Mismatch[]): string[] {
  return mismatches.filter((m) => m.enable).flatMap((m) => ['-o', `${m.option}=+${m.enable}`]);
}
