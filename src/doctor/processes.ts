/**
 * Runs the OpenSSH tools for the doctor: always an argument list (never a shell), a time limit,
 * bounded output, stdin from /dev/null (nothing can prompt), and each child in its own process
 * group so that it, and whatever it started (a ProxyCommand), can be stopped as a whole. Every
 * child still running is known here, so Ctrl-C can stop them all (stopAllChildren).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit status, or null when killed by a signal. */
  code: number | null;
  timedOut: boolean;
  /** The command could not be started (not installed): the error text. */
  spawnError: string | null;
}

export interface RunOptions {
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** Bytes kept of each stream (the rest is dropped). */
  maxOutput?: number;
}

const running = new Set<ChildProcess>();

function killGroup(p: ChildProcess, signal: NodeJS.Signals): void {
  if (!p.pid || p.exitCode !== null || p.signalCode !== null) return;
  try {
    process.kill(-p.pid, signal);
  } catch {
    try {
      p.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Stops every child the doctor started (and their process groups); used on SIGINT/SIGTERM. */
export function stopAllChildren(): void {
  for (const p of running) killGroup(p, 'SIGKILL');
  running.clear();
}

/** How many children are still running (tests assert none is left). */
export function runningChildren(): number {
  return [...running].filter((p) => p.exitCode === null && p.signalCode === null).length;
}

export function runCommand(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const max = opts.maxOutput ?? 1024 * 1024;
  return new Promise((resolve) => {
    let p: ChildProcess;
    try {
      p = spawn(cmd, args, { env: opts.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true, shell: false });
    } catch (e) {
      resolve({ stdout: '', stderr: '', code: null, timedOut: false, spawnError: (e as Error).message });
      return;
    }
    running.add(p);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    p.stdout!.on('data', (d: Buffer) => {
      if (outLen < max) out.push(d.subarray(0, max - outLen));
      outLen += d.length;
    });
    p.stderr!.on('data', (d: Buffer) => {
      if (errLen < max) err.push(d.subarray(0, max - errLen));
      errLen += d.length;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(p, 'SIGKILL');
    }, opts.timeoutMs);
    let spawnError: string | null = null;
    p.once('error', (e) => {
      spawnError = e.message;
    });
    p.once('close', (code) => {
      clearTimeout(timer);
      // The child is gone; anything it left in its group (a ProxyCommand) goes too.
      try {
        if (p.pid) process.kill(-p.pid, 'SIGKILL');
      } catch {
        /* the group is empty */
      }
      running.delete(p);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code, timedOut, spawnError });
    });
  });
}
