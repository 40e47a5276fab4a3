declare namespace App {
  interface Locals {
    /** Tab groups rendered so far on this page: gives each group unique, reproducible ids. */
    tabGroups?: number;
    /** The group whose <Tab>s are rendering now. */
    currentTabGroup?: number;
    /** The article's default platform, for tab groups that have it. */
    defaultOs?: string;
  }
}

declare module 'virtual:sshfix/rules' {
  const rules: import('./matcher/types.ts').Rule[];
  export default rules;
}
