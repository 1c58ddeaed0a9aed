#!/usr/bin/env node
// Lists the test files (Node 20's runner expands no globs and skips .ts) and runs them through tsx, two at a time.
// Browser tests need the built web app, so it is built first when missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv.slice(2);

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, path));
  }
  return out;
}

let files = [...find(join(root, 'src')), ...find(join(root, 'test'))].sort();
if (filter.length > 0) files = files.filter((f) => filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

if (files.some((f) => f.includes('e2e')) && !existsSync(join(root, 'web/dist/index.html'))) {
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SUNLIT_LOG_LEVEL: process.env.SUNLIT_LOG_LEVEL ?? 'silent' },
});
process.exit(result.status ?? 1);
