/**
 * The doctor's own look at the server, below ssh: a TCP connect with a time limit (errno told
 * apart), the server's identification string, and its SSH_MSG_KEXINIT, then the connection is
 * dropped (nothing is negotiated, nothing is authenticated). Sends only an identification line,
 * as every SSH client does first. Reads at most MAX_IDENT_BYTES + two packets, whatever the
 * server sends.
 */
import { connect, type Socket } from 'node:net';
import { MAX_IDENT_BYTES, readIdentification, type IdentRead } from './identification.ts';
import { MAX_PACKET_LENGTH, readServerKexInit, type FirstPacketsRead } from './kexinit.ts';

/** What the doctor says about itself to the server (RFC 4253 §4.2 form). */
export const DOCTOR_IDENT = 'SSH-2.0-sshfix_doctor';

export type ConnectError = 'refused' | 'timeout' | 'no-route' | 'net-unreachable' | 'other';

export interface ConnectResult {
  ok: boolean;
  address: string;
  port: number;
  ms: number;
  error: ConnectError | null;
  /** errno name (ECONNREFUSED…) or `timer` when our own limit ran out. */
  errno: string | null;
  message: string | null;
}

export type BannerResult =
  | { status: 'read'; ident: IdentRead }
  | { status: 'reset' }
  | { status: 'timeout'; bytes: number; ident: IdentRead };

export type KexResult = { status: 'read'; read: FirstPacketsRead } | { status: 'closed' } | { status: 'reset' } | { status: 'timeout' };

export interface ProbeResult {
  connect: ConnectResult;
  banner: BannerResult | null;
  kex: KexResult | null;
}

const ERRNO: Record<string, ConnectError> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'no-route',
  EHOSTDOWN: 'no-route',
  ENETUNREACH: 'net-unreachable',
};

/** Connects, reads the identification and the KEXINIT, disconnects. Never rejects. */
export function probeServer(address: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    let socket: Socket;
    let connected = false;
    let done = false;
    let buf = new Uint8Array(0);
    let identDone: IdentRead | null = null;
    let packetsFrom = 0;
    const result: ProbeResult = {
      connect: { ok: false, address, port, ms: 0, error: null, errno: null, message: null },
      banner: null,
      kex: null,
    };
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const onTimeout = () => {
      if (!connected) {
        result.connect = { ...result.connect, ms: Date.now() - started, error: 'timeout', errno: 'timer', message: `no answer within ${timeoutMs / 1000} s` };
      } else if (!identDone) {
        result.banner = { status: 'timeout', bytes: buf.length, ident: readIdentification(buf, true) };
      } else {
        result.kex = { status: 'timeout' };
      }
      finish();
    };
    let timer = setTimeout(onTimeout, timeoutMs);

    // Decides as much as the bytes so far allow; `ended`: the server closed its side.
    const advance = (ended: boolean) => {
      if (done) return;
      if (!identDone) {
        const id = readIdentification(buf, ended);
        if (id.status === 'incomplete') return;
        identDone = id;
        result.banner = { status: 'read', ident: id };
        if (id.status !== 'ssh') return finish();
        packetsFrom = id.consumed;
        clearTimeout(timer);
        timer = setTimeout(onTimeout, timeoutMs);
      }
      const read = readServerKexInit(buf.subarray(packetsFrom));
      if (read.status === 'incomplete') {
        if (ended) {
          result.kex = { status: 'closed' };
          finish();
        }
        return;
      }
      result.kex = { status: 'read', read };
      finish();
    };

    socket = connect({ host: address, port });
    socket.on('connect', () => {
      connected = true;
      result.connect = { ...result.connect, ok: true, ms: Date.now() - started };
      // OpenSSH clients send their identification at once; an HTTP server answers it with an error.
      socket.write(`${DOCTOR_IDENT}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      const room = MAX_IDENT_BYTES + 2 * (MAX_PACKET_LENGTH + 4) - buf.length;
      if (room <= 0) return;
      const next = new Uint8Array(buf.length + Math.min(room, chunk.length));
      next.set(buf);
      next.set(chunk.subarray(0, Math.min(room, chunk.length)), buf.length);
      buf = next;
      advance(false);
    });
    socket.on('end', () => advance(true));
    socket.on('close', () => {
      if (!done && connected) advance(true);
      finish();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (done) return;
      const errno = e.code ?? null;
      // A server that accepts and resets at once can beat the connect event: the connection was made.
      if (!connected && errno === 'ECONNRESET') {
        connected = true;
        result.connect = { ...result.connect, ok: true, ms: Date.now() - started };
      }
      if (!connected) {
        result.connect = { ...result.connect, ms: Date.now() - started, error: ERRNO[errno ?? ''] ?? 'other', errno, message: e.message };
      } else if (errno === 'ECONNRESET' || errno === 'EPIPE') {
        if (!identDone) result.banner = { status: 'reset' };
        else result.kex = { status: 'reset' };
      } else if (!identDone) {
        result.banner = { status: 'read', ident: readIdentification(buf, true) };
      } else {
        result.kex = { status: 'closed' };
      }
      finish();
    });
  });
}
