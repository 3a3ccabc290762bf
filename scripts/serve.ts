// Shared by the scripts that drive the built console in Chromium (bench-ui.ts, screenshots.ts):
// build, serve dist/ with `vite preview` on a fixed port, launch the system Chromium like
// playwright.config.ts does.
import { spawn, spawnSync } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { findChromium } from './chromium.mjs';

export function buildApp(quiet: boolean): void {
  const b = spawnSync('npx', ['vite', 'build'], { stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) throw new Error('vite build failed');
}

export interface Served {
  url: string;
  browser: Browser;
  /** Closes the browser and stops the server. */
  close(): Promise<void>;
}

/** Serves dist/ on `port` and opens Chromium; call close() in a finally. */
export async function serveAndLaunch(port: number): Promise<Served> {
  const url = `http://localhost:${port}`;
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  try {
    const end = Date.now() + 30_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`vite preview exited with code ${server.exitCode} (is port ${port} taken?)`);
      const up = await fetch(url).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > end) throw new Error(`vite preview did not answer at ${url} within 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await chromium.launch({
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    return {
      url,
      browser,
      close: async () => {
        await browser.close();
        stop();
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}
