/**
 * What a message is about, as it names it: the same sentence about another program or unit is
 * that program's message, not ssh's. The fuzzy guesses (fuzzy.ts) and the fragments
 * (fragments.ts) both read names from here. Every pattern is bounded: linear in the input.
 */

/**
 * The program a message is about: in quotes (`'ssh' is not recognized …`, `'Get-Service'`), before
 * a shell's `not found` (`ssh: command not found`, `bash: wp: command not found`, zsh's `command not
 * found: ssh`) or before `No such file or directory` (`/usr/bin/ssh:`, `fork/exec /bin/bash:`).
 */
const NAMED_RE = /(['"])([\w.-]{1,60})\1|([\w.-]{1,60}): (?:command )?not found\b|command not found: ([\w.-]{1,60})|([\w.-]{1,60}): no such file or directory/gi;
export const programNames = (s: string) => [...s.matchAll(NAMED_RE)].map((m) => (m[2] ?? m[3] ?? m[4] ?? m[5]).toLowerCase());

/** A token that is a name in quotes, as a template prints a program or method (`'ssh'`, `"ssh":`, `'publickey'.`). */
const QUOTED_NAME_RE = /^(['"])[\w.-]+\1[,.:;]?$/;
export const isQuotedName = (token: string) => QUOTED_NAME_RE.test(token);

/**
 * The systemd units a line names (`ssh` of `sshd.service:`, `ssh.socket`). systemd prints the same
 * lines about every unit: a line that names only other units (`Job for kamailio.service failed
 * because the control process exited with error code.`) is about them, not about sshd.
 */
const UNIT_RE = /([\w@-]{1,100})\.(?:service|socket)\b/g;
export const unitsIn = (s: string) => (s.indexOf('.s') === -1 ? [] : [...s.matchAll(UNIT_RE)].map((m) => m[1].toLowerCase()));

/** Whether a line naming `lineUnits` is about units other than the `templateUnits` a message names. */
export const aboutOtherUnits = (templateUnits: readonly string[], lineUnits: readonly string[]) =>
  templateUnits.length > 0 && lineUnits.length > 0 && !lineUnits.some((u) => templateUnits.includes(u));

/**
 * A line labelled by a shell builtin or a file tool, alone or after the shell or script that ran it
 * (`bash: cd: app: No such file or directory`, `./deploy.sh: line 4: cd: …`, `ls: cannot access
 * 'x': …`, BSD's and macOS's `ls: x: No such file or directory`, busybox's `mkdir: can't create
 * directory …`): that program's message. File tools count only with their own `cannot`/`can't`, or
 * (ls, cp, mv, cat, ln, touch) a path and an errno text: SFTP libraries label their operations the
 * same way (`rmdir: Bad Path: …` from ssh2-sftp-client). An SSH message quoted
 * without its own label (`{path}: No such file or directory` of `scp: …`) is not read into it.
 */
const OTHER_TOOL_LABEL_RE = /^["'`]?(?:-?[\w./-]{1,100}(?:\[\d{1,10}\])?: )?(?:line \d{1,7}: )?(?:(?:cd|source|\.): |(?:ls|cp|mv|rm|rmdir|mkdir|cat|ln|touch|chmod|chown|stat|tar): (?:cannot|can't) |(?:ls|cp|mv|cat|ln|touch): [^\s:][^:]{0,200}: (?:No such file or directory|Permission denied|Not a directory|Operation not permitted)$)/;
/**
 * MySQL's and MariaDB's own refusal (`Access denied for user 'root'@'127.0.0.1' (using password:
 * NO)`): a database login, reached through the SSH tunnel that worked, not an SSH one.
 */
const DATABASE_LOGIN_RE = /Access denied for user '[^'\s]{0,100}'@'/i;
export const labelledByOtherTool = (line: string) => OTHER_TOOL_LABEL_RE.test(line) || DATABASE_LOGIN_RE.test(line);
