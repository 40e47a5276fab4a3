declare namespace App {
  interface Locals {
    /** Tab groups rendered so far on this page: gives each group unique, reproducible ids. */
    tabGroups?: number;
    /** The group whose <Tab>s are rendering now. */
    currentTabGroup?: number;
    /** The article's default platform, for tab groups that have it. */
    defaultOs?: string;
    /** Cloud tabs rendered so far on this page: numbers their provider sub-tabs. */
    cloudGroups?: number;
    /** The page already holds the full <CloudRescue /> block; later ones link to it. */
    rescueShown?: boolean;
  }
}

declare module 'virtual:sshfix/rules' {
  const rules: import('./matcher/types.ts').Rule[];
  export default rules;
  /** src/catalog/router-version.ts for these rules. */
  export const routerVersion: string;
  /** Each article's version-bound causes (src/versions/causes.ts), for the answer card's version hint. */
  export const causeVersions: Record<string, import('./versions/causes.ts').ArticleCauseVersions>;
}
