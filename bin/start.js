#!/usr/bin/env node
// `npm start`: builds the web app when it is not built, then migrates data/sunlit.db (or SUNLIT_DATABASE_URL),
// loads the demo county on first start, prints the demo accounts and serves on http://localhost:3000.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}/web/dist/index.html`)) {
  console.log('Building the web app (first start)…');
  const build = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
process.chdir(root);
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(['start', ...process.argv.slice(2)]);
