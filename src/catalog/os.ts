/**
 * The platforms an article gives commands for. Kept apart from the zod schema so code that must
 * not pull in zod (the packaged library's public types, the embeddable widget) can name them.
 */

/** Platforms an article can give commands for, in tab order. */
export const OS_KEYS = ['ubuntu', 'rhel', 'cloud', 'macos', 'windows'] as const;
export type OsKey = (typeof OS_KEYS)[number];

export const OS_LABELS: Record<OsKey, string> = {
  ubuntu: 'Ubuntu / Debian',
  rhel: 'RHEL / Fedora',
  cloud: 'Cloud (AWS, GCP, Azure)',
  macos: 'macOS',
  windows: 'Windows',
};
