/**
 * `sshfix` entry point: parses the subcommand and dispatches. Subcommands live in their own
 * modules and are registered in COMMANDS; heavy ones are imported lazily so `sshfix route` does
 * not load them.
 */
import { readFile } from 'node:fs/promises';
import { UsageError, type CliIo, type Command } from './io.ts';
import { redactCommand } from './redact.ts';
import { route } from './route.ts';

/** A subcommand whose module (which prints its own --help) is imported only when it runs. */
function lazyCommand(name: string, summary: string, load: () => Promise<Command['run']>): Command {
  return { name, summary, usage: '', handlesHelp: true, run: async (args, io) => (await load())(args, io) };
}

/** `sshfix check [auto|log|perms|sshd-config|ssh-config|negotiation]`: src/cli/check.ts. */
const check = lazyCommand(
  'check',
  'check an ssh -v log, ~/.ssh permissions, sshd_config, ~/.ssh/config or a "no matching" failure (auto | log | perms | sshd-config | ssh-config | negotiation)',
  async () => {
    const { checkCommand } = await import('./check.ts');
    return (args, io) => checkCommand(args, { stdin: io.readStdin, readFile: (p) => readFile(p, 'utf8'), out: io.stdout, err: io.stderr });
  },
);

/** `sshfix mcp`: src/cli/mcp.ts (the MCP SDK). */
const mcp = lazyCommand(
  'mcp',
  'serve the router, checks and articles to AI agents (Model Context Protocol over stdio)',
  async () => (await import('./mcp.ts')).mcpCommand,
);

/** `sshfix doctor`: src/cli/doctor.ts (probes, ssh, the catalog). */
const doctor = lazyCommand(
  'doctor',
  'walk a connection to [user@]host[:port] stage by stage and name the article where it fails',
  async () => (await import('./doctor.ts')).doctorCommand,
);

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [route, check, redactCommand, mcp, doctor];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: sshfix <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `sshfix <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/** The process's real standard streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
  };
}

/** Run the CLI with `argv` (without node and the script); resolves to the exit status. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  try {
    if (!cmd) throw new UsageError(`unknown command "${name}" (try: sshfix --help)`);
    if (!cmd.handlesHelp && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout(cmd.usage);
      return 0;
    }
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`sshfix: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
