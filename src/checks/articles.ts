/**
 * Every article id the checks link to, in one place, so a unit test can prove each one exists
 * in content/ids.tsv (the URL contract) and a renamed article cannot leave a dead link here.
 */
export const CHECK_ARTICLES = {
  unprotectedKey: 'unprotected-private-key-file',
  identityNotAccessible: 'identity-file-not-accessible',
  badConfigPerms: 'bad-owner-or-permissions-config',
  sshdBadModes: 'sshd-bad-ownership-or-modes',
  sshdAuthKeysDenied: 'sshd-authorized-keys-permission-denied',
  sshdConfigTest: 'sshd-config-test-failed',
  sshdUserNotAllowed: 'sshd-user-not-allowed',
  sshdAddressInUse: 'sshd-address-in-use',
  sshdNoHostKeys: 'sshd-no-hostkeys-available',
  sshdMaxAuth: 'sshd-max-auth-attempts-exceeded',
  deniedPublickey: 'permission-denied-publickey',
  deniedPassword: 'permission-denied-password',
  tooManyAuthFailures: 'too-many-authentication-failures',
  noMutualSignature: 'no-mutual-signature',
  connectionRefused: 'connection-refused',
  connectionTimedOut: 'connection-timed-out',
  noRoute: 'no-route-to-host',
  networkUnreachable: 'network-unreachable',
  resolve: 'could-not-resolve-hostname',
  connectionReset: 'connection-reset-by-peer',
  closedByRemote: 'connection-closed-by-remote-host',
  connectionClosed: 'connection-closed',
  invalidBanner: 'invalid-banner',
  noKex: 'no-matching-key-exchange',
  noHostKeyType: 'no-matching-host-key-type',
  noCipher: 'no-matching-cipher',
  noMac: 'no-matching-mac',
  corruptedMac: 'corrupted-mac',
  hostKeyChanged: 'remote-host-identification-changed',
  hostKeyVerificationFailed: 'host-key-verification-failed',
  brokenPipe: 'broken-pipe',
  serverNotResponding: 'server-not-responding',
  ptyNotAllocated: 'pseudo-terminal-not-allocated',
  subsystemFailed: 'subsystem-request-failed',
  forwardingProhibited: 'port-forwarding-administratively-prohibited',
  x11Failed: 'x11-forwarding-failed',
  loginAsUser: 'login-as-user-not-root',
} as const;

/** The ids above as a list, for the contract test. */
export const CHECK_ARTICLE_IDS: readonly string[] = Object.values(CHECK_ARTICLES);
