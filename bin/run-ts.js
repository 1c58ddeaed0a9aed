#!/usr/bin/env node
// Runs a TypeScript entry point through tsx: `node bin/run-ts.js path/to/file.ts [args…]`. The script sees its own
// path as process.argv[1] and the remaining arguments after it, as if it had been run directly.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const [node, , file, ...rest] = process.argv;
if (!file) {
  console.error('usage: node bin/run-ts.js <file.ts> [args…]');
  process.exit(2);
}
register();
const path = resolve(file);
process.argv = [node, path, ...rest];
await import(pathToFileURL(path).href);
