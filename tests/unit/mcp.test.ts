/**
 * `sshfix mcp` from the repository (bin/sshfix.js → tsx → src/cli/mcp.ts), driven as an agent
 * drives it: the MCP SDK's own client over stdio. Then the hostile corpus through every tool, and
 * raw lines no client would send (not JSON, not JSON-RPC, unknown methods) written to its stdin.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/catalog/load.ts';
import { OS_LABELS } from '../../src/catalog/os.ts';
import { HOSTILE, LIMIT } from '../fixtures/hostile/corpus.ts';
import { connectMcp, RawMcp, type McpSession } from '../fixtures/mcp-client.ts';
import { readFixture } from '../fixtures/read.ts';

const SERVER = [join(ROOT, 'bin/sshfix.js'), 'mcp'];
const TOOLS = ['get_ssh_fix_article', 'redact_ssh_paste', 'route_ssh_error', 'run_ssh_check'];
const fixture = (rel: string) => readFixture(join(ROOT, 'tests/fixtures', rel)).paste;
const HOSTKEY_LOG = 'pastes/host-key-verification-failed/captured-batchmode-unknown-host-v.txt';

let mcp: McpSession;
beforeAll(async () => {
  mcp = await connectMcp(process.execPath, SERVER, ROOT);
}, 60_000);
afterAll(() => mcp?.close());

describe('sshfix mcp: the tools an agent sees', { timeout: 60_000 }, () => {
  it('lists the four tools, each saying when to call it, with bounded inputs', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
    for (const t of tools) expect(t.description).toMatch(/^Call this (first|when|after|before)/);
    const route = tools.find((t) => t.name === 'route_ssh_error')!;
    expect(route.inputSchema.properties?.paste).toMatchObject({ type: 'string', maxLength: LIMIT });
  });

  it('route_ssh_error routes a real ssh -v log: article, URL, deciding line, router version', async () => {
    const r = await mcp.call('route_ssh_error', { paste: fixture(HOSTKEY_LOG), os: 'rhel' });
    expect(r.isError).toBe(false);
    const answer = JSON.parse(r.text);
    expect(answer).toMatchObject({
      id: 'host-key-verification-failed',
      url: 'http://localhost:4321/errors/host-key-verification-failed/?os=rhel',
      decidingLine: { text: 'Host key verification failed.' },
    });
    expect(answer.confidence).toBeGreaterThan(0.5);
    expect(answer.routerVersion).toMatch(/\S/);
    expect(Array.isArray(answer.alternatives)).toBe(true);
  });

  it('route_ssh_error says so when there is no SSH error in the paste', async () => {
    const answer = JSON.parse((await mcp.call('route_ssh_error', { paste: 'hello world' })).text);
    expect(answer.id).toBeNull();
    expect(answer.notice).toMatch(/No known SSH error message/);
  });

  it("get_ssh_fix_article gives the article's Markdown with only the chosen platform's steps", async () => {
    const r = await mcp.call('get_ssh_fix_article', { id: 'connection-refused', os: 'rhel' });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/^# Connection refused\n/);
    expect(r.text).toContain(`#### ${OS_LABELS.rhel}`);
    expect(r.text).not.toContain(`#### ${OS_LABELS.ubuntu}`);
    const all = await mcp.call('get_ssh_fix_article', { id: 'connection-refused' });
    expect(all.text).toContain(`#### ${OS_LABELS.ubuntu}`);
  });

  it('get_ssh_fix_article follows a former id to the article', async () => {
    const r = await mcp.call('get_ssh_fix_article', { id: 'ssh-exchange-identification' });
    expect(r.isError).toBe(false);
    expect(r.text).toMatch(/^# .*\n/);
    expect(r.text).toContain('/errors/connection-closed-by-remote-host/');
  });

  it('an unknown article id or platform is a clear tool error', async () => {
    const r = await mcp.call('get_ssh_fix_article', { id: 'no-such-article' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/No SSH Fix article has the id "no-such-article"\. Call route_ssh_error/);
    expect(r.text).toContain('connection-refused');
    const os = await mcp.call('get_ssh_fix_article', { id: 'connection-refused', os: 'beos' });
    expect(os.isError).toBe(true);
    expect(os.text).toMatch(/Invalid arguments for tool get_ssh_fix_article/);
  });

  it('run_ssh_check finds the permission problems of a real listing, with fixes', async () => {
    const r = await mcp.call('run_ssh_check', { kind: 'perms', text: fixture('checks/perms/gnu-bad.txt'), user: 'root' });
    expect(r.isError).toBe(false);
    const report = JSON.parse(r.text);
    const key = report.findings.find((f: { rule: string; message: string }) => f.rule === 'private-key-too-open' && f.message.includes('id_ed25519'));
    expect(key).toMatchObject({ fix: 'chmod 600 alice/.ssh/id_ed25519', articleId: 'unprotected-private-key-file' });
    const misuse = await mcp.call('run_ssh_check', { kind: 'log', text: 'debug1: x', user: 'root' });
    expect(misuse).toMatchObject({ isError: true, text: expect.stringMatching(/"user" applies to the perms and sshd-config checks only/) });
  });

  it('run_ssh_check explains an ssh -v log', async () => {
    const report = JSON.parse((await mcp.call('run_ssh_check', { kind: 'log', text: fixture(HOSTKEY_LOG) })).text);
    expect(report.recognised).toBe(true);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('redact_ssh_paste masks the address and the user of a real log', async () => {
    const r = await mcp.call('redact_ssh_paste', { text: fixture(HOSTKEY_LOG) });
    expect(r.isError).toBe(false);
    const { text, masked } = JSON.parse(r.text);
    expect(text).toContain('Host key verification failed.');
    expect(text).not.toContain('203.0.113.10');
    expect(text).not.toContain('alice');
    expect(masked.length).toBeGreaterThan(0);
  });
});

describe('sshfix mcp: hostile input', { timeout: 600_000 }, () => {
  it('every hostile paste through every tool: an answer or a clear tool error, never a dead server', async () => {
    const kinds = ['log', 'perms', 'sshd-config'] as const;
    const slow: string[] = [];
    for (const [i, h] of HOSTILE.entries()) {
      const paste = h.text();
      const started = Date.now();
      const [route, checked, redacted, article] = await Promise.all([
        mcp.call('route_ssh_error', { paste }),
        mcp.call('run_ssh_check', { kind: kinds[i % kinds.length], text: paste }),
        mcp.call('redact_ssh_paste', { text: paste }),
        mcp.call('get_ssh_fix_article', { id: paste.slice(0, 200) }),
      ]);
      for (const [r, limit] of [[route!, LIMIT], [checked!, LIMIT], [redacted!, 1024 * 1024]] as const) {
        if (paste.length > limit) expect(r, h.name).toMatchObject({ isError: true, text: expect.stringMatching(/is over (10|1) MB: send only the part around the error/) });
        else {
          expect(r.isError, `${h.name}: ${r.text.slice(0, 200)}`).toBe(false);
          expect(() => JSON.parse(r.text), h.name).not.toThrow();
        }
      }
      expect(article!.isError, h.name).toBe(true);
      expect(article!.text, h.name).toMatch(/No SSH Fix article has the id|Invalid arguments/);
      // A hang, not speed: the matcher's own suite times it.
      const ms = Date.now() - started;
      if (ms > 45_000) slow.push(`${h.name}: ${ms} ms`);
    }
    expect(slow).toEqual([]);
    expect((await mcp.client.listTools()).tools).toHaveLength(4);
  });

  it('a check report too large to send is cut to its findings, with a notice', async () => {
    const listing = fixture('checks/perms/gnu-bad.txt');
    // 10,000 entries: a 2.6 MB report (kept at 512 kB of input because the check slows down quadratically beyond that).
    const huge = listing.repeat(Math.floor((512 * 1024) / listing.length));
    const r = await mcp.call('run_ssh_check', { kind: 'perms', text: huge, user: 'root' });
    expect(r.isError).toBe(false);
    expect(r.text.length).toBeLessThan(2 * 1024 * 1024);
    const cut = JSON.parse(r.text);
    expect(cut.notices.at(-1)).toMatch(/^The full report is [\d.]+ MB, too large to return: only the findings are shown\.$/);
    expect(cut.findings.some((f: { rule: string }) => f.rule === 'private-key-too-open')).toBe(true);
  });
});

describe('sshfix mcp: raw lines on stdin', { timeout: 60_000 }, () => {
  it('ignores what is not JSON-RPC, answers unknown methods with an error, keeps serving, exits when stdin closes', async () => {
    const raw = new RawMcp(process.execPath, SERVER, ROOT);
    let stderr = '';
    raw.child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    raw.write('this is not JSON');
    raw.write('{"jsonrpc":"2.0","id":1,"method":"initialize"');
    raw.write('\u0000\u0001\u0002 binary \uFFFD');
    raw.write('[1, 2, 3]');
    raw.write('{"jsonrpc":"1.0","id":"x"}');
    raw.write('<script>alert(1)</script>');
    raw.write('{"jsonrpc":"2.0","id":2,"method":"no/such/method"}');
    expect((await raw.response(2)).error).toMatchObject({ code: -32601 });

    raw.write(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }));
    expect((await raw.response(3)).result).toMatchObject({ serverInfo: { name: 'sshfix' } });
    raw.write('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    raw.write(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'route_ssh_error', arguments: { paste: 42 } } }));
    expect((await raw.response(4)).result).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/Invalid arguments for tool route_ssh_error/) }] });
    raw.write(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } }));
    expect(JSON.stringify(await raw.response(5))).toMatch(/Tool no_such_tool not found/);
    raw.write(JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'route_ssh_error', arguments: { paste: 'Permission denied (publickey).' } } }));
    const routed = (await raw.response(6)).result as { content: { text: string }[] };
    expect(JSON.parse(routed.content[0]!.text).id).toBe('permission-denied-publickey');

    raw.child.stdin.end();
    const code = await new Promise<number | null>((resolve) => (raw.exitCode !== null ? resolve(raw.exitCode) : raw.child.on('exit', resolve)));
    expect(code).toBe(0);
    expect(stderr).toMatch(/sshfix mcp: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
