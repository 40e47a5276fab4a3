/**
 * `sshfix` entry point: parses the subcommand and dispatches. Subcommands live in their own
 * modules and are registered in COMMANDS (route now; `check log|perms|sshd-config` can be added
 * the same way).
 */
import { UsageError, type CliIo, type Command } from './io.ts';
import { route } from './route.ts';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Command[] = [route];

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
    if (rest.includes('--help') || rest.includes('-h')) {
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
