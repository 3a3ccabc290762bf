// Installs the project's npm dependencies when they are missing or older than the lock file.
// Node built-ins only: this runs before anything is installed.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function ensureDeps() {
  const marker = 'node_modules/.package-lock.json';
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync('package-lock.json').mtimeMs;
  if (fresh) return;
  console.log('cumulo: installing dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=notice'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('cumulo: npm ci failed; see the output above.');
    process.exit(r.status ?? 1);
  }
}
