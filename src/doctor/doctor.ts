/**
 * `sshfix doctor`: walks a connection stage by stage (resolve → connect → banner → key exchange
 * → host key → authentication → session) and stops at the first failure, naming the article and,
 * where it can tell, the cause. The first five stages are the doctor's own probes (node:dns,
 * node:net, kexinit.ts); authentication and session are a real `ssh -vvv -o BatchMode=yes … exit`
 * whose output is routed by the matcher and read by the log timeline.
 *
 * It changes nothing on either machine: known_hosts is only read (an unknown host key is trusted
 * for the one probe through a temporary file), ssh runs in batch mode (no password, no
 * passphrase), with no forwarding, multiplexing or local command, and its remote command is `exit`.
 */
import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { analyzeLog, TIMELINE_STAGES, type LogTimeline, type TimelineStage } from '../checks/log-timeline.ts';
import { loadCatalog } from '../lib/catalog.ts';
import { createMatcher, type MatchResult } from '../matcher/index.ts';
import { negotiate, oneOffOptions, perHostFix, type AlgorithmLists } from './algorithms.ts';
import { printable } from './identification.ts';
import { agentKeys, inspectKeyFile, type KeyFile } from './keys.ts';
import { fingerprint, keyTypeOf, knownHostsFiles, lookupKnown, scanHostKey, shortKeyType, type KnownKey } from './known-hosts.ts';
import { probeServer, type ProbeResult } from './probe.ts';
import { runCommand } from './processes.ts';
import { EXIT_STATUS, ref, stage, type DoctorReport, type StageReport } from './report.ts';
import { expandPath, parseSshG, unlessNone, type EffectiveConfig } from './ssh-g.ts';
import { givenTarget, knownHostsName, parseTarget, sshCommand, sshDestination, type Target } from './target.ts';

export interface DoctorOptions {
  target: Target;
  /** `-F file`: the ssh client config to use instead of ~/.ssh/config. */
  configFile: string | null;
  /** Limit for each network step, in milliseconds. */
  timeoutMs: number;
  /** The environment for ssh and its tools (SSH_AUTH_SOCK, PATH). */
  env: Record<string, string | undefined>;
  /** Called as each stage is decided (for live output). */
  onStage?: (s: StageReport) => void;
}

/** The doctor could not run at all (ssh missing): exit status 1. */
export class DoctorError extends Error {}

/** A host the doctor probes itself, with its own effective ssh config. */
interface Endpoint {
  /** The name as given (a Host alias): per-host fixes are written for it. */
  alias: string;
  cfg: EffectiveConfig;
  hostname: string;
  port: number;
}

/** Everything the stages learn and pass on. */
interface Context {
  opts: DoctorOptions;
  /** The target's effective config and where ssh really goes (for the real ssh run). */
  cfg: EffectiveConfig;
  hostname: string;
  port: number;
  user: string;
  proxy: string | null;
  /** What stages 2-5 probe: the target, the first ProxyJump hop, or nothing behind a ProxyCommand. */
  probed: Endpoint | null;
  addresses: string[];
  probe: ProbeResult | null;
  negotiatedHostKey: string | null;
  /** A temporary known_hosts with the unverified key of an unknown host, for the probe only. */
  extraKnownHosts: string | null;
}

const isLoopback = (a: string) => /^127\./.test(a) || a === '::1';

/** `ssh -G` for a destination: its effective configuration, or ssh's complaint about the config. */
async function effectiveConfig(o: DoctorOptions, t: Target): Promise<{ cfg: EffectiveConfig } | { error: string }> {
  const args = ['-G', ...(o.configFile ? ['-F', o.configFile] : []), ...(t.port ? ['-p', String(t.port)] : []), '--', sshDestination(t)];
  const g = await runCommand('ssh', args, { env: o.env, timeoutMs: o.timeoutMs });
  if (g.spawnError) throw new DoctorError(`cannot run ssh (${g.spawnError}): is the OpenSSH client installed and on PATH?`);
  return g.code === 0 ? { cfg: parseSshG(g.stdout) } : { error: g.stderr };
}

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const stages = new Map<TimelineStage, StageReport>();
  const report: DoctorReport = {
    target: { given: givenTarget(opts.target), hostname: null, port: null, user: null, address: null, proxy: null },
    stages: [],
    stoppedAt: null,
    exitCode: 0,
  };
  const done = (s: StageReport) => {
    stages.set(s.stage, s);
    opts.onStage?.(s);
    return s;
  };
  const tmp = mkdtempSync(join(tmpdir(), 'sshfix-doctor-'));
  // Also on Ctrl-C, which leaves through process.exit and skips `finally`.
  const removeTmp = () => rmSync(tmp, { recursive: true, force: true });
  process.once('exit', removeTmp);
  try {
    const ctx = await resolveStage(opts, done, report);
    if (ctx) {
      const ep = ctx.probed;
      const hop = ctx.proxy && ep ? `first hop ${ep.alias}` : null;
      let stopped = false;
      if (ep) {
        const steps: ((c: Context, e: Endpoint, tmp: string) => Promise<StageReport>)[] = [connectStage, bannerStage, kexStage, hostKeyStage];
        for (const step of steps) {
          const s = await step(ctx, ep, tmp);
          if (hop) s.checked = `${hop}: ${s.checked}`;
          done(s);
          if (s.status === 'failed') {
            stopped = true;
            break;
          }
        }
      } else {
        for (const id of ['connect', 'banner', 'kex', 'hostkey'] as const) done(skippedStage(id, ctx.proxy ?? 'a proxy'));
      }
      if (!stopped) {
        for (const s of await sshStages(ctx)) {
          // The real run can fail at a stage the probe passed (through a proxy: the hop's): say both.
          const probed = stages.get(s.stage);
          if (probed) s.found.unshift(`${hop ?? "the doctor's own probe"}: ${probed.status}`);
          done(s);
        }
      }
    }
  } finally {
    removeTmp();
    process.removeListener('exit', removeTmp);
  }
  report.stages = TIMELINE_STAGES.map((id) => stages.get(id) ?? stage(id, 'not reached: an earlier stage failed'));
  const failed = report.stages.find((s) => s.status === 'failed');
  report.stoppedAt = failed?.stage ?? null;
  report.exitCode = failed ? EXIT_STATUS[failed.stage] : 0;
  return report;
}

// ---------------------------------------------------------------------------------------------
// 1. Resolve

async function resolveStage(opts: DoctorOptions, done: (s: StageReport) => StageReport, report: DoctorReport): Promise<Context | null> {
  const s = stage('resolve', 'the name ssh will really use (ssh -G applies the ssh config first), then its addresses');
  const g = await effectiveConfig(opts, opts.target);
  if ('error' in g) {
    // ssh refused its own configuration: the same words as in a terminal, routed like a paste.
    const routed = routeOutput(g.error);
    s.status = 'failed';
    s.found.push(...lastLines(g.error, 3).map((l) => `ssh -G: ${l}`));
    s.article = routed.best ? ref(routed.best.id) : null;
    done(s);
    return null;
  }
  const cfg = g.cfg;
  const hostname = cfg.get('hostname') ?? opts.target.host;
  const port = Number(cfg.get('port') ?? 22);
  const user = cfg.get('user') ?? userInfo().username;
  const jump = unlessNone(cfg.get('proxyjump'));
  const command = unlessNone(cfg.get('proxycommand'));
  const proxy = jump ? `ProxyJump ${jump}` : command ? `ProxyCommand ${command}` : null;
  Object.assign(report.target, { hostname, port, user, proxy });
  s.found.push(`ssh connects to ${hostname} port ${port} as user ${user}${hostname !== opts.target.host ? ` (HostName for "${opts.target.host}")` : ''}`);
  const ctx: Context = { opts, cfg, hostname, port, user, proxy, probed: { alias: opts.target.host, cfg, hostname, port }, addresses: [], probe: null, negotiatedHostKey: null, extraKnownHosts: null };

  if (jump) ctx.probed = await firstHop(opts, jump);
  else if (command) ctx.probed = null;
  const probed = ctx.probed;
  if (!probed) {
    s.status = 'skipped';
    s.found.push(`it goes through ${proxy}: the doctor cannot probe ${hostname} directly; the real ssh run below shows what happens`);
    done(s);
    return ctx;
  }
  if (jump) s.found.push(`it goes through ProxyJump ${jump}: stages 2-5 probe the first hop, ${probed.alias} (${probed.hostname} port ${probed.port}); ${hostname} itself is checked by the real ssh run`);
  if (isIP(probed.hostname)) {
    ctx.addresses = [probed.hostname];
    s.status = 'ok';
    s.found.push(`${probed.hostname} is an address: nothing to resolve`);
  } else {
    const family = probed.cfg.get('addressfamily') === 'inet' ? 4 : probed.cfg.get('addressfamily') === 'inet6' ? 6 : 0;
    const res = await withTimeout(lookup(probed.hostname, { all: true, family }), opts.timeoutMs).catch((e: NodeJS.ErrnoException) => e);
    if (res === 'timeout' || res instanceof Error) {
      const code = res === 'timeout' ? 'timeout' : (res.code ?? res.message);
      s.status = 'failed';
      s.found.push(`${probed.hostname} does not resolve (${code === 'timeout' ? `no answer within ${opts.timeoutMs / 1000} s` : code})`);
      const noSuchName = code === 'ENOTFOUND';
      s.article = ref('could-not-resolve-hostname', noSuchName ? (probed.hostname === probed.alias ? 'typo-or-undefined-alias' : 'internal-name') : 'dns-not-working');
      s.fix = noSuchName ? `ssh -G ${probed.alias} | grep -i '^hostname'   # the name ssh looks up; check it for typos, or add a Host block with HostName` : `getent hosts ${probed.hostname}`;
      done(s);
      return null;
    }
    ctx.addresses = res.map((a) => a.address);
    s.status = 'ok';
    s.found.push(`${probed.hostname} resolves to ${ctx.addresses.join(', ')}`);
  }
  done(s);
  report.target.address = ctx.addresses[0] ?? null;
  return ctx;
}

/** The first ProxyJump hop as an endpoint the doctor can probe, or null when it cannot be read. */
async function firstHop(opts: DoctorOptions, jump: string): Promise<Endpoint | null> {
  const hop = parseTarget(jump.split(',')[0]!.replace(/^ssh:\/\//, ''));
  if (!hop.ok) return null;
  const g = await effectiveConfig(opts, hop.target);
  if ('error' in g) return null;
  return { alias: hop.target.host, cfg: g.cfg, hostname: g.cfg.get('hostname') ?? hop.target.host, port: Number(g.cfg.get('port') ?? 22) };
}

function skippedStage(id: TimelineStage, proxy: string): StageReport {
  const s = stage(id, `not probed directly: the connection goes through ${proxy}`);
  s.status = 'skipped';
  return s;
}

// ---------------------------------------------------------------------------------------------
// 2-4. Connect, banner, key exchange offers (one probe connection)

async function connectStage(ctx: Context, ep: Endpoint): Promise<StageReport> {
  const s = stage('connect', `a TCP connection to port ${ep.port}, ${ctx.opts.timeoutMs / 1000} s limit per address`);
  for (const address of ctx.addresses) {
    const p = await probeServer(address, ep.port, ctx.opts.timeoutMs);
    ctx.probe = p;
    const c = p.connect;
    if (c.ok) {
      s.status = 'ok';
      s.found.push(`connected to ${address} port ${ep.port} in ${c.ms} ms`);
      return s;
    }
    s.found.push(`${address} port ${ep.port}: ${describeConnectError(c.error, c.errno, c.message)}`);
  }
  const last = ctx.probe!.connect;
  s.status = 'failed';
  switch (last.error) {
    case 'refused':
      s.article = ref('connection-refused', isLoopback(last.address) ? 'sshd-not-running' : null);
      s.fix = isLoopback(last.address)
        ? `sudo ss -ltnp | grep ':${ep.port} '   # nothing listens on this port here; is sshd running, on which port?`
        : `nc -vz ${ep.hostname} ${ep.port}   # from another network too, to tell a firewall from a stopped sshd`;
      break;
    case 'timeout':
      s.article = ref('connection-timed-out');
      break;
    case 'no-route':
      s.article = ref('no-route-to-host');
      break;
    case 'net-unreachable':
      s.article = ref('network-unreachable');
      break;
    default:
      s.article = null;
  }
  return s;
}

function describeConnectError(error: string | null, errno: string | null, message: string | null): string {
  switch (error) {
    case 'refused':
      return 'refused (ECONNREFUSED: nothing listens there, or a firewall rejects)';
    case 'timeout':
      return `timed out (${errno === 'timer' ? message : 'ETIMEDOUT'}: packets are dropped on the way, or the host is down)`;
    case 'no-route':
      return `no route to host (${errno}: a firewall rejects with ICMP, or the host is down)`;
    case 'net-unreachable':
      return 'network is unreachable (ENETUNREACH: no route from this machine to that network)';
    default:
      return `failed (${errno ?? message ?? 'unknown error'})`;
  }
}

async function bannerStage(ctx: Context, ep: Endpoint): Promise<StageReport> {
  const s = stage('banner', `the server's identification string (SSH-2.0-…), ${ctx.opts.timeoutMs / 1000} s limit, at most 8 KB read`);
  const b = ctx.probe!.banner;
  s.status = 'failed';
  if (!b) return s;
  if (b.status === 'reset') {
    s.found.push('the server reset the connection before sending anything (ECONNRESET)');
    s.article = ref('connection-reset-by-peer');
    return s;
  }
  const id = b.ident;
  if (b.status === 'timeout' && b.bytes === 0) {
    s.found.push(`the server accepted the connection but sent nothing in ${ctx.opts.timeoutMs / 1000} s`);
    s.article = ref('connection-timed-out', 'banner-timeout');
    return s;
  }
  switch (id.status) {
    case 'ssh':
      s.status = 'ok';
      s.found.push(`server: ${printable(id.line, 200)}`);
      if (id.preBanner.length) s.found.push(`${id.preBanner.length} line(s) of text came before it (allowed): "${id.preBanner[0]}"`);
      return s;
    case 'http':
      s.found.push(`an HTTP server answers on port ${ep.port}: "${id.line}"`);
      s.article = ref('invalid-banner', 'port-is-not-ssh');
      s.fix = `ssh -G ${ep.alias} | grep -i '^port'   # is this the SSH port? web servers use 80/443/8080`;
      return s;
    case 'ssh1':
      s.found.push(`the server speaks only SSH protocol 1: "${id.line}"`);
      s.article = ref('invalid-banner', 'ssh1-only-device');
      return s;
    case 'not-ssh':
      s.found.push(`${id.reason}${id.lines.length ? `: "${id.lines[0]}"` : ''}`);
      s.article = ref('invalid-banner', 'port-is-not-ssh');
      return s;
    case 'closed-silently':
      s.found.push('the server closed the connection without sending an identification (ssh says "kex_exchange_identification: Connection closed by remote host")');
      s.article = ref('connection-closed-by-remote-host');
      return s;
    default:
      s.found.push('the server sent part of a line and then nothing more');
      s.article = ref('connection-timed-out', 'banner-timeout');
      return s;
  }
}

async function clientAlgorithms(ctx: Context, ep: Endpoint): Promise<{ client: AlgorithmLists; supported: AlgorithmLists }> {
  const q = (what: string) => runCommand('ssh', ['-Q', what], { env: ctx.opts.env, timeoutMs: ctx.opts.timeoutMs }).then((r) => r.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  // `-Q HostKeyAlgorithms` (signature names, rsa-sha2-* included) is newer than `-Q key` (key types).
  const [kex, sigs, cipher, mac] = await Promise.all([q('kex'), q('HostKeyAlgorithms'), q('cipher'), q('mac')]);
  const hostKey = sigs.length ? sigs : await q('key');
  const c = ep.cfg;
  return {
    client: { kex: c.list('kexalgorithms'), hostKey: c.list('hostkeyalgorithms'), ciphers: c.list('ciphers'), macs: c.list('macs') },
    supported: { kex, hostKey, ciphers: cipher, macs: mac },
  };
}

async function kexStage(ctx: Context, ep: Endpoint): Promise<StageReport> {
  const s = stage('kex', "the server's KEXINIT (its key exchange, host key, cipher and MAC lists) against this client's effective lists (ssh -G)");
  const k = ctx.probe!.kex;
  s.status = 'failed';
  if (!k || k.status === 'timeout') {
    s.found.push(`no key exchange packet within ${ctx.opts.timeoutMs / 1000} s after the identification`);
    s.article = ref('server-not-responding', 'server-hung');
    return s;
  }
  if (k.status === 'closed' || k.status === 'reset') {
    s.found.push(`the server ${k.status === 'reset' ? 'reset' : 'closed'} the connection before its KEXINIT`);
    s.article = ref(k.status === 'reset' ? 'connection-reset-by-peer' : 'connection-closed-by-remote-host', k.status === 'reset' ? null : 'sshd-fails-per-connection');
    return s;
  }
  const read = k.read;
  if (read.status === 'disconnect') {
    s.found.push(`the server disconnected (reason ${read.reason}): "${printable(read.description, 200)}"`);
    s.article = ref('connection-closed-by-remote-host');
    return s;
  }
  if (read.status !== 'kexinit') {
    // ssh itself stops here with "Bad packet length …" / "message authentication code incorrect".
    s.found.push(`the server's first packet is not a valid KEXINIT: ${read.status === 'error' ? read.error : 'incomplete'}`);
    s.article = ref('corrupted-mac');
    return s;
  }
  const { client, supported } = await clientAlgorithms(ctx, ep);
  const n = negotiate(read.kexinit, client, supported);
  ctx.negotiatedHostKey = n.hostKey;
  if (!n.mismatches.length) {
    s.status = 'ok';
    s.found.push(`would agree on: ${n.kex}, host key ${n.hostKey}, cipher ${n.cipherServerToClient}${n.macServerToClient ? `, MAC ${n.macServerToClient}` : ''}`);
    return s;
  }
  for (const m of n.mismatches) {
    s.found.push(`no matching ${m.what}: the server offers ${m.serverOffer.join(',')}${m.enable ? '' : ' (this ssh build supports none of them)'}`);
  }
  const [first, ...rest] = n.mismatches;
  s.article = ref(first!.articleId, first!.causeId);
  s.also = rest.map((m) => ref(m.articleId, m.causeId));
  const block = perHostFix(ep.alias, n.mismatches);
  if (block) {
    s.fix = [
      `for this host only, in ~/.ssh/config (above any "Host *" block):`,
      ...block.split('\n'),
      `or once: ${sshCommand(ctx.opts.target, oneOffOptions(n.mismatches))}`,
      'better: update the server, so it offers a current algorithm',
    ].join('\n');
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// 5. Host key

/** ssh prefers host key algorithms whose key type known_hosts already holds for the host (sshconnect2.c order_hostkeyalgs). */
function preferredHostKeyAlgorithm(ep: Endpoint, serverOffer: string[] | null, known: KnownKey[]): string | null {
  const client = ep.cfg.list('hostkeyalgorithms');
  const knownTypes = new Set(known.map((k) => k.keyType));
  const ordered = [...client.filter((a) => knownTypes.has(keyTypeOf(a) ?? '')), ...client.filter((a) => !knownTypes.has(keyTypeOf(a) ?? ''))];
  return serverOffer ? (ordered.find((a) => serverOffer.includes(a)) ?? null) : ordered[0] ?? null;
}

async function hostKeyStage(ctx: Context, ep: Endpoint, tmp: string): Promise<StageReport> {
  const { opts } = ctx;
  const { cfg } = ep;
  const alias = unlessNone(cfg.get('hostkeyalias'));
  // ssh looks a HostKeyAlias up as written, without [ ]:port (sshconnect.c).
  const name = alias ?? knownHostsName(ep.hostname, ep.port);
  const address = ctx.probe!.connect.address;
  const ipName = knownHostsName(address, ep.port);
  const files = knownHostsFiles(cfg.get('userknownhostsfile'), cfg.get('globalknownhostsfile'));
  const s = stage('hostkey', `known_hosts (${files.length ? files.join(', ') : 'no file yet'}) for ${name}${ipName !== name ? ` and ${ipName}` : ''}, against the key the server presents now (ssh-keyscan)`);
  const t = opts.timeoutMs;
  const known = (await lookupKnown(name, files, opts.env, t)).filter((k) => k.marker !== '@cert-authority');
  const knownIp = ipName !== name ? (await lookupKnown(ipName, files, opts.env, t)).filter((k) => k.marker !== '@cert-authority') : [];
  const kex = ctx.probe!.kex;
  const offer = kex?.status === 'read' && kex.read.status === 'kexinit' ? kex.read.kexinit.hostKey : null;
  const algorithm = preferredHostKeyAlgorithm(ep, offer, known) ?? ctx.negotiatedHostKey;
  const keyType = algorithm ? keyTypeOf(algorithm) : null;
  if (!keyType) {
    s.status = 'warn';
    s.found.push(`the server would present a certificate (${algorithm ?? 'unknown type'}): the doctor does not check certificates; the real ssh run below does`);
    return s;
  }
  const scanned = await scanHostKey(ep.hostname, ep.port, keyType, opts.env, t);
  if (!scanned) {
    s.status = 'warn';
    s.found.push(`could not fetch the server's ${keyType} key with ssh-keyscan; the real ssh run below checks it`);
    return s;
  }
  const fp = fingerprint(scanned.key);
  s.found.push(`the server presents ${scanned.keyType} ${fp}`);
  const sameType = known.filter((k) => keyTypeOf(k.keyType) === keyTypeOf(scanned.keyType));
  const where = (k: KnownKey) => `${k.file}${k.line ? `:${k.line}` : ''}`;

  if (sameType.some((k) => k.marker === '@revoked' && k.key === scanned.key)) {
    s.status = 'failed';
    s.found.push(`that key is marked @revoked in ${where(sameType.find((k) => k.marker === '@revoked')!)}`);
    s.article = ref('host-key-verification-failed');
    return s;
  }
  const plain = sameType.filter((k) => k.marker === null);
  if (plain.length) {
    if (plain.some((k) => k.key === scanned.key)) {
      s.status = 'ok';
      s.found.push(`known_hosts has this key for ${name} (${where(plain.find((k) => k.key === scanned.key)!)})`);
      checkIpEntries(s, knownIp, scanned, ipName, cfg.get('checkhostip') === 'yes');
      return s;
    }
    const old = plain[0]!;
    s.status = 'failed';
    s.found.push(`known_hosts has a different ${old.keyType} key for ${name}: ${fingerprint(old.key)} (${where(old)})`);
    s.article = ref('remote-host-identification-changed');
    s.fix = [
      `first make sure the new key is the server's (ask its admin, or on the server: ssh-keygen -lf /etc/ssh/ssh_host_${shortKeyType(old.keyType)}_key.pub; it should print ${fp}), then remove only the old entry:`,
      `ssh-keygen -R '${name}' -f ${old.file}`,
    ].join('\n');
    return s;
  }
  // Unknown under its name: the reader's ssh will ask; the probe trusts the key just fetched, once.
  s.status = 'warn';
  if (known.length) {
    s.found.push(`known_hosts has only ${[...new Set(known.map((k) => k.keyType))].join(', ')} key(s) for ${name}, and the server presents ${scanned.keyType}: ssh will ask as if the host were new ("keys of different type are already known")`);
  } else if (knownIp.length) {
    const same = knownIp.some((k) => k.key === scanned.key);
    s.found.push(`${name} is not in known_hosts, but ${ipName} is (${where(knownIp[0]!)}), ${same ? 'with this same key' : 'with a different key'}: ssh looks the host up by the name, so it will ask`);
    if (!same) s.also.push(ref('host-key-differs-for-ip', 'ip-reused-by-another-host'));
  } else {
    s.found.push(`${name} is not in known_hosts: ssh will ask "The authenticity of host … can't be established" and show ${fp}; compare it with the server's own fingerprint before answering yes`);
  }
  s.article = ref('authenticity-of-host', 'first-connection');
  s.found.push('for the authentication check below, the doctor trusts this key for its own probe only (known_hosts is not changed)');
  ctx.extraKnownHosts = join(tmp, 'known_hosts');
  writeFileSync(ctx.extraKnownHosts, `${name} ${scanned.keyType} ${scanned.key}\n`, { mode: 0o600 });
  return s;
}

function checkIpEntries(s: StageReport, knownIp: KnownKey[], scanned: { key: string }, ipName: string, checkHostIp: boolean): void {
  if (!knownIp.length || knownIp.some((k) => k.key === scanned.key)) return;
  s.found.push(`known_hosts has a different key for the address ${ipName}${checkHostIp ? ' (CheckHostIP yes: ssh will warn)' : ''}`);
  if (checkHostIp) {
    s.status = 'warn';
    s.article = ref('host-key-differs-for-ip', 'ip-reused-by-another-host');
  }
}

// ---------------------------------------------------------------------------------------------
// 6-7. Authentication and session: a real ssh

let matcher: ReturnType<typeof createMatcher> | null = null;
function routeOutput(text: string): MatchResult {
  matcher ??= createMatcher(loadCatalog().rules);
  return matcher.match(text);
}

function lastLines(text: string, n: number): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^debug\d:|^OpenSSH_/.test(l))
    .slice(-n)
    .map((l) => printable(l, 200));
}

function probeArgs(ctx: Context): string[] {
  const o = ctx.opts;
  const seconds = String(Math.max(1, Math.ceil(o.timeoutMs / 1000)));
  const args = [
    ...(o.configFile ? ['-F', o.configFile] : []),
    '-vvv',
    '-n',
    '-T',
    // Never a prompt, never a password; never write known_hosts.
    ...['-o', 'BatchMode=yes', '-o', `ConnectTimeout=${seconds}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'UpdateHostKeys=no'],
    // Nothing but the login: no forwarding, no shared connection, nothing run locally.
    ...['-o', 'ClearAllForwardings=yes', '-o', 'ForwardAgent=no', '-o', 'ForwardX11=no', '-o', 'ControlMaster=no', '-o', 'ControlPath=none', '-o', 'PermitLocalCommand=no', '-o', 'RemoteCommand=none'],
  ];
  if (ctx.extraKnownHosts) {
    const files = [ctx.cfg.get('userknownhostsfile') ?? '', ctx.extraKnownHosts].join(' ').trim();
    args.push('-o', `UserKnownHostsFile=${files}`);
  }
  if (o.target.port) args.push('-p', String(o.target.port));
  return [...args, '--', sshDestination(o.target), 'exit'];
}

function keyLine(k: KeyFile): string {
  if (!k.exists) return `${k.path}: not present (skipped)`;
  const bits = [k.fingerprint ?? 'fingerprint unreadable'];
  if (k.permissionProblem) bits.push('mode too open: ssh ignores it');
  else if (k.format === 'encrypted') bits.push(k.inAgent ? 'encrypted, unlocked in the agent' : 'encrypted, not in the agent: ssh must ask for its passphrase');
  else if (k.format === 'ok') bits.push('loads without a passphrase');
  else bits.push(`cannot be loaded (${k.format})`);
  return `${k.path}: ${bits.join(', ')}`;
}

async function sshStages(ctx: Context): Promise<StageReport[]> {
  const { opts, cfg } = ctx;
  const auth = stage('auth', 'the keys ssh would offer (agent, IdentityFile, IdentitiesOnly), their modes and formats, then a real ssh -vvv -o BatchMode=yes … exit');
  const session = stage('session', 'the remote command `exit` runs and returns status 0');

  const agentSetting = unlessNone(cfg.get('identityagent'));
  const socket = cfg.get('identityagent') === 'none' ? null : agentSetting && agentSetting !== 'SSH_AUTH_SOCK' ? agentSetting : (opts.env.SSH_AUTH_SOCK ?? null);
  const agent = await agentKeys(socket, opts.env, opts.timeoutMs);
  const vars = { home: userInfo().homedir, localUser: userInfo().username, host: ctx.hostname, user: ctx.user, port: String(ctx.port) };
  const files = await Promise.all(cfg.all('identityfile').map((f) => inspectKeyFile(expandPath(f, vars), agent, opts.env, opts.timeoutMs)));
  const identitiesOnly = cfg.get('identitiesonly') === 'yes';
  auth.found.push(
    agent.status === 'keys'
      ? `agent: ${agent.keys.length} key(s)${identitiesOnly ? ' (IdentitiesOnly yes: only those matching an IdentityFile are offered)' : ''}: ${agent.keys.map((k) => k.fingerprint).join(', ')}`
      : `agent: ${agent.status === 'no-socket' ? 'none (SSH_AUTH_SOCK is not set, or IdentityAgent none)' : agent.status === 'empty' ? 'running, no keys' : `cannot connect to ${socket}`}`,
  );
  for (const k of files) auth.found.push(keyLine(k));

  const run = await runCommand('ssh', probeArgs(ctx), { env: opts.env, timeoutMs: 3 * opts.timeoutMs + 5000, maxOutput: 4 * 1024 * 1024 });
  const output = run.stderr + (run.stdout ? `\n${run.stdout}` : '');
  const timeline = analyzeLog(output);
  const routed = routeOutput(output);
  const shown = lastLines(run.stderr, 2);

  // Through a proxy the log holds the hop's login too: a hop that authenticated says nothing
  // about the target when ssh itself failed (status 255) with an error before the session.
  const failure = timeline.failure;
  const beforeAuth = failure !== null && TIMELINE_STAGES.indexOf(failure.stage) < TIMELINE_STAGES.indexOf('auth');
  const proxyFailed = ctx.proxy !== null && run.code === 255 && failure !== null && failure.stage !== 'session';
  if (run.code === 0 || (timeline.authenticated && !beforeAuth && !proxyFailed)) {
    auth.status = 'ok';
    auth.found.push(timeline.authenticated ? `authenticated with ${timeline.authenticated.method}${acceptedKey(timeline)}` : 'logged in (ssh exited with status 0)');
    if (run.code === 0) {
      session.status = 'ok';
      session.found.push('`exit` ran; exit status 0');
    } else {
      session.status = 'failed';
      session.found.push(`the session ended with status ${run.code ?? 'killed'}${run.timedOut ? ' (the doctor stopped it: time limit)' : ''}`, ...shown.map((l) => `ssh: ${l}`));
      const best = routed.best?.id ?? '';
      session.article = SESSION_ARTICLES.has(best) ? ref(best) : ref('connection-closed', 'shell-exits');
      session.fix = `${sshCommand(opts.target, [], 'echo ok')}   # a forced command (ForceCommand, command="…" in authorized_keys) or the login shell ends the session`;
    }
    return [auth, session];
  }

  // Not authenticated: the failure may also be earlier than auth (through a proxy, or a race).
  if (failure && beforeAuth) {
    const s = stage(failure.stage, `the real ssh run (${ctx.proxy ? `through ${ctx.proxy}` : 'after the probes passed'})`);
    s.status = 'failed';
    s.found.push(...shown.map((l) => `ssh: ${l}`));
    s.article = routed.best ? ref(routed.best.id) : failure.articleId ? ref(failure.articleId) : null;
    return [s];
  }
  auth.status = 'failed';
  if (run.timedOut) auth.found.push(`the doctor stopped ssh after ${Math.round((3 * opts.timeoutMs + 5000) / 1000)} s`);
  auth.found.push(...shown.map((l) => `ssh: ${l}`));
  explainAuthFailure(auth, ctx, timeline, routed, files, agent.status === 'keys');
  return [auth];
}

/** Articles for a session that ends right after login; anything else is a shell or forced command that exits. */
const SESSION_ARTICLES = new Set(['account-not-available', 'login-as-user-not-root', 'received-message-too-long']);

function acceptedKey(t: LogTimeline): string {
  const k = t.keys.find((x) => x.result === 'accepted');
  return k ? ` (key ${k.source}${k.fingerprint ? ` ${k.fingerprint}` : ''})` : '';
}

function explainAuthFailure(s: StageReport, ctx: Context, t: LogTimeline, routed: MatchResult, files: KeyFile[], agentHasKeys: boolean): void {
  const offered = t.keys.filter((k) => k.how !== 'listed');
  const answer = { accepted: 'the server would accept it', rejected: 'refused by the server', 'not-tried': 'not tried', unknown: 'no answer seen' } as const;
  if (offered.length) s.found.push(`offered: ${offered.map((k) => `${k.source} (${answer[k.result]})`).join(', ')}`);
  else s.found.push('no key was offered to the server');
  if (t.authMethods.length) s.found.push(`the server allows: ${t.authMethods.join(', ')}`);

  const tooOpen = files.find((k) => k.permissionProblem);
  const locked = files.find((k) => k.format === 'encrypted' && !k.inAgent);
  const broken = files.find((k) => k.format === 'invalid' || k.format === 'libcrypto');
  // The matcher names the specific errors (too many failures, no mutual signature…); the generic
  // "Permission denied (publickey)" is narrowed down with what the doctor saw on this machine.
  const routedId = routed.best?.id ?? null;
  if (routedId && routedId !== 'permission-denied-publickey') {
    s.article = ref(routedId, routedId === 'unprotected-private-key-file' ? 'key-mode-too-open' : null);
    if (tooOpen && routedId === 'unprotected-private-key-file') s.fix = tooOpen.permissionProblem!.fix;
    return;
  }
  if (tooOpen) {
    s.article = ref('unprotected-private-key-file', 'key-mode-too-open');
    s.fix = tooOpen.permissionProblem!.fix;
  } else if (locked && !offered.some((k) => k.result === 'rejected')) {
    s.article = ref('bad-passphrase', 'no-prompt-available');
    s.fix = `ssh-add ${locked.path}   # unlock it once in your agent (then scripts and BatchMode can use it)`;
  } else if (broken) {
    s.article = ref(broken.format === 'libcrypto' ? 'libcrypto-error' : 'invalid-key-format');
  } else if (!offered.length) {
    s.article = ref('permission-denied-publickey', 'wrong-key-offered');
    s.fix = `${sshCommand(ctx.opts.target, ['-i', '~/.ssh/<your key>'])}   # or IdentityFile in a Host block${agentHasKeys ? '' : '; no agent keys either'}`;
  } else {
    s.article = ref('permission-denied-publickey', 'key-not-authorized');
    s.also.push(ref('permission-denied-publickey', 'wrong-user'), ref('sshd-user-not-allowed', 'allowusers-or-allowgroups'));
    s.found.push(`every key offered was refused for user ${ctx.user}: the server does not accept it for that user (authorized_keys), or refuses the user (AllowUsers/DenyUsers; only the server log tells)`);
    const port = ctx.opts.target.port ? ` -p ${ctx.opts.target.port}` : '';
    s.fix = [
      `ssh-copy-id -i <your key>.pub${port} ${sshDestination(ctx.opts.target)}   # adds the key (it needs another way in, e.g. a password)`,
      "on the server, to see which: journalctl -u ssh | grep -iE 'not allowed|invalid user|authorized'",
    ].join('\n');
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), ms)))]).finally(() => clearTimeout(timer));
}
