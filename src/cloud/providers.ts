/** The cloud providers a cloud tab splits into (`<Provider name="…">`), in the order they are shown. */
export const PROVIDERS = ['aws', 'gcp', 'azure', 'vps'] as const;
export type ProviderKey = (typeof PROVIDERS)[number];

export const PROVIDER_LABELS: Record<ProviderKey, string> = {
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  vps: 'Other VPS',
};

export const isProvider = (s: unknown): s is ProviderKey => typeof s === 'string' && (PROVIDERS as readonly string[]).includes(s);
