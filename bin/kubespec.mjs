#!/usr/bin/env node
// Launches the TypeScript CLI (src/cli.ts) through tsx's ESM loader, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../src/cli.ts', import.meta.url).href);
const io = {
  write: (text) => process.stdout.write(text),
  error: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  },
  cwd: process.cwd(),
};
process.exitCode = await main(process.argv.slice(2), io);
