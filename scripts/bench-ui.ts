/**
 * The console's performance budget, measured in Chromium against the built app:
 *
 *   npm run bench:ui                 a short report
 *   npm run bench:ui -- --json       one JSON document (frameP95Ms, longTasksOver100ms, firstPaintJsGzipKB, …)
 *   npm run bench:ui -- --seconds 5  a shorter run (to check it works, not to measure)
 *   npm run bench:ui -- --no-build   reuse dist/ as it is
 *   npm run bench:ui -- --port 4301  serve on another port (also CUMULO_BENCH_PORT; default 4188)
 *   npm run bench:ui -- --fixed-pace the console without its frame-health pacing (every live update at the normal pace)
 *
 * It builds the app, serves it with `vite preview` on port 4188 (--port or CUMULO_BENCH_PORT to change), opens
 * the cloud-scale scenario (1,000 hosts, 5,000 instances; scripts/cloud-scale.ts) by link, switches
 * to the infrastructure view, plays at max speed for 20 s and records every requestAnimationFrame
 * interval and every main-thread long task (PerformanceObserver 'longtask'). The first-paint
 * JavaScript is the entry script of dist/index.html plus its modulepreloads, gzip-compressed. It also
 * reports the live view's pace (src/ui/framePace.ts): how far the console stretched its live updates
 * because frames came late (1 = not at all).
 *
 * Targets (issue #7): p95 frame time < 25 ms, no long task over 100 ms while simulating,
 * first-paint JavaScript < 350 KB gzip. Exits with 1 when a target is missed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildApp, serveAndLaunch } from './serve';
import { encodeScenarioLink } from '../src/core/index';
import { cloudScaleScenario, HOSTS, INSTANCES } from './cloud-scale';

export const TARGETS = { frameP95Ms: 25, longTaskMs: 100, firstPaintJsGzipKB: 350 } as const;

interface Args {
  json: boolean;
  seconds: number;
  build: boolean;
  port: number;
  fixedPace: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, seconds: 20, build: true, port: Number(process.env.CUMULO_BENCH_PORT ?? 4188), fixedPace: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--fixed-pace') args.fixedPace = true;
    else if (a === '--seconds') {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`--seconds needs a positive number, got ${argv[i] ?? 'nothing'}`);
      args.seconds = n;
    } else if (a === '--port') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`--port needs a port number, got ${argv[i] ?? 'nothing'}`);
      args.port = n;
    } else throw new Error(`unknown option ${a} (known: --json, --seconds N, --no-build, --port N, --fixed-pace)`);
  }
  return args;
}

export interface FirstPaintJs {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  gzipKB: number;
}

/** The JavaScript a first paint needs: the entry script of index.html and every modulepreload, gzipped. */
export function firstPaintJs(distDir = 'dist'): FirstPaintJs {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) refs.add(m[1]!);
  if (refs.size === 0) throw new Error(`${distDir}/index.html names no module script: is it a Vite build?`);
  const files = [...refs].map((ref) => {
    const buf = readFileSync(join(distDir, ref.replace(/^\//, '')));
    return { file: ref, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
  });
  return { files, gzipKB: files.reduce((s, f) => s + f.gzipBytes, 0) / 1024 };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Installed before the app's scripts: records rAF intervals and long tasks while `__bench.on`.
 * Plain text, not a function: tsx would wrap a function's inner names in a helper the page lacks.
 */
const RECORDER = `(() => {
  const b = { on: false, frames: [], longTasks: [], paces: [] };
  window.__bench = b;
  let last = 0;
  function tick(t) {
    if (b.on && last > 0) b.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
  new PerformanceObserver(function (list) {
    if (!b.on) return;
    for (const e of list.getEntries()) b.longTasks.push(e.duration);
  }).observe({ type: 'longtask' });
  new MutationObserver(function () {
    if (b.on) b.paces.push(Number(document.documentElement.dataset.livePace || 1));
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-live-pace'] });
})();`;

export interface UiBenchResult {
  hosts: number;
  instances: number;
  seconds: number;
  /** Measured with the frame-health pacing off (--fixed-pace). */
  fixedPace: boolean;
  frames: number;
  frameP50Ms: number;
  frameP95Ms: number;
  frameP99Ms: number;
  frameMaxMs: number;
  longTasks: number;
  longTaskMaxMs: number;
  longTasksOver100ms: number;
  simulatedSeconds: number;
  events: number;
  /** The live view's pace (src/ui/framePace.ts): changes during the run, the slowest and the last (1 = normal). */
  paceChanges: number;
  paceMax: number;
  paceEnd: number;
  firstPaintJsGzipKB: number;
  firstPaintJs: FirstPaintJs['files'];
  pass: { frameP95: boolean; longTasks: boolean; firstPaintJs: boolean };
}

async function run(args: Args): Promise<UiBenchResult> {
  const log = (s: string) => {
    if (!args.json) console.log(s);
  };
  if (args.build) {
    log('building…');
    buildApp(args.json);
  }
  const fp = firstPaintJs();
  const { url, browser, close } = await serveAndLaunch(args.port);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.addInitScript({ content: RECORDER });
    if (args.fixedPace) await page.addInitScript({ content: 'window.__cumuloFixedPace = true;' });
    const link = encodeScenarioLink(cloudScaleScenario());
    log(`opening the cloud-scale scenario (${HOSTS} hosts, ${INSTANCES} instances; link of ${link.length} characters)…`);
    await page.goto(`${url}/#${link.replace(/^#/, "")}`);
    await page.getByTestId('scenario-name').filter({ hasText: 'Cloud scale' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('view-infra').click();
    await page.getByTestId('infra').waitFor({ timeout: 60_000 });
    await page.getByTestId('speed').selectOption('max');
    await page.waitForTimeout(1000);
    log(`playing at max speed for ${args.seconds} s…`);
    await page.evaluate(() => ((window as unknown as { __bench: { on: boolean } }).__bench.on = true));
    await page.getByTestId('play').click();
    await page.waitForTimeout(args.seconds * 1000);
    const rec = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { on: boolean; frames: number[]; longTasks: number[]; paces: number[] } }).__bench;
      b.on = false;
      return { frames: b.frames, longTasks: b.longTasks, paces: b.paces, paceEnd: Number(document.documentElement.dataset.livePace ?? 1) };
    });
    const clock = (await page.getByTestId('clock').textContent()) ?? '';
    const events = Number(((await page.getByTestId('events').textContent()) ?? '').replace(/[^0-9]/g, ''));
    if (await page.getByTestId('pause').isVisible()) await page.getByTestId('pause').click();
    const simulatedSeconds = clock
      .trim()
      .split(':')
      .map(Number)
      .reduce((acc, p) => acc * 60 + p, 0);
    const frames = [...rec.frames].sort((a, b) => a - b);
    const frameP95Ms = percentile(frames, 0.95);
    const longTasksOver100ms = rec.longTasks.filter((d) => d > TARGETS.longTaskMs).length;
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      hosts: HOSTS,
      instances: INSTANCES,
      seconds: args.seconds,
      fixedPace: args.fixedPace,
      frames: frames.length,
      frameP50Ms: round(percentile(frames, 0.5)),
      frameP95Ms: round(frameP95Ms),
      frameP99Ms: round(percentile(frames, 0.99)),
      frameMaxMs: round(frames.at(-1) ?? Number.NaN),
      longTasks: rec.longTasks.length,
      longTaskMaxMs: round(Math.max(0, ...rec.longTasks)),
      longTasksOver100ms,
      simulatedSeconds,
      events,
      paceChanges: rec.paces.length,
      paceMax: Math.max(1, ...rec.paces),
      paceEnd: rec.paceEnd,
      firstPaintJsGzipKB: round(fp.gzipKB),
      firstPaintJs: fp.files,
      pass: { frameP95: frameP95Ms < TARGETS.frameP95Ms, longTasks: longTasksOver100ms === 0, firstPaintJs: fp.gzipKB < TARGETS.firstPaintJsGzipKB },
    };
  } finally {
    await close();
  }
}

function report(r: UiBenchResult): void {
  const ok = (b: boolean) => (b ? 'ok  ' : 'MISS');
  console.log(`\ncloud scale: ${r.hosts} hosts, ${r.instances} instances, infrastructure view, max speed for ${r.seconds} s${r.fixedPace ? ', pacing off' : ''}`);
  console.log(`  simulated ${r.simulatedSeconds.toFixed(1)} s, ${r.events.toLocaleString('en-US')} events`);
  console.log(`  frames: ${r.frames} · p50 ${r.frameP50Ms} ms · p95 ${r.frameP95Ms} ms · p99 ${r.frameP99Ms} ms · max ${r.frameMaxMs} ms`);
  console.log(`  live view pace: ${r.paceChanges} changes, slowest ÷${r.paceMax}, ÷${r.paceEnd} at the end (1 = every update shown at the normal pace)`);
  console.log(`  long tasks: ${r.longTasks} (longest ${r.longTaskMaxMs} ms), ${r.longTasksOver100ms} over ${TARGETS.longTaskMs} ms`);
  console.log(`  first-paint JavaScript: ${r.firstPaintJsGzipKB} KB gzip (${r.firstPaintJs.map((f) => `${f.file} ${(f.gzipBytes / 1024).toFixed(1)} KB`).join(', ')})`);
  console.log(`\n${ok(r.pass.frameP95)} p95 frame time < ${TARGETS.frameP95Ms} ms`);
  console.log(`${ok(r.pass.longTasks)} no long task over ${TARGETS.longTaskMs} ms`);
  console.log(`${ok(r.pass.firstPaintJs)} first-paint JavaScript < ${TARGETS.firstPaintJsGzipKB} KB gzip`);
}

try {
  const args = parseArgs(process.argv.slice(2));
  const r = await run(args);
  if (args.json) console.log(JSON.stringify(r, null, 2));
  else report(r);
  process.exit(r.pass.frameP95 && r.pass.longTasks && r.pass.firstPaintJs ? 0 : 1);
} catch (e) {
  console.error(`bench:ui: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
