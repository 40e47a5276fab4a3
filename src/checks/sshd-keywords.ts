/**
 * The sshd_config keyword table, generated from openssh-portable's servconf.h
 * (SSHD_CONFIG_ENTRIES at commit 0ef0f5a8, 2026-08; the same names as the keywords[] table of
 * servconf.c in 9.x/10.x releases) plus the distribution patches' keywords, so that a valid
 * Debian or RHEL config is not reported as unknown. Keywords are matched case-insensitively,
 * as sshd does (strcasecmp in parse_token).
 */

/** How sshd treats a keyword. */
export type KeywordKind = 'option' | 'deprecated' | 'ignored' | 'alias' | 'distro' | 'block';

/** One keyword: its kind, whether it may appear inside a Match block, and for an alias the keyword it sets. */
export interface KeywordInfo {
  name: string;
  kind: KeywordKind;
  /** false for SSHCFG_GLOBAL keywords: sshd -t fails with "Directive 'X' is not allowed within a Match block". */
  matchOk: boolean;
  /** For an alias (SSHCONF_ALIAS), the canonical keyword it sets. */
  aliasOf?: string;
  /** For a distro keyword, which patch provides it. */
  note?: string;
}

const T: Array<[string, KeywordKind, boolean, string?]> = [
  ['Port', 'option', false],
  ['ListenAddress', 'option', false],
  ['HostKey', 'option', false],
  ['IPQoS', 'option', true],
  ['GatewayPorts', 'option', true],
  ['StreamLocalBindMask', 'option', true],
  ['StreamLocalBindUnlink', 'option', true],
  ['SyslogFacility', 'option', false],
  ['LogLevel', 'option', true],
  ['PermitUserEnvironment', 'option', false],
  ['Subsystem', 'option', true],
  ['MaxStartups', 'option', false],
  ['PerSourceNetBlockSize', 'option', false],
  ['PerSourcePenalties', 'option', false],
  ['RekeyLimit', 'option', true],
  ['AddressFamily', 'option', false],
  ['RDomain', 'option', true],
  ['HostCertificate', 'option', false],
  ['HostKeyAgent', 'option', false],
  ['PidFile', 'option', false],
  ['ModuliFile', 'option', false],
  ['LoginGraceTime', 'option', false],
  ['PermitRootLogin', 'option', true],
  ['IgnoreRhosts', 'option', true],
  ['IgnoreUserKnownHosts', 'option', false],
  ['PrintMotd', 'option', false],
  ['X11Forwarding', 'option', true],
  ['X11DisplayOffset', 'option', true],
  ['X11UseLocalhost', 'option', true],
  ['XAuthLocation', 'option', false],
  ['PermitTTY', 'option', true],
  ['PermitUserRC', 'option', true],
  ['StrictModes', 'option', false],
  ['TCPKeepAlive', 'option', false],
  ['Ciphers', 'option', false],
  ['MACs', 'option', false],
  ['KexAlgorithms', 'option', false],
  ['LogVerbose', 'option', true],
  ['HostbasedAuthentication', 'option', true],
  ['HostbasedUsesNameFromPacketOnly', 'option', true],
  ['HostbasedAcceptedAlgorithms', 'option', true],
  ['HostKeyAlgorithms', 'option', false],
  ['CASignatureAlgorithms', 'option', true],
  ['PubkeyAuthOptions', 'option', true],
  ['PubkeyAuthentication', 'option', true],
  ['PubkeyAcceptedAlgorithms', 'option', true],
  ['PasswordAuthentication', 'option', true],
  ['KbdInteractiveAuthentication', 'option', true],
  ['PermitEmptyPasswords', 'option', true],
  ['Compression', 'option', false],
  ['AllowTcpForwarding', 'option', true],
  ['AllowStreamLocalForwarding', 'option', true],
  ['AllowAgentForwarding', 'option', true],
  ['DisableForwarding', 'option', true],
  ['AllowUsers', 'option', true],
  ['DenyUsers', 'option', true],
  ['AllowGroups', 'option', true],
  ['DenyGroups', 'option', true],
  ['AcceptEnv', 'option', true],
  ['SetEnv', 'option', true],
  ['PerSourceMaxStartups', 'option', false],
  ['PerSourcePenaltyExemptList', 'option', false],
  ['MaxAuthTries', 'option', true],
  ['MaxSessions', 'option', true],
  ['Banner', 'option', true],
  ['UseDNS', 'option', false],
  ['ClientAliveInterval', 'option', true],
  ['ClientAliveCountMax', 'option', true],
  ['AuthorizedKeysFile', 'option', true],
  ['ForceCommand', 'option', true],
  ['PermitTunnel', 'option', true],
  ['PermitOpen', 'option', true],
  ['PermitListen', 'option', true],
  ['ChrootDirectory', 'option', true],
  ['RevokedKeys', 'option', true],
  ['TrustedUserCAKeys', 'option', true],
  ['AuthorizedKeysCommand', 'option', true],
  ['AuthorizedKeysCommandUser', 'option', true],
  ['AuthorizedPrincipalsFile', 'option', true],
  ['AuthorizedPrincipalsCommand', 'option', true],
  ['AuthorizedPrincipalsCommandUser', 'option', true],
  ['VersionAddendum', 'option', false],
  ['AuthenticationMethods', 'option', true],
  ['FingerprintHash', 'option', false],
  ['ExposeAuthInfo', 'option', true],
  ['SecurityKeyProvider', 'option', false],
  ['RequiredRSASize', 'option', true],
  ['ChannelTimeout', 'option', true],
  ['UnusedConnectionTimeout', 'option', true],
  ['SshdSessionPath', 'option', false],
  ['SshdAuthPath', 'option', false],
  ['RefuseConnection', 'option', true],
  ['ServerKeyBits', 'deprecated', false],
  ['KeyRegenerationInterval', 'deprecated', false],
  ['RHostsAuthentication', 'deprecated', false],
  ['RhostsRSAAuthentication', 'deprecated', true],
  ['RSAAuthentication', 'deprecated', true],
  ['CheckMail', 'deprecated', false],
  ['UseLogin', 'deprecated', false],
  ['VerifyReverseMapping', 'deprecated', false],
  ['ReverseMappingCheck', 'deprecated', false],
  ['AuthorizedKeysFile2', 'deprecated', true],
  ['UsePrivilegeSeparation', 'deprecated', false],
  ['KerberosTgtPassing', 'deprecated', false],
  ['AFSTokenPassing', 'deprecated', false],
  ['Protocol', 'ignored', false],
  ['PAMAuthenticationViaKbdInt', 'deprecated', false],
  ['HostDSAKey', 'alias', false, 'HostKey'],
  ['HostBasedAcceptedKeyTypes', 'alias', true, 'HostbasedAcceptedAlgorithms'],
  ['PubkeyAcceptedKeyTypes', 'alias', true, 'PubkeyAcceptedAlgorithms'],
  ['DSAAuthentication', 'alias', false, 'PubkeyAuthentication'],
  ['ChallengeResponseAuthentication', 'alias', true, 'KbdInteractiveAuthentication'],
  ['SKeyAuthentication', 'alias', true, 'KbdInteractiveAuthentication'],
  ['KeepAlive', 'alias', false, 'TCPKeepAlive'],
  ['UsePAM', 'option', false],
  ['PAMServiceName', 'option', true],
  ['PrintLastLog', 'option', false],
  ['KerberosGetAFSToken', 'option', false],
  ['KerberosAuthentication', 'option', true],
  ['KerberosOrLocalPasswd', 'option', false],
  ['KerberosTicketCleanup', 'option', false],
  ['GSSAPIAuthentication', 'option', true],
  ['GSSAPICleanupCredentials', 'option', false],
  ['GSSAPIDelegateCredentials', 'option', false],
  ['GSSAPIStrictAcceptorCheck', 'option', false],
]; 

// Keywords added by distribution patches (not in upstream servconf.c): accepted, never "unknown".
const DISTRO: Array<[string, string]> = [
  ['DebianBanner', 'Debian/Ubuntu patch'],
  ['GSSAPIKeyExchange', 'Debian and RHEL GSSAPI key-exchange patch'],
  ['GSSAPIStoreCredentialsOnRekey', 'Debian and RHEL GSSAPI key-exchange patch'],
  ['GSSAPIKexAlgorithms', 'Debian and RHEL GSSAPI key-exchange patch'],
  ['GSSAPIEnablek5users', 'RHEL patch'],
  ['KerberosUseKuserok', 'RHEL patch'],
  ['UseBlacklist', 'FreeBSD patch'],
  ['UseBlocklist', 'FreeBSD patch'],
];

/** Keyword table keyed by lower-case name. */
export const SSHD_KEYWORDS: ReadonlyMap<string, KeywordInfo> = (() => {
  const m = new Map<string, KeywordInfo>();
  for (const [name, kind, matchOk, aliasOf] of T) m.set(name.toLowerCase(), { name, kind, matchOk, ...(aliasOf ? { aliasOf } : {}) });
  for (const [name, note] of DISTRO) m.set(name.toLowerCase(), { name, kind: 'distro', matchOk: true, note });
  m.set('match', { name: 'Match', kind: 'block', matchOk: true });
  m.set('include', { name: 'Include', kind: 'block', matchOk: true });
  return m;
})();

/**
 * Keywords whose lines ADD to the setting instead of "first value wins" (servconf.c appends:
 * the ports/listen/hostkey lists, the Allow/Deny lists and AcceptEnv marked "XXX appends to
 * list; doesn't respect first-match-wins"; Subsystem accumulates per subsystem name).
 */
export const ACCUMULATING = new Set([
  'port', 'listenaddress', 'hostkey', 'hostcertificate', 'allowusers', 'denyusers', 'allowgroups', 'denygroups', 'acceptenv', 'subsystem',
]);

/** Looks a keyword up case-insensitively. */
export function keywordInfo(word: string): KeywordInfo | undefined {
  return SSHD_KEYWORDS.get(word.toLowerCase());
}

/** The canonical lower-case keyword a line sets (aliases resolved), for duplicate detection. */
export function canonicalKeyword(word: string): string {
  const info = keywordInfo(word);
  return (info?.aliasOf ?? info?.name ?? word).toLowerCase();
}
