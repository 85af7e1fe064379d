#!/usr/bin/env node
// ticket-tracker <command>: the entry point. It turns Node's compile cache on before anything else
// loads (modules compiled and TypeScript stripped once, then read back from disk on every later
// start: a one-shot command such as `ask` starts in far less CPU time), then runs the program
// (cli/program.ts), which parses the arguments and loads only the command asked for.
import module from 'node:module';

module.enableCompileCache();
await import('./cli/program.ts');
