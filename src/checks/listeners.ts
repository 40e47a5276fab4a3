/**
 * Listening TCP sockets from `ss -tlnp` / `ss -tln` / `ss -lntp` / `netstat -tlnp` (Linux),
 * `netstat -an` (macOS/BSD, Windows), also when filtered by grep. Input: lines from
 * prepareInput (bounded), so every regex below runs on at most MAX_LINE_CHARS characters.
 */

export interface Listener {
  /** 1-based line number in the paste. */
  line: number;
  port: number;
  /** `0.0.0.0`, `::`, `127.0.0.1`, `*` (brackets and `%iface` removed). */
  address: string;
  /** The owning program (`sshd`, `systemd`), or '' when the output does not show it. */
  process: string;
}

export interface ListenersResult {
  /** A header or at least one LISTEN line was seen: the paste is a socket listing. */
  recognised: boolean;
  listeners: Listener[];
}

const HEADER_RE = /\bLocal[ \t]{1,8}Address\b/i;
const LISTEN_RE = /(?:^|\s)LISTEN(?:ING)?(?:\s|$)/;
// `0.0.0.0:22`, `[::]:22`, `*:22`, `127.0.0.53%lo:53` (Linux); `*.22`, `127.0.0.1.22` (BSD).
const LOCAL_RE = /^(\[[0-9a-fA-F:.]{1,64}(?:%[\w.-]{1,16})?\]|\*|[0-9a-fA-F:.]{1,64}?(?:%[\w.-]{1,16})?)[:.](\d{1,5})$/;
const SS_PROCESS_RE = /users:\(\("([^"]{1,64})"/;
const NETSTAT_PROCESS_RE = /^\d{1,10}\/([^\s:]{1,64})/;

export function parseListeners(lines: readonly string[]): ListenersResult {
  const result: ListenersResult = { recognised: false, listeners: [] };
  lines.forEach((text, i) => {
    if (HEADER_RE.test(text)) result.recognised = true;
    if (!LISTEN_RE.test(text)) return;
    const tokens = text.trim().split(/\s+/);
    for (const token of tokens) {
      const m = LOCAL_RE.exec(token);
      if (!m) continue;
      const port = Number(m[2]);
      if (port < 1 || port > 65535) continue;
      const address = m[1].replace(/^\[|\]$/g, '').replace(/%.*$/, '') || '*';
      const process = SS_PROCESS_RE.exec(text)?.[1] ?? tokens.map((t) => NETSTAT_PROCESS_RE.exec(t)?.[1]).find(Boolean) ?? '';
      result.listeners.push({ line: i + 1, port, address, process });
      result.recognised = true;
      return;
    }
  });
  return result;
}
