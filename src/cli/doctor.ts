/**
 * `sshfix doctor [options] [user@]host[:port]`: the CLI face of src/doctor. Parses the options,
 * refuses hosts that could be read as options, prints each stage as it is decided (or one JSON
 * object with --json), and stops every child process on Ctrl-C.
 */
import { siteUrl } from '../config.ts';
import { DoctorError, runDoctor } from '../doctor/doctor.ts';
import { loadCatalog } from '../lib/catalog.ts';
import { stopAllChildren } from '../doctor/processes.ts';
import { formatReport } from '../doctor/report.ts';
import { parseTarget } from '../doctor/target.ts';
import { UsageError, type CliIo } from './io.ts';

export const DOCTOR_USAGE = `Usage: sshfix doctor [--json] [-F CONFIG] [-p PORT] [--timeout SECONDS] [user@]host[:port]

Walks an SSH connection stage by stage and stops at the first failure:
  1 resolve   the name ssh really uses (ssh -G), and its addresses
  2 connect   TCP, with a time limit: refused, timed out, no route, unreachable
  3 banner    the server's SSH identification string (or an HTTP server, a closed connection…)
  4 kex       the server's algorithm offers against this client's: every "no matching …" predicted
  5 host key  known_hosts against the key the server presents (changed, unknown, known by IP only)
  6 auth      the keys ssh would offer, their modes and formats, then a real
              ssh -vvv -o BatchMode=yes … exit, routed to its article
  7 session   the remote command \`exit\` returns 0
Each stage says what it checked, what it found, and the article (and cause) to read.
It changes nothing on either machine and never sends a password (batch mode).

Options:
  --json             one JSON object: {target, stages:[{stage,status,checked,found,article,also,fix}], stoppedAt, exitCode}
  -F CONFIG          use this ssh client config instead of ~/.ssh/config (as ssh -F)
  -p PORT            the port (as ssh -p)
  --timeout SECONDS  limit for each network step (default 10)
  -h, --help         show this help

Exit status: 0 every stage passed (warnings allowed); 11 resolve, 12 connect, 13 banner,
14 key exchange, 15 host key, 16 authentication, 17 session: the stage it stopped at;
1 the doctor could not run (no ssh); 2 usage error; 130 interrupted.
Links use SITE_URL (default http://localhost:4321/).
`;

interface DoctorArgs {
  json: boolean;
  configFile: string | null;
  port: number | null;
  timeoutMs: number;
  host: string;
}

function parseArgs(args: string[]): DoctorArgs | 'help' {
  const a: Partial<DoctorArgs> & { json: boolean } = { json: false, configFile: null, port: null, timeoutMs: 10_000 };
  const hosts: string[] = [];
  const value = (i: number, name: string) => {
    const v = args[i];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  let onlyHosts = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (onlyHosts) hosts.push(arg);
    else if (arg === '--') onlyHosts = true;
    else if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--json') a.json = true;
    else if (arg === '-F') a.configFile = value(++i, '-F');
    else if (arg === '-p') {
      const p = value(++i, '-p');
      if (!/^\d{1,5}$/.test(p)) throw new UsageError(`-p: "${p}" is not a port number`);
      a.port = Number(p);
    } else if (arg === '--timeout' || arg.startsWith('--timeout=')) {
      const v = arg.includes('=') ? arg.slice(10) : value(++i, '--timeout');
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || n > 300) throw new UsageError(`--timeout: "${v}" is not a number of seconds between 0 and 300`);
      a.timeoutMs = Math.round(n * 1000);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${JSON.stringify(arg.slice(0, 60))} (options disguised as hosts are refused; try: sshfix doctor --help)`);
    else hosts.push(arg);
  }
  if (hosts.length !== 1) throw new UsageError(hosts.length ? 'give one host' : 'which host? sshfix doctor [user@]host[:port]');
  return { ...(a as DoctorArgs), host: hosts[0]! };
}

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.stdout(DOCTOR_USAGE);
    return 0;
  }
  const t = parseTarget(parsed.host, parsed.port);
  if (!t.ok) throw new UsageError(`doctor: ${t.error}`);

  // Ctrl-C: stop ssh, ssh-keyscan and anything they started, then leave with the usual 130.
  const onSignal = (sig: NodeJS.Signals) => {
    stopAllChildren();
    io.stderr(`\nsshfix doctor: interrupted (${sig}); stopped every process it had started\n`);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await runDoctor({
      target: t.target,
      configFile: parsed.configFile,
      timeoutMs: parsed.timeoutMs,
      env: io.env,
      onStage: parsed.json ? undefined : (s) => io.stderr(`  … ${s.label}: ${s.status}\n`),
    });
    // Links point to SITE_URL, else to the site the catalog was built for (as `sshfix route` does).
    io.stdout(parsed.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, siteUrl({ SITE_URL: io.env.SITE_URL || loadCatalog().siteUrl })));
    return report.exitCode;
  } catch (e) {
    if (e instanceof DoctorError) {
      io.stderr(`sshfix doctor: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
