/**
 * `sshfix mcp`: a Model Context Protocol server over stdio, so an AI agent (Claude Desktop, an
 * IDE assistant, a support bot) routes pastes, runs checks and quotes the vetted articles instead
 * of improvising. The tools are thin wrappers of the library API (src/lib/index.ts); everything
 * runs locally. Bad input of any kind gets a tool error or a notice, never a dead server.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/v4';
import pkg from '../../package.json' with { type: 'json' };
import { printable } from '../doctor/identification.ts';
import { articleMarkdown, articles, check, MAX_INPUT_CHARS, OS_KEYS, redact, route, type RoutedArticle } from '../lib/index.ts';
import { UsageError, type CliIo } from './io.ts';

export const MCP_USAGE = `Usage: sshfix mcp

Serve SSH Fix to an AI agent: a Model Context Protocol server on standard input and output.
Tools: route_ssh_error, run_ssh_check, get_ssh_fix_article, redact_ssh_paste.
An MCP client starts it as a command, e.g. {"command": "sshfix", "args": ["mcp"]}.
`;

const MiB = 1024 * 1024;
/** A pasted text: bounded like the paste box, with a message an agent can act on. */
const pasteText = (what: string, max = MAX_INPUT_CHARS) =>
  z.string().max(max, `${what} is over ${max / MiB} MB: send only the part around the error.`);
/**
 * Answers stay far below what a client reads in one message (the SDK's client stops at 10 MB):
 * a redacted paste is as long as the paste, so redaction takes at most 1 MB, and a check report
 * over 1 MB (a listing of 100,000 files) is cut down to its findings.
 */
const MAX_REDACT_CHARS = MiB;
const MAX_REPORT_CHARS = MiB;
const platform = z
  .enum(OS_KEYS)
  .optional()
  .describe("The user's platform, when known: only its commands are given (ubuntu, rhel, cloud, macos, windows).");

/**
 * The largest JSON-RPC message read from stdin. The SDK's default (10 MB) is smaller than a
 * 10 MB paste once it is JSON-escaped; over the limit the SDK closes the connection.
 */
const MAX_MESSAGE_BYTES = 8 * MAX_INPUT_CHARS;

const json = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] });

/** A check report as JSON; when it is too large to send, its findings and notices only. */
function report(r: { findings: unknown[]; notices: string[] }): CallToolResult {
  const full = json(r);
  const size = (full.content[0] as { text: string }).text.length;
  if (size <= MAX_REPORT_CHARS) return full;
  return json({ findings: r.findings, notices: [...r.notices, `The full report is ${(size / MiB).toFixed(1)} MB, too large to return: only the findings are shown.`] });
}
const toolError = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

function answer(a: RoutedArticle) {
  return { id: a.id, title: a.title, url: a.url, confidence: Math.round(a.confidence * 100) / 100, via: a.via };
}

/** The server with its four tools, not yet connected: `sshfix mcp` connects it to stdio, another program may use its own transport. */
export function createMcpServer(): McpServer {
  const server = new McpServer({ name: 'sshfix', version: pkg.version });

  server.registerTool(
    'route_ssh_error',
    {
      title: 'Find the SSH Fix article for an SSH error',
      description:
        'Call this first whenever the user shares an SSH problem: the exact error text or `ssh -vvv` output they pasted ' +
        '(ssh, scp, sftp, git over SSH, sshd logs), unedited, from one line to thousands. Returns the article that explains it ' +
        '(id, title, URL), the confidence, the line of the paste that decided, runners-up and the router version. ' +
        'Then call get_ssh_fix_article with the id. A null id means no known SSH message was found: ask for the full output of `ssh -vvv`.',
      inputSchema: { paste: pasteText('The paste').describe('The error text or log exactly as the user pasted it.'), os: platform },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ paste, os }) => {
      const r = route(paste, { os });
      return json({
        ...(r.best ? answer(r.best) : { id: null }),
        decidingLine: r.best ? r.best.evidence : null,
        ...(r.notice ? { notice: r.notice } : {}),
        alternatives: r.alternatives.map(answer),
        routerVersion: r.routerVersion,
      });
    },
  );

  server.registerTool(
    'run_ssh_check',
    {
      title: 'Check an ssh -v log, ~/.ssh permissions or an sshd_config',
      description:
        'Call this when the user shares one of: the output of `ssh -v`/`-vvv` (kind "log": which stage failed, which keys were tried and why they were refused), ' +
        'the output of `ls -la ~/.ssh` or `icacls` (kind "perms": what OpenSSH refuses as too open), or an `sshd_config` / `sshd -T` output (kind "sshd-config": ' +
        'settings that lock users out). Returns findings, worst first, each with the pasted line numbers, the exact fix command and the article id; ' +
        'prefer these over guessing.',
      inputSchema: {
        kind: z.enum(['log', 'perms', 'sshd-config']).describe('Which check: log, perms or sshd-config.'),
        text: pasteText('The text').describe('The log, listing or config exactly as the user pasted it.'),
        user: z.string().max(256).optional().describe('The account that logs in, when known (perms and sshd-config only).'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ kind, text, user }) => {
      if (user !== undefined && kind === 'log') return toolError('"user" applies to the perms and sshd-config checks only; call again without it.');
      return report(check(kind, text, { user }));
    },
  );

  server.registerTool(
    'get_ssh_fix_article',
    {
      title: 'Get an SSH Fix article as Markdown',
      description:
        'Call this after route_ssh_error, or with an article id from a run_ssh_check finding, to get the vetted article as Markdown: ' +
        'what the error means, its causes in order of likelihood, the check and the fix for each, how to verify, related errors. ' +
        'Pass os when you know the user\'s platform, to get only its commands. Give the user these commands rather than improvising, and link the article.',
      inputSchema: {
        id: z.string().max(200).describe('The article id, e.g. "connection-refused" (from route_ssh_error or a finding).'),
        os: platform,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ id, os }) => {
      const md = articleMarkdown(id, { os });
      if (md !== null) return { content: [{ type: 'text', text: md }] };
      const known = articles().map((a) => a.id);
      return toolError(
        `No SSH Fix article has the id ${JSON.stringify(id.slice(0, 80))}. Call route_ssh_error with the user's error text to find the right one; the ids are: ${known.join(', ')}.`,
      );
    },
  );

  server.registerTool(
    'redact_ssh_paste',
    {
      title: 'Redact a paste before sharing it',
      description:
        "Call this before you quote a user's paste anywhere outside this conversation (a ticket, an issue, a chat, a web search): " +
        'host names, IP addresses, user names, home-directory paths, key fingerprints, key comments and e-mail addresses are replaced ' +
        'by stable placeholders (HOST1, IP1, USER1…; the same value always gets the same one). Returns the redacted text and what was masked. ' +
        'Routing the redacted text gives the same article as the original.',
      inputSchema: { text: pasteText('The text', MAX_REDACT_CHARS).describe('The paste to redact, exactly as the user gave it (at most 1 MB).') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ text }) => json(redact(text)),
  );

  return server;
}

/** `sshfix mcp`: serves until the client closes standard input. */
export async function mcpCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(MCP_USAGE);
    return 0;
  }
  if (args.length) throw new UsageError(`mcp takes no arguments (got "${args[0]}")`);
  if (process.stdin.isTTY) io.stderr('sshfix mcp: serving MCP (JSON-RPC) on stdin and stdout for an agent; end with Ctrl-D.\n');
  const server = createMcpServer();
  // Standard output carries JSON-RPC only: every diagnostic goes to standard error, on one
  // bounded, escaped line (a parse error quotes the offending input).
  server.server.onerror = (e) => io.stderr(`sshfix mcp: ${printable(e.message.split('\n')[0]!, 300)}\n`);
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  await server.connect(new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES }));
  process.stdin.once('end', () => void server.close());
  await closed;
  return 0;
}
