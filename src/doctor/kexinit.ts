/**
 * Reads the SSH binary packet protocol as it runs before any key is agreed (RFC 4253 §6: no
 * encryption, no MAC) and the SSH_MSG_KEXINIT payload (§7.1). Pure: bytes in, data or a clear
 * error out; nothing is trusted (every length is checked against the bytes present and a bound),
 * nothing throws. Used by `sshfix doctor` on the server's first packet, and by anything that
 * needs the four algorithm lists from captured bytes.
 *
 *   uint32 packet_length | byte padding_length | payload | random padding   (no MAC yet)
 *   payload = byte 20 | byte[16] cookie | name-list × 10 | boolean first_kex_packet_follows | uint32 0
 */

/** RFC 4253 §6.1: every implementation must take packets of 35000 bytes; a KEXINIT is ~1-2 KB. */
export const MAX_PACKET_LENGTH = 35_000;
/** A name-list longer than this is not a real algorithm list. */
export const MAX_NAME_LIST_LENGTH = 16_384;

export const SSH_MSG_DISCONNECT = 1;
export const SSH_MSG_IGNORE = 2;
export const SSH_MSG_DEBUG = 4;
export const SSH_MSG_KEXINIT = 20;

/** The ten name-lists of a KEXINIT, in wire order. */
export const KEXINIT_LISTS = [
  'kex',
  'hostKey',
  'cipherClientToServer',
  'cipherServerToClient',
  'macClientToServer',
  'macServerToClient',
  'compressionClientToServer',
  'compressionServerToClient',
  'languageClientToServer',
  'languageServerToClient',
] as const;
export type KexInitList = (typeof KEXINIT_LISTS)[number];

/** A parsed SSH_MSG_KEXINIT: the sender's algorithm proposals, most preferred first. */
export type KexInit = Record<KexInitList, string[]> & {
  /** The 16 random bytes, as hex. */
  cookie: string;
  firstKexPacketFollows: boolean;
};

export type PacketRead =
  /** `buffer` holds only part of a packet: at least `needed` bytes in all are required. */
  | { status: 'incomplete'; needed: number }
  | { status: 'packet'; msgType: number; payload: Uint8Array; consumed: number }
  | { status: 'error'; error: string };

export type KexInitParse = { ok: true; kexinit: KexInit } | { ok: false; error: string };

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** Reads one unencrypted binary packet from the start of `buffer`. */
export function readBinaryPacket(buffer: Uint8Array, maxPacketLength = MAX_PACKET_LENGTH): PacketRead {
  if (buffer.length < 5) return { status: 'incomplete', needed: 5 };
  const packetLength = u32(buffer, 0);
  if (packetLength > maxPacketLength) {
    return { status: 'error', error: `packet length ${packetLength} is larger than ${maxPacketLength} bytes: not an SSH packet (or a corrupted one)` };
  }
  const padding = buffer[4]!;
  if (packetLength < padding + 2) return { status: 'error', error: `packet length ${packetLength} leaves no room for its ${padding} bytes of padding and a message type` };
  if (padding < 4) return { status: 'error', error: `padding length ${padding} is below the minimum of 4 (RFC 4253 §6)` };
  const total = 4 + packetLength;
  if (buffer.length < total) return { status: 'incomplete', needed: total };
  const payload = buffer.subarray(5, 4 + packetLength - padding);
  return { status: 'packet', msgType: payload[0]!, payload, consumed: total };
}

const NAME_RE = /^[\x21-\x2b\x2d-\x7e]{1,64}$/; // printable US-ASCII without comma, 1-64 chars (RFC 4251 §6)

/** Parses a KEXINIT payload (starting with the message type byte 20). */
export function parseKexInit(payload: Uint8Array): KexInitParse {
  if (payload.length === 0) return { ok: false, error: 'empty payload' };
  if (payload[0] !== SSH_MSG_KEXINIT) return { ok: false, error: `message type ${payload[0]} is not SSH_MSG_KEXINIT (20)` };
  if (payload.length < 17) return { ok: false, error: 'KEXINIT ends inside its 16-byte cookie' };
  const cookie = [...payload.subarray(1, 17)].map((b) => b.toString(16).padStart(2, '0')).join('');
  let at = 17;
  const lists: Partial<Record<KexInitList, string[]>> = {};
  for (const name of KEXINIT_LISTS) {
    if (at + 4 > payload.length) return { ok: false, error: `KEXINIT ends before its ${name} list` };
    const len = u32(payload, at);
    at += 4;
    if (len > MAX_NAME_LIST_LENGTH) return { ok: false, error: `the ${name} list claims ${len} bytes (more than ${MAX_NAME_LIST_LENGTH})` };
    if (at + len > payload.length) return { ok: false, error: `the ${name} list claims ${len} bytes but only ${payload.length - at} remain` };
    const bytes = payload.subarray(at, at + len);
    at += len;
    if (bytes.some((b) => b > 0x7e || b < 0x21)) return { ok: false, error: `the ${name} list contains bytes that are not printable ASCII` };
    const text = String.fromCharCode(...bytes);
    const names = text === '' ? [] : text.split(',');
    const bad = names.find((n) => !NAME_RE.test(n));
    if (bad !== undefined) return { ok: false, error: `the ${name} list has an invalid algorithm name "${bad.slice(0, 80)}"` };
    lists[name] = names;
  }
  if (at + 5 > payload.length) return { ok: false, error: 'KEXINIT ends before first_kex_packet_follows and the reserved field' };
  const firstKexPacketFollows = payload[at] !== 0;
  return { ok: true, kexinit: { ...(lists as Record<KexInitList, string[]>), cookie, firstKexPacketFollows } };
}

/** Reason code and text of an SSH_MSG_DISCONNECT payload, or null when it does not parse. */
export function parseDisconnect(payload: Uint8Array): { reason: number; description: string } | null {
  if (payload[0] !== SSH_MSG_DISCONNECT || payload.length < 9) return null;
  const reason = u32(payload, 1);
  const len = u32(payload, 5);
  if (len > payload.length - 9) return null;
  const description = new TextDecoder('utf-8', { fatal: false }).decode(payload.subarray(9, 9 + len));
  return { reason, description };
}

/** The outcome of reading the server's first packets after its identification string. */
export type FirstPacketsRead =
  | { status: 'incomplete'; needed: number }
  | { status: 'kexinit'; kexinit: KexInit; consumed: number }
  | { status: 'disconnect'; reason: number; description: string }
  | { status: 'error'; error: string };

/**
 * Reads packets from `buffer` until the KEXINIT: SSH_MSG_IGNORE and SSH_MSG_DEBUG may come first
 * (RFC 4253 §11), anything else before the KEXINIT is a protocol error. At most `maxPackets` are read.
 */
export function readServerKexInit(buffer: Uint8Array, maxPackets = 16): FirstPacketsRead {
  let offset = 0;
  for (let i = 0; i < maxPackets; i++) {
    const p = readBinaryPacket(buffer.subarray(offset));
    if (p.status === 'incomplete') return { status: 'incomplete', needed: offset + p.needed };
    if (p.status === 'error') return p;
    offset += p.consumed;
    if (p.msgType === SSH_MSG_IGNORE || p.msgType === SSH_MSG_DEBUG) continue;
    if (p.msgType === SSH_MSG_DISCONNECT) {
      const d = parseDisconnect(p.payload);
      return d ? { status: 'disconnect', ...d } : { status: 'error', error: 'a malformed SSH_MSG_DISCONNECT' };
    }
    const k = parseKexInit(p.payload);
    return k.ok ? { status: 'kexinit', kexinit: k.kexinit, consumed: offset } : { status: 'error', error: k.error };
  }
  return { status: 'error', error: `no KEXINIT in the first ${maxPackets} packets` };
}
