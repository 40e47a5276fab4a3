/**
 * `sshfix redact [--json] [--keep KIND,...] [FILE]`: a paste with host names, addresses, users,
 * private paths, keys and e-mail addresses replaced by stable placeholders (src/redact), ready
 * for a ticket or a chat. The redacted text goes to stdout, what was masked to stderr (no
 * original values: stderr ends up in CI logs too); `--json` prints `{ text, masked }` instead.
 * Exit status: 0 done, 2 usage error or unreadable input.
 */
import { readFile } from 'node:fs/promises';
import { describeMasked, MASK_KINDS, redact, type MaskKind } from '../redact/index.ts';
import { UsageError, type Command } from './io.ts';

/** Same limit as the router's (characters): a paste larger than this is not one error's output. */
const MAX_INPUT_CHARS = 10 * 1024 * 1024;

const USAGE = `Usage: sshfix redact [--json] [--keep KIND,...] [FILE]

Mask what identifies you in an SSH error or log before you share it: host names, IP addresses,
user names, home and private paths, key fingerprints and comments, e-mail addresses. Each value
gets a stable placeholder (HOST1, IP1, USER1, ...), so the same host is HOST1 everywhere.
Loopback addresses, system paths and SSH's own words stay, so the text still routes the same.
Reads FILE, or standard input when FILE is omitted or "-". Runs locally; nothing is sent.

Options:
  --json        print {"text", "masked": [{"kind","placeholder","count"}]} on stdout
  --keep KINDS  leave these kinds as they are (${MASK_KINDS.join(', ')})
  -h, --help    show this help

Output: the redacted text on stdout, the list of what was masked on stderr.
Exit status: 0 done, 2 usage error or unreadable input.
`;

function parseKeep(value: string | undefined): MaskKind[] {
  if (!value) throw new UsageError('--keep needs a list of kinds (try: sshfix redact --help)');
  return value.split(',').map((k) => {
    const kind = k.trim() as MaskKind;
    if (!MASK_KINDS.includes(kind)) throw new UsageError(`unknown kind "${k}" for --keep (kinds: ${MASK_KINDS.join(', ')})`);
    return kind;
  });
}

async function readInput(file: string, readStdin: () => Promise<string>): Promise<string> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? (e as Error).message)}`);
  }
}

export const redactCommand: Command = {
  name: 'redact',
  summary: 'mask hosts, IPs, users, keys and e-mails in a paste before sharing it (stdin or a file)',
  usage: USAGE,
  async run(args, io) {
    let json = false;
    let keep: MaskKind[] = [];
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--json') json = true;
      else if (a === '--keep') keep = parseKeep(args[++i]);
      else if (a.startsWith('--keep=')) keep = parseKeep(a.slice('--keep='.length));
      else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}" (try: sshfix redact --help)`);
      else files.push(a);
    }
    if (files.length > 1) throw new UsageError('redact reads one FILE (or standard input)');
    const text = await readInput(files[0] ?? '-', io.readStdin);
    if (text.length > MAX_INPUT_CHARS) {
      throw new UsageError(`the input is ${(text.length / 1048576).toFixed(1)} MB, over the 10 MB limit; redact the part around the error`);
    }

    const { text: redacted, masked } = redact(text, { keep });
    if (json) {
      io.stdout(JSON.stringify({ text: redacted, masked }, null, 2) + '\n');
      return 0;
    }
    io.stdout(redacted);
    const summary = describeMasked(masked);
    io.stderr(summary ? `sshfix: masked ${summary}:\n${masked.map((m) => `  ${m.placeholder.padEnd(14)} ${m.kind.padEnd(11)} seen ${m.count} ${m.count === 1 ? 'time' : 'times'}\n`).join('')}` : 'sshfix: nothing to mask found\n');
    return 0;
  },
};
