/**
 * Where the console's main-thread time goes in the bench:ui scenario (a developer tool, not a test):
 *
 *   npx vite build --minify false && npx tsx scripts/profile-ui.ts [--seconds N]
 *
 * Opens the same scenario and view as bench-ui.ts, plays at max speed and records a Chromium
 * trace (devtools.timeline) plus a V8 CPU profile over the same window. Prints the long tasks
 * (> 50 ms) with what filled them (script, style, layout, paint, GC) and the JavaScript functions
 * that took the most time, self and inclusive, overall and inside long tasks.
 */
import { serveAndLaunch } from './serve';
import { encodeScenarioLink } from '../src/core/index';
import { cloudScaleScenario } from './cloud-scale';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: what the work cost whatever else the machine was doing. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const seconds = process.argv.includes('--seconds') ? Number(process.argv[process.argv.indexOf('--seconds') + 1]) : 10;
const port = Number(process.env.CUMULO_BENCH_PORT ?? 4188);

const { url, browser, close } = await serveAndLaunch(port);
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  const link = encodeScenarioLink(cloudScaleScenario());
  await page.goto(`${url}/#${link.replace(/^#/, '')}`);
  await page.getByTestId('scenario-name').filter({ hasText: 'Cloud scale' }).waitFor({ timeout: 60_000 });
  await page.getByTestId('view-infra').click();
  await page.getByTestId('infra').waitFor({ timeout: 60_000 });
  await page.getByTestId('speed').selectOption('max');
  // An experiment: extra CSS (e.g. hide a panel) to see what it costs.
  if (process.env.PROFILE_CSS) await page.addStyleTag({ content: process.env.PROFILE_CSS });
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  // PROFILE_INVALIDATIONS=1: also record what invalidated style, layout and paint (with PROFILE_OUT, to read the trace).
  const invalidations = process.env.PROFILE_INVALIDATIONS === '1' ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : [];
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', ...invalidations] });
  await cdp.send('Profiler.start');
  await page.getByTestId('play').click();
  await page.waitForTimeout(seconds * 1000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const buf = await browser.stopTracing();
  if (await page.getByTestId('pause').isVisible()) await page.getByTestId('pause').click();

  if (process.env.PROFILE_OUT) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${process.env.PROFILE_OUT}.trace.json`, buf);
    writeFileSync(`${process.env.PROFILE_OUT}.cpuprofile`, JSON.stringify(profile));
  }
  // ---- trace: long tasks on the page's main thread and their content
  const trace = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] };
  const evs = trace.traceEvents;
  const main = evs.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = evs.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  // Long in CPU time (PROFILE_BY_CPU=1: robust to a loaded machine) or in wall time.
  const byCpu = process.env.PROFILE_BY_CPU === '1';
  const tasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').filter((e) => (byCpu ? (e.tdur ?? 0) : e.dur!) > (byCpu ? 30_000 : 50_000));
  const KINDS = ['FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'HitTest', 'ParseHTML', 'EventDispatch', 'v8.run', 'UpdateLayer', 'ScheduleStyleRecalculation', 'RunMicrotasks', 'V8.GCCompactor', 'V8.GCFinalizeMC', 'V8.GC_MARK_COMPACTOR', 'BlinkGC.AtomicPhase', 'Commit', 'MarkDOMContent'];
  console.log(`\n${tasks.length} tasks > 50 ms on the main thread:`);
  const totals = new Map<string, number>();
  for (const t of tasks) {
    const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!);
    const by = new Map<string, number>();
    for (const e of inside) if (KINDS.includes(e.name)) by.set(e.name, (by.get(e.name) ?? 0) + (byCpu ? (e.tdur ?? 0) : e.dur!));
    for (const [k, v] of by) totals.set(k, (totals.get(k) ?? 0) + v);
    const parts = [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`);
    console.log(`  ${(t.dur! / 1000).toFixed(0)} ms (cpu ${((t.tdur ?? 0) / 1000).toFixed(0)}): ${parts.join(', ')}`);
  }
  const all = new Map<string, number>();
  const cpu = new Map<string, number>();
  for (const e of mine) {
    all.set(e.name, (all.get(e.name) ?? 0) + e.dur!);
    cpu.set(e.name, (cpu.get(e.name) ?? 0) + (e.tdur ?? 0));
  }
  const cpuTasks = mine.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').map((e) => (e.tdur ?? 0) / 1000);
  const sortedCpu = [...cpuTasks].sort((a, b) => a - b);
  const q = (p: number) => (sortedCpu.length ? sortedCpu[Math.min(sortedCpu.length - 1, Math.ceil(p * sortedCpu.length) - 1)]!.toFixed(1) : '—');
  console.log(`  task cpu (ms): p99 ${q(0.99)}, p99.9 ${q(0.999)}, max ${q(1)}; tasks over 16 ms: ${sortedCpu.filter((d) => d > 16).length}, over 25 ms: ${sortedCpu.filter((d) => d > 25).length}`);
  console.log(`  cpu time: ${['RunTask', 'FunctionCall', 'Layout', 'Paint', 'Layerize', 'PrePaint', 'UpdateLayoutTree', 'Commit'].map((k) => `${k} ${((cpu.get(k) ?? 0) / 1000).toFixed(0)}`).join(', ')}; tasks over 50 ms cpu: ${cpuTasks.filter((d) => d > 50).length}, over 100: ${cpuTasks.filter((d) => d > 100).length}`);
  console.log(`  all tasks: ${['FunctionCall', 'TimerFire', 'Layout', 'Paint', 'Layerize', 'PrePaint', 'UpdateLayoutTree', 'Commit'].map((k) => `${k} ${((all.get(k) ?? 0) / 1000).toFixed(0)}`).join(', ')}`);
  console.log(`  summed: ${[...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', ')}`);
  const windows = tasks.map((t) => [t.ts, t.ts + t.dur!] as const);

  // ---- CPU profile: self and inclusive time per function
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const f = n.callFrame;
    const file = f.url.split('/').pop() ?? '';
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const selfLong = new Map<string, number>();
  const inclLong = new Map<string, number>();
  let t = profile.startTime;
  // Trace timestamps and profile timestamps share the monotonic clock (µs).
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const n = byId.get(profile.samples[i]!)!;
    const inLong = windows.some(([a, b]) => t >= a && t <= b);
    const l = label(n);
    self.set(l, (self.get(l) ?? 0) + dt);
    if (inLong) selfLong.set(l, (selfLong.get(l) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const ll = label(byId.get(id)!);
      if (seen.has(ll)) continue;
      seen.add(ll);
      incl.set(ll, (incl.get(ll) ?? 0) + dt);
      if (inLong) inclLong.set(ll, (inclLong.get(ll) ?? 0) + dt);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([l, v]) => `  ${(v / 1000).toFixed(0).padStart(6)} ms  ${l}`)
      .join('\n');
  const total = (profile.endTime - profile.startTime) / 1000;
  console.log(`\nprofile: ${total.toFixed(0)} ms`);
  console.log(`\nself time, overall:\n${top(self, 30)}`);
  console.log(`\ninclusive time, overall:\n${top(incl, 60)}`);
  console.log(`\nself time inside long tasks:\n${top(selfLong, 25)}`);
  console.log(`\ninclusive time inside long tasks:\n${top(inclLong, 50)}`);
} finally {
  await close();
}
