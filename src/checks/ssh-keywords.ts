/**
 * The ssh_config (client) keyword table: the options documented in openssh-portable's
 * ssh_config.5 and the keywords[] table of readconf.c (commit 0ef0f5a8, 2026-08), with the old
 * names readconf.c still maps and the ones it only warns about, plus the GSSAPI key-exchange
 * patch's keywords that Debian and RHEL add. Case-insensitive, as ssh reads them.
 */

const OPTIONS = [
  'AddKeysToAgent', 'AddressFamily', 'BatchMode', 'BindAddress', 'BindInterface', 'CanonicalDomains', 'CanonicalizeFallbackLocal',
  'CanonicalizeHostname', 'CanonicalizeMaxDots', 'CanonicalizePermittedCNAMEs', 'CASignatureAlgorithms', 'CertificateFile',
  'ChannelTimeout', 'CheckHostIP', 'Ciphers', 'ClearAllForwardings', 'Compression', 'ConnectionAttempts', 'ConnectTimeout',
  'ControlMaster', 'ControlPath', 'ControlPersist', 'DynamicForward', 'EnableEscapeCommandline', 'EnableSSHKeysign', 'EscapeChar',
  'ExitOnForwardFailure', 'FingerprintHash', 'ForkAfterAuthentication', 'ForwardAgent', 'ForwardX11', 'ForwardX11Timeout',
  'ForwardX11Trusted', 'GatewayPorts', 'GlobalKnownHostsFile', 'GSSAPIAuthentication', 'GSSAPIDelegateCredentials',
  'HashKnownHosts', 'HostbasedAcceptedAlgorithms', 'HostbasedAuthentication', 'HostKeyAlgorithms', 'HostKeyAlias', 'HostName',
  'IdentitiesOnly', 'IdentityAgent', 'IdentityFile', 'IgnoreUnknown', 'IPQoS', 'KbdInteractiveAuthentication',
  'KbdInteractiveDevices', 'KexAlgorithms', 'KnownHostsCommand', 'LocalCommand', 'LocalForward', 'LogLevel', 'LogVerbose', 'MACs',
  'NoHostAuthenticationForLocalhost', 'NumberOfPasswordPrompts', 'ObscureKeystrokeTiming', 'PasswordAuthentication',
  'PermitLocalCommand', 'PermitRemoteOpen', 'PKCS11Provider', 'Port', 'PreferredAuthentications', 'ProxyCommand', 'ProxyJump',
  'ProxyUseFdpass', 'PubkeyAcceptedAlgorithms', 'PubkeyAuthentication', 'RefuseConnection', 'RekeyLimit', 'RemoteCommand',
  'RemoteForward', 'RequestTTY', 'RequiredRSASize', 'RevokedHostKeys', 'SecurityKeyProvider', 'SendEnv', 'ServerAliveCountMax',
  'ServerAliveInterval', 'SessionType', 'SetEnv', 'StdinNull', 'StreamLocalBindMask', 'StreamLocalBindUnlink',
  'StrictHostKeyChecking', 'SyslogFacility', 'TCPKeepAlive', 'Tag', 'Tunnel', 'TunnelDevice', 'UpdateHostKeys', 'User',
  'UserKnownHostsFile', 'VerifyHostKeyDNS', 'VersionAddendum', 'VisualHostKey', 'WarnWeakCrypto', 'XAuthLocation',
  'Host', 'Match', 'Include',
];

// readconf.c: old names that still set an option.
const ALIASES: Record<string, string> = {
  challengeresponseauthentication: 'KbdInteractiveAuthentication',
  skeyauthentication: 'KbdInteractiveAuthentication',
  tisauthentication: 'KbdInteractiveAuthentication',
  dsaauthentication: 'PubkeyAuthentication',
  identityfile2: 'IdentityFile',
  keepalive: 'TCPKeepAlive',
  pubkeyacceptedkeytypes: 'PubkeyAcceptedAlgorithms',
  hostbasedkeytypes: 'HostbasedAcceptedAlgorithms',
  smartcarddevice: 'PKCS11Provider',
};

// readconf.c oDeprecated / oUnsupported / oIgnore: ssh warns and ignores them.
const OBSOLETE = new Set([
  'afstokenpassing', 'cipher', 'compressionlevel', 'fallbacktorsh', 'globalknownhostsfile2', 'kerberosauthentication', 'kerberostgtpassing',
  'protocol', 'rhostsauthentication', 'rhostsrsaauthentication', 'rsaauthentication', 'useprivilegedport', 'userknownhostsfile2', 'useroaming', 'usersh',
]);

// Debian's and RHEL's GSSAPI key-exchange patch.
const DISTRO = ['GSSAPIKeyExchange', 'GSSAPIClientIdentity', 'GSSAPIServerIdentity', 'GSSAPIRenewalForcesRekey', 'GSSAPITrustDns', 'GSSAPIKexAlgorithms'];

export type SshKeywordKind = 'option' | 'alias' | 'obsolete' | 'distro';

export interface SshKeywordInfo {
  /** The canonical spelling (for an alias: the option it sets). */
  name: string;
  kind: SshKeywordKind;
}

const TABLE: ReadonlyMap<string, SshKeywordInfo> = (() => {
  const m = new Map<string, SshKeywordInfo>();
  for (const n of OPTIONS) m.set(n.toLowerCase(), { name: n, kind: 'option' });
  for (const [a, n] of Object.entries(ALIASES)) m.set(a, { name: n, kind: 'alias' });
  for (const o of OBSOLETE) m.set(o, { name: o, kind: 'obsolete' });
  for (const d of DISTRO) m.set(d.toLowerCase(), { name: d, kind: 'distro' });
  return m;
})();

/** Looks a client keyword up, case-insensitively. */
export function sshKeywordInfo(word: string): SshKeywordInfo | undefined {
  return TABLE.get(word.toLowerCase());
}

/** Every known client keyword (lower case), for typo suggestions. */
export const SSH_KEYWORD_NAMES: readonly string[] = [...TABLE.keys()];

/**
 * Options whose lines add up instead of "first value wins" (readconf.c: IdentityFile and
 * CertificateFile append up to 100 files, the forwardings append; SendEnv appends too).
 */
export const SSH_ACCUMULATING = new Set(['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward', 'sendenv']);
