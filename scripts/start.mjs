// `npm start`: install if needed, build the console, and serve it with the default scenario loaded.
import { spawnSync } from 'node:child_process';
import { ensureDeps } from './ensure-deps.mjs';

ensureDeps();
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['vite', 'build']);
console.log('\ncumulo: the console is at http://localhost:4173/ (default scenario loaded; press Play). Ctrl+C stops it.\n');
run('npx', ['vite', 'preview', '--port', '4173', '--strictPort']);
