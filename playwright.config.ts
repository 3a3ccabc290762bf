import { defineConfig, type ReporterDescription } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';

// CUMULO_E2E_PORT lets several checkouts run their journeys at once (each on its own port).
const PORT = Number(process.env.CUMULO_E2E_PORT ?? 4173);
const jsonOutput = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;
const reporter: ReporterDescription[] = jsonOutput ? [['list'], ['json', { outputFile: jsonOutput }]] : [['list']];

/**
 * End-to-end journeys against the BUILT app (`npx vite build` first; the test script does), served
 * by `vite preview`, driven with the system Chromium (see scripts/chromium.mjs).
 */
export default defineConfig({
  testDir: 'e2e',
  // Playwright empties its outputDir at the start of a run: keep it apart from test-results/ itself,
  // where scripts/test.mjs has already written vitest.json.
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter,
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    acceptDownloads: true,
    trace: 'off',
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
