#!/usr/bin/env node
// Launcher for the sshfix CLI: runs the TypeScript sources through tsx, so `npx sshfix` works
// right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
