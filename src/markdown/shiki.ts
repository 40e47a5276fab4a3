/** The code colours of the site (astro.config.mjs) and of text rendered outside the MDX pipeline (<CloudRescue />). */
export const SHIKI_CONFIG = {
  themes: { light: 'github-light', dark: 'github-dark' },
  defaultColor: false,
} as const;
