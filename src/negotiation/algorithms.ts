/**
 * What OpenSSH did to each legacy algorithm and when, and which one to re-enable when nothing
 * else is left. Shared by the paste explainer (src/checks/negotiation.ts) and anything else that
 * compares algorithm lists. Pure data and small lookups.
 *
 * Every version below was checked against openssh-portable's history (the first V_x_y_P1 tag
 * containing the commit): myproposal.h for the default lists, cipher.c/mac.c/sshkey.c for
 * removals. "Disabled" means dropped from the client's default proposal (still compiled in:
 * `ssh -Q` lists it and `+name` turns it back on); "removed" means no OpenSSH from that version
 * can use it at all.
 */

/** The four negotiated lists, named as the doctor's AlgorithmLists names them. */
export type AlgorithmKind = 'kex' | 'hostKey' | 'ciphers' | 'macs';

export const ALGORITHM_KINDS: readonly AlgorithmKind[] = ['kex', 'hostKey', 'ciphers', 'macs'];

/** The ssh_config / sshd_config keyword that sets each list. */
export const ALGORITHM_OPTION: Record<AlgorithmKind, 'KexAlgorithms' | 'HostKeyAlgorithms' | 'Ciphers' | 'MACs'> = {
  kex: 'KexAlgorithms',
  hostKey: 'HostKeyAlgorithms',
  ciphers: 'Ciphers',
  macs: 'MACs',
};

/** The words OpenSSH prints: "no matching <what> found". */
export const ALGORITHM_WHAT: Record<AlgorithmKind, string> = { kex: 'key exchange method', hostKey: 'host key type', ciphers: 'cipher', macs: 'MAC' };

/** The article for each kind of "no matching … found". */
export const ALGORITHM_ARTICLE: Record<AlgorithmKind, string> = {
  kex: 'no-matching-key-exchange',
  hostKey: 'no-matching-host-key-type',
  ciphers: 'no-matching-cipher',
  macs: 'no-matching-mac',
};

/** Names in the kex list that are protocol signals, not algorithms (RFC 8308 ext-info, strict kex). */
export function isProtocolMarker(name: string): boolean {
  return /^(?:ext-info-[cs]|kex-strict-[cs](?:-v\d+@openssh\.com)?)$/.test(name);
}

/** Ciphers that carry their own integrity tag: no MAC is negotiated with them. */
export const AEAD_CIPHERS: ReadonlySet<string> = new Set(['chacha20-poly1305@openssh.com', 'aes128-gcm@openssh.com', 'aes256-gcm@openssh.com']);

/**
 * When only legacy algorithms are left, the least bad first: a fix enables one of these rather
 * than whichever the server happens to list first.
 */
export const LEAST_BAD: Record<AlgorithmKind, readonly string[]> = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'],
  hostKey: ['ssh-rsa-cert-v01@openssh.com', 'ssh-rsa', 'ssh-dss-cert-v01@openssh.com', 'ssh-dss'],
  ciphers: ['aes256-cbc', 'aes192-cbc', 'aes128-cbc', 'rijndael-cbc@lysator.liu.se', '3des-cbc'],
  macs: ['hmac-sha1-etm@openssh.com', 'hmac-sha1', 'hmac-sha1-96-etm@openssh.com', 'hmac-sha1-96', 'hmac-md5-etm@openssh.com', 'hmac-md5', 'hmac-md5-96-etm@openssh.com', 'hmac-md5-96'],
};

/** An OpenSSH release as [major, minor]. */
export type OpensshVersion = readonly [number, number];

/** One legacy algorithm's history in OpenSSH and why it went. */
export interface AlgorithmHistory {
  name: string;
  kind: AlgorithmKind;
  /** Release that took it out of the client's default proposal (null: never in it, or still default). */
  disabledIn: OpensshVersion | null;
  /** Release that removed the code (null: still compiled in, re-enable with `+name`). */
  removedIn: OpensshVersion | null;
  /** Why, in one sentence. */
  risk: string;
}

const SHA1_KEX = 'the exchange hash is SHA-1, whose collision resistance is broken (chosen-prefix collisions, 2020)';
const CBC = 'CBC mode in SSH leaks plaintext to an attacker who can tamper with the connection (Albrecht et al., 2009)';
const BLOCK64 = 'a 64-bit block cipher: after some tens of gigabytes block collisions reveal plaintext (Sweet32, 2016)';
const MD5 = 'MD5 is broken as a hash; an HMAC over it is not known to be forgeable, but it has no safety margin left';
const TRUNCATED = 'a MAC truncated to 96 bits';

// [name, kind, disabledIn, removedIn, risk]; versions verified in openssh-portable (see the file comment).
const TABLE: Array<[string, AlgorithmKind, OpensshVersion | null, OpensshVersion | null, string]> = [
  // bdfd29f6 (7.0): "turn off 1024 bit diffie-hellman-group1-sha1 … already off in server".
  ['diffie-hellman-group1-sha1', 'kex', [7, 0], null, `a 1024-bit prime group that a nation-state can precompute (Logjam, 2015), and ${SHA1_KEX}`],
  // 6c30c9ad (8.2): "remove diffie-hellman-group14-sha1 from default kex".
  ['diffie-hellman-group14-sha1', 'kex', [8, 2], null, `the 2048-bit group is fine, but ${SHA1_KEX}`],
  // 9b61130f (8.0): openssh-7.9 had already dropped it by accident; 8.0 made it official.
  ['diffie-hellman-group-exchange-sha1', 'kex', [8, 0], null, SHA1_KEX],
  // 23447502 (8.8): "disable the RSA/SHA-1 signature algorithm by default". The RSA key itself is fine.
  ['ssh-rsa', 'hostKey', [8, 8], null, 'signatures use SHA-1, for which chosen-prefix collisions are practical (SHAmbles, 2020); the same RSA key signs with rsa-sha2-256/512 on any server from the last decade'],
  ['ssh-rsa-cert-v01@openssh.com', 'hostKey', [8, 8], null, 'RSA certificates signed with SHA-1 (see ssh-rsa)'],
  // 3a1638dd (7.0) off by default; 00eb9595 (9.8) not built by default; 6c9872fa (10.0) cannot be enabled.
  ['ssh-dss', 'hostKey', [7, 0], [10, 0], 'DSA keys are fixed at 1024 bits and sign with SHA-1'],
  ['ssh-dss-cert-v01@openssh.com', 'hostKey', [7, 0], [10, 0], 'DSA certificates (see ssh-dss)'],
  // da95318d (7.4): "remove 3des-cbc from the client's default proposal; 64-bit block ciphers are not safe".
  ['3des-cbc', 'ciphers', [7, 4], null, `${BLOCK64}, and ${CBC}`],
  // 70c1218f (7.6): "Don't offer CBC ciphers by default in the client".
  ['aes128-cbc', 'ciphers', [7, 6], null, CBC],
  ['aes192-cbc', 'ciphers', [7, 6], null, CBC],
  ['aes256-cbc', 'ciphers', [7, 6], null, CBC],
  // 714e3672 (7.2) off in the client; 03e93c75 (8.5) removed.
  ['rijndael-cbc@lysator.liu.se', 'ciphers', [7, 2], [8, 5], `an old alias of aes256-cbc: ${CBC}`],
  // 714e3672 (7.2) off in the client; acaf34fd (7.6) "remove support for Blowfish, RC4 and CAST ciphers".
  ['arcfour', 'ciphers', [7, 2], [7, 6], 'RC4 has biased keystream bytes that leak plaintext'],
  ['arcfour128', 'ciphers', [7, 2], [7, 6], 'RC4 has biased keystream bytes that leak plaintext'],
  ['arcfour256', 'ciphers', [7, 2], [7, 6], 'RC4 has biased keystream bytes that leak plaintext'],
  ['blowfish-cbc', 'ciphers', [7, 2], [7, 6], `${BLOCK64}, and ${CBC}`],
  ['cast128-cbc', 'ciphers', [7, 2], [7, 6], `${BLOCK64}, and ${CBC}`],
  // 714e3672 (7.2): "turn off more old crypto in the client: hmac-md5, ripemd, truncated HMACs".
  ['hmac-md5', 'macs', [7, 2], null, MD5],
  ['hmac-md5-96', 'macs', [7, 2], null, `${MD5}; ${TRUNCATED}`],
  ['hmac-md5-etm@openssh.com', 'macs', [7, 2], null, MD5],
  ['hmac-md5-96-etm@openssh.com', 'macs', [7, 2], null, `${MD5}; ${TRUNCATED}`],
  ['hmac-sha1-96', 'macs', [7, 2], null, `${TRUNCATED} (plain hmac-sha1 is still a default)`],
  ['hmac-sha1-96-etm@openssh.com', 'macs', [7, 2], null, `${TRUNCATED} (plain hmac-sha1 is still a default)`],
  // 7bdb2eeb (7.6): "remove hmac-ripemd160".
  ['hmac-ripemd160', 'macs', [7, 2], [7, 6], 'little-studied hash, removed for lack of use'],
  ['hmac-ripemd160@openssh.com', 'macs', [7, 2], [7, 6], 'little-studied hash, removed for lack of use'],
  ['hmac-ripemd160-etm@openssh.com', 'macs', [7, 2], [7, 6], 'little-studied hash, removed for lack of use'],
];

/** The history table keyed by algorithm name. */
export const ALGORITHM_HISTORY: ReadonlyMap<string, AlgorithmHistory> = new Map(
  TABLE.map(([name, kind, disabledIn, removedIn, risk]) => [name, { name, kind, disabledIn, removedIn, risk }]),
);

/** The newest release this table was checked against (V_10_5_P1): an unknown client is assumed to be this recent. */
export const CURRENT_OPENSSH: OpensshVersion = [10, 5];

/** `OpenSSH_9.2p1 Debian-2…` → [9, 2]; null when the text holds no OpenSSH version. */
export function parseOpensshVersion(text: string): OpensshVersion | null {
  const m = /OpenSSH_(\d{1,2})\.(\d{1,2})/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function formatVersion(v: OpensshVersion): string {
  return `${v[0]}.${v[1]}`;
}

function atLeast(v: OpensshVersion, ref: OpensshVersion): boolean {
  return v[0] > ref[0] || (v[0] === ref[0] && v[1] >= ref[1]);
}

/**
 * Whether an OpenSSH client of this version can use the algorithm (by default or with `+name`).
 * Names the table does not know are modern ones and count as usable; an unknown name from an
 * exotic server may not be, which is why a fix prefers LEAST_BAD names.
 */
export function opensshCanUse(name: string, version: OpensshVersion): boolean {
  const h = ALGORITHM_HISTORY.get(name);
  return !h?.removedIn || !atLeast(version, h.removedIn);
}

/** Whether this version offers it without configuration. */
export function opensshOffersByDefault(name: string, version: OpensshVersion): boolean {
  const h = ALGORITHM_HISTORY.get(name);
  return !h?.disabledIn || !atLeast(version, h.disabledIn);
}

/** One sentence about what OpenSSH did to an algorithm, or null for one it never disabled. */
export function describeHistory(name: string): string | null {
  const h = ALGORITHM_HISTORY.get(name);
  if (!h) return null;
  const when = [h.disabledIn ? `off by default since OpenSSH ${formatVersion(h.disabledIn)}` : '', h.removedIn ? `removed in ${formatVersion(h.removedIn)}` : ''].filter(Boolean).join(', ');
  return `${name}: ${when} — ${h.risk}.`;
}

/** The algorithm a narrowest fix enables: the least bad one among `usable`, else the first usable. */
export function pickEnable(kind: AlgorithmKind, usable: readonly string[]): string | null {
  return LEAST_BAD[kind].find((a) => usable.includes(a)) ?? usable[0] ?? null;
}
