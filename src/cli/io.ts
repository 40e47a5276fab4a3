/** The CLI's view of the outside world, passed in so commands can be tested without a process. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads all of standard input. */
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
}

/** A usage mistake (unknown flag, unreadable file): one line on stderr, exit status 2. */
export class UsageError extends Error {}

/** One subcommand: `sshfix <name> …`. */
export interface Command {
  name: string;
  /** One line for `sshfix --help`. */
  summary: string;
  /** Full usage text for `sshfix <name> --help` (ignored when the command handles --help itself). */
  usage: string;
  /** The command prints its own help for `--help` / `-h`. */
  handlesHelp?: boolean;
  /** Returns the exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}
