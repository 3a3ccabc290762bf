// `npm test`: the whole suite, as CI runs it: install if needed, typecheck, lint, unit and
// property tests, build, then end-to-end tests in Chromium against the built app.
// Ends with one line "tests: N passed, N failed" over the unit and end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureDeps } from './ensure-deps.mjs';

ensureDeps();
const { findChromium } = await import('./chromium.mjs');

mkdirSync('test-results', { recursive: true });
const steps = [];
const run = (name, cmd, args, env = {}) => {
  const t0 = Date.now();
  console.log(`\n── ${name} ──`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  steps.push({ name, ok: r.status === 0, seconds: (Date.now() - t0) / 1000 });
  return r.status === 0;
};

let ok = run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
ok = run('lint', 'npx', ['eslint', '.']) && ok;
ok = run('unit and property tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']) && ok;
ok = run('build', 'npx', ['vite', 'build']) && ok;
let chromium;
try {
  chromium = findChromium();
} catch (e) {
  console.error(`\ncumulo: ${e.message}`);
  ok = false;
}
if (chromium && existsSync('dist/index.html')) {
  ok = run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' }) && ok;
}

let passed = 0;
let failed = 0;
try {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
} catch {
  /* vitest did not run */
}
try {
  const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
  passed += p.stats.expected;
  failed += p.stats.unexpected + (p.stats.flaky ?? 0);
} catch {
  /* playwright did not run */
}
console.log('\n── summary ──');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name} (${s.seconds.toFixed(1)} s)`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
