/**
 * Entry of the standalone embed bundle, dist/embed/sshfix.js (built by src/integrations/embed.ts):
 * one classic script with the matcher, the rules and the styles, no framework. It defines
 * <sshfix-router> and makes article links point at the site the script was loaded from.
 */
import { defineSshfixRouter, setDefaultBase } from './element.ts';

/** The site URL the bundle was built for (SITE_URL), replaced at build time. */
declare const __SSHFIX_SITE__: string | undefined;

const script = document.currentScript as HTMLScriptElement | null;
// The script lives at <site>/embed/sshfix.js, so the site is one level up from it. Loaded as a
// module (no currentScript), fall back to the SITE_URL of the build.
const site = script?.src ? new URL('../', script.src).href : typeof __SSHFIX_SITE__ === 'string' ? __SSHFIX_SITE__ : undefined;
setDefaultBase(site);
defineSshfixRouter();
