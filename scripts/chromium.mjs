#!/usr/bin/env node
// Finds a Chromium for Playwright to drive (the system one; Playwright's own browser download is not
// used). Node builtins only. Usable as a module (`findChromium()`) or a script that prints the path:
//   node scripts/chromium.mjs
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const HOW_TO_INSTALL =
  'No Chromium found. Install Chromium: `sudo apt-get install chromium` on Debian/Ubuntu ' +
  '(`brew install --cask chromium` on macOS), or set CHROMIUM_PATH=/path/to/chrome.';

/**
 * The path of a Chromium executable:
 * 1. $CHROMIUM_PATH or $PLAYWRIGHT_CHROMIUM_EXECUTABLE, if set and the file exists;
 * 2. /usr/bin/chromium, if it exists;
 * 3. as root on Debian (apt-get present): installs the `chromium` package and returns /usr/bin/chromium;
 * otherwise throws an Error saying what to install.
 */
export function findChromium() {
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE']) {
    const p = process.env[name];
    if (p) {
      if (existsSync(p)) return p;
      console.warn(`[chromium] ${name}=${p} does not exist; looking elsewhere`);
    }
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.error('[chromium] /usr/bin/chromium is missing; installing the Debian package `chromium`…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args) => {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.error) throw r.error;
      if (r.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed with exit code ${r.status}. ${HOW_TO_INSTALL}`);
    };
    apt(['update']);
    apt(['install', '-y', 'chromium']);
    if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
    throw new Error(`apt-get installed chromium but ${SYSTEM_CHROMIUM} is still missing. ${HOW_TO_INSTALL}`);
  }
  throw new Error(HOW_TO_INSTALL);
}

// Run as a script: print the path (or the reason there is none) and exit.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(findChromium());
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
