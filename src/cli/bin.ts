#!/usr/bin/env node
// The installed package's `sshfix` command: scripts/package.ts bundles it into plain JavaScript
// (bin/sshfix.js in the package). In the repository, bin/sshfix.js runs main.ts through tsx.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
