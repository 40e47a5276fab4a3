/**
 * Reads the software versions out of a paste: the local client from `ssh -V` / the first line of
 * `ssh -v` (`OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.15`), `Local version string …` or
 * PuTTY's `We claim version:`, and the remote server from `remote software version …`, PuTTY's
 * `Server version:` or a bare banner (`SSH-2.0-OpenSSH_8.0`). Package suffixes tell the distro
 * where they can. Pure; reads at most the first MAX_LINES lines.
 */
import type { Product } from './spec.ts';
import type { ReaderVersions, SideVersions } from './reader.ts';

const MAX_LINES = 5000;
const MAX_LINE = 500;

// The OpenSSH each release shipped, for suffixes that name the distro but not its release.
const UBUNTU_RELEASES: Record<string, string> = {
  '7.2': '16.04', '7.6': '18.04', '8.2': '20.04', '8.9': '22.04', '9.0': '22.10',
  '9.3': '23.10', '9.6': '24.04', '9.7': '24.10', '9.9': '25.04', '10.0': '25.10',
};
const DEBIAN_RELEASES: Record<string, string> = { '7.4': '9', '7.9': '10', '8.4': '11', '9.2': '12', '10.0': '13' };
// Red Hat builds print the version without the portable suffix (`OpenSSH_8.0`, not `OpenSSH_8.0p1`)
// in their banner, and a `-fips`/`FIPS` OpenSSL on RHEL 7/8 clients: a guess, labelled as one.
const RHEL_RELEASES: Record<string, string> = { '7.4': '7', '8.0': '8', '8.7': '9' };

const SOFTWARE = /^(OpenSSH_for_Windows_|OpenSSH_|PuTTY_Release_)(\d{1,3}\.\d{1,3})(p\d+)?(?:\s+(\S+))?/;

/** One software string (`OpenSSH_9.2p1 Debian-2+deb12u10`) as versions; `library` is the SSL part of `ssh -V`. */
function software(text: string, library?: string): SideVersions | undefined {
  const m = SOFTWARE.exec(text.trim());
  if (!m) return undefined;
  const [, prefix, version, portable, suffix = ''] = m;
  const product: Product = prefix === 'OpenSSH_for_Windows_' ? 'windows-openssh' : prefix === 'PuTTY_Release_' ? 'putty' : 'openssh';
  const side: SideVersions = { ssh: { product, version } };
  if (product !== 'openssh') return side;
  const deb = /^Debian-\S*?\+deb(\d+)u/.exec(suffix);
  if (deb) side.os = { product: 'debian', release: deb[1] };
  else if (/^Debian-/.test(suffix)) side.os = { product: 'debian', release: DEBIAN_RELEASES[version], guess: !!DEBIAN_RELEASES[version] };
  else if (/^Ubuntu-/.test(suffix)) side.os = { product: 'ubuntu', release: UBUNTU_RELEASES[version] };
  else if (!suffix && RHEL_RELEASES[version] && (library ? /^OpenSSL\b/.test(library) : !portable)) {
    side.os = { product: 'rhel', release: RHEL_RELEASES[version], guess: true };
  } else if (!suffix && library && /^LibreSSL\b/.test(library)) side.os = { product: 'macos' };
  return side;
}

/** Strip what precedes the message: `debug1: `, a timestamp, a syslog prefix, PuTTY's date. */
const payload = (line: string) => line.replace(/^.*?\b(debug\d: |Event Log: )/, '').trim();

export function pasteVersions(text: string): ReaderVersions {
  const found: ReaderVersions = {};
  if (typeof text !== 'string') return found;
  const lines = text.split(/\r\n|\r|\n/, MAX_LINES);
  for (const raw of lines) {
    const line = payload(raw.slice(0, MAX_LINE));
    let m: RegExpExecArray | null;
    if ((m = /^(OpenSSH_\S+?)(?:\s+(\S+))?,\s+((?:Open|Libre)SSL\s.*)$/.exec(line))) {
      found.client ??= software(`${m[1]} ${m[2] ?? ''}`, m[3]);
    } else if ((m = /(?:Local version string|We claim version:)\s+SSH-[\d.]+-(.+)$/i.exec(line))) {
      found.client ??= software(m[1]);
    } else if ((m = /(?:remote software version|Server version:|Remote version:)\s+(?:SSH-[\d.]+-)?(.+)$/i.exec(line))) {
      found.server ??= software(m[1]);
    } else if ((m = /^SSH-2\.0-(.+)$/.exec(line))) {
      found.server ??= software(m[1]);
    }
    if (found.client && found.server) break;
  }
  return found;
}
