/**
 * The headless CLI: runs the same core as the console, in Node.
 *
 *   npm run sim -- <scenario.json | preset-name | link> [--until <duration>] [--seed N] [--json]
 *   npm run sim -- --list
 *
 * With --json it prints one JSON document: `results` (byte-identical for the same scenario and
 * seed, in Node and in the browser) and `run` (wall-clock figures, which of course vary).
 * Bad input: one line on stderr naming the problem, exit code 2.
 */
import { createSimulation, durationSeconds, formatDuration, PRESETS, type SimulationResults } from '../core/index';
import { CliError, loadScenario } from './load';
import { processIo, runIfMain, tableRows } from './io';
import { applyAndRerun, invoiceCsv, recordsCsv, type BillingSummary, type RerunComparison, type ScenarioInput, type SlaStatus } from '../core/index';
import { runCompare } from './compare';
import { auditText } from './audit';
import { serverlessText } from './serverless-text';

const USAGE =
  'usage: npm run sim -- <scenario.json | preset-name | link> [--until <duration>] [--seed N] [--json] [--log] [--decisions [all]] [--explain <instance>] [--bill [csv|records]] [--bill --apply <all | kind | id,…>] [--compare <JSON merge patch for variant B>] [--audit]   |   npm run sim -- --list';

interface Args {
  source?: string;
  until?: number;
  seed?: number;
  json: boolean;
  list: boolean;
  help: boolean;
  log: boolean;
  /** Print the autoscalers' decision log: changes only, or every sync with 'all'. */
  decisions: 'changes' | 'all' | null;
  explain?: string;
  /** Print the bill: the invoices as text, as CSV, or every metered record as CSV. */
  bill: 'text' | 'csv' | 'records' | null;
  /** A/B compare: the JSON merge patch that makes variant B from the scenario. */
  compare?: string;
  /** Apply these recommendations (all, kinds or ids, comma-separated) and re-run on the same seed. */
  apply?: string;
  /** Print the audit trail of identity and access (every authorization, allowed or denied). */
  audit: boolean;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, list: false, help: false, log: false, decisions: null, bill: null, audit: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new CliError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--list') args.list = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--log') args.log = true;
    else if (a === '--audit') args.audit = true;
    else if (a === '--decisions') {
      if (argv[i + 1] === 'all') {
        args.decisions = 'all';
        i++;
      } else args.decisions = 'changes';
    }
    else if (a === '--explain') args.explain = value();
    else if (a === '--compare') args.compare = value();
    else if (a === '--apply') args.apply = value();
    else if (a === '--bill') {
      const next = argv[i + 1];
      if (next === 'csv' || next === 'records') {
        args.bill = next;
        i++;
      } else args.bill = 'text';
    }
    else if (a === '--until') {
      const v = value();
      const t = durationSeconds(v);
      if (!(t >= 0)) throw new CliError(`--until: "${v}" is not a duration (e.g. 90s, 10m, 1h)`);
      args.until = t;
    } else if (a === '--seed') {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 4294967295) throw new CliError(`--seed: "${v}" must be a whole number from 0 to 4294967295`);
      args.seed = n;
    } else if (a.startsWith('--')) throw new CliError(`unknown option ${a}`);
    else if (args.source === undefined) args.source = a;
    else throw new CliError(`unexpected argument "${a}" (one scenario at a time)`);
  }
  return args;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (s: number | null) => (s === null ? '—' : `${(s * 1000).toFixed(1)}`);

function table(rows: string[][]): string {
  return tableRows(rows).join('\n');
}

export function summary(r: SimulationResults, wallMs: number): string {
  const lines: string[] = [];
  lines.push(`${r.scenario} · seed ${r.seed}`);
  const eps = r.eventsProcessed / (wallMs / 1000);
  lines.push(
    `simulated ${formatDuration(r.simulatedTime)} of ${formatDuration(r.duration)}${r.warmup > 0 ? ` (first ${formatDuration(r.warmup)} is warm-up, left out)` : ''} in ${(wallMs / 1000).toFixed(2)} s wall · ${fmtInt(r.eventsProcessed)} events (${fmtInt(eps)} events/s)`,
  );
  if (r.services.length > 0) lines.push(
    `requests: ${fmtInt(r.requests.arrivals)} arrived, ${fmtInt(r.requests.completed)} completed, ${fmtInt(r.requests.dropped)} dropped, ${fmtInt(r.requests.timedOut)} timed out`,
  );
  lines.push('');
  const rows = [['service', 'replicas', 'arrived', 'completed', 'dropped', 'timed out', 'util %', 'mean ms', '±95% ms', 'p50 ms', 'p95 ms', 'p99 ms']];
  for (const s of r.services) {
    const ci = s.latency.ci95 && s.latency.mean !== null ? ((s.latency.ci95.high - s.latency.ci95.low) / 2) * 1000 : null;
    rows.push([
      s.id,
      String(s.replicas),
      fmtInt(s.arrivals),
      fmtInt(s.completed),
      fmtInt(s.dropped),
      fmtInt(s.timedOut),
      (s.utilization * 100).toFixed(1),
      ms(s.latency.mean),
      ci === null ? '—' : ci.toFixed(2),
      ms(s.latency.p50),
      ms(s.latency.p95),
      ms(s.latency.p99),
    ]);
  }
  if (r.services.length > 0) lines.push(table(rows));
  const scaled = r.services.filter((s) => s.scaling);
  if (scaled.length > 0) {
    lines.push('');
    const sRows = [['autoscaler', 'policy', 'metric', 'target', 'min', 'max', 'final', 'low', 'peak', 'changes', 'replica-h']];
    for (const s of scaled) {
      const a = s.scaling!;
      sRows.push([s.id, a.policy, a.metric ?? '—', a.target === null ? '—' : String(a.target), String(a.minReplicas), String(a.maxReplicas), String(a.final), String(a.low), String(a.peak), `${a.changes}/${a.decisions}`, a.replicaHours.toFixed(2)]);
    }
    lines.push(table(sRows));
    const changes = (r.scaling?.decisions ?? []).filter((d) => d.replicas !== d.current);
    if (changes.length > 0) {
      lines.push(`last scaling decisions (of ${changes.length} changes; --decisions shows them all):`);
      for (const d of changes.slice(-5)) lines.push(`  ${decisionLine(d)}`);
    }
  }
  for (const s of r.services) {
    const slo = s.slo;
    if (slo && slo.windows.total > 0) lines.push(`objectives ${s.id}: ${slo.windows.breached} of ${slo.windows.total} windows breached`);
  }
  const c = r.compute;
  if (c) {
    lines.push('');
    lines.push(
      `compute: ${c.hosts} hosts (${c.hostsUp} up, ${c.poweredOn} powered on); instances ${Object.entries(c.instances)
        .filter(([, n]) => n > 0)
        .map(([st, n]) => `${n} ${st}`)
        .join(', ')}; scheduling latency p95 ${c.schedulingLatency.p95 === null ? '—' : formatDuration(c.schedulingLatency.p95)}${c.fragmentation ? `; fragmentation ${(c.fragmentation.value * 100).toFixed(1)} %` : ''}`,
    );
    const poolRows = [['pool', 'hosts', 'up', 'on', 'instances', 'cpu alloc', 'mem alloc']];
    for (const [id, p] of Object.entries(c.pools)) {
      poolRows.push([id, String(p.hosts), String(p.up), String(p.poweredOn), String(p.instances), `${((100 * p.cpu.allocated) / Math.max(1e-9, p.cpu.capacity)).toFixed(1)} %`, `${((100 * p.memory.allocated) / Math.max(1e-9, p.memory.capacity)).toFixed(1)} %`]);
    }
    lines.push(table(poolRows));
    const ca = c.clusterAutoscaler;
    if (ca) {
      lines.push(
        `cluster autoscaler (${ca.expander}): ${ca.scaleUps} scale-ups adding ${ca.hostsAdded} hosts, ${ca.scaleDowns} scale-downs removing ${ca.hostsRemoved}${ca.provisioning > 0 ? `; ${ca.provisioning} booting` : ''}${ca.removing > 0 ? `; ${ca.removing} being emptied` : ''} (--log shows each decision)`,
      );
    }
    for (const u of c.unschedulable.slice(0, 5)) lines.push(`unschedulable ${u.instance}: ${u.reason}`);
    if (c.violations.length > 0) {
      lines.push(`INVARIANT VIOLATIONS: ${c.violations.length}`);
      for (const v of c.violations.slice(0, 10)) lines.push(`  ${formatDuration(v.t)} ${v.rule}: ${v.detail}`);
    } else lines.push('allocation invariants: held throughout (capacity × overcommit, no instance on a failed host, isolation, anti-affinity)');
  }
  const tn = r.tenancy;
  if (tn) {
    lines.push('');
    lines.push(`tenants: ${tn.refused} creates refused by quotas; Jain's index over dominant share / weight: mean ${tn.jain.mean.toFixed(3)}, lowest ${tn.jain.min.toFixed(3)} (${tn.samples} samples)`);
    const tRows = [['tenant', 'weight', 'vcpu', 'mem GiB', 'instances', 'refused', 'dominant mean', 'peak', 'last']];
    for (const t of tn.tenants) {
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      tRows.push([t.id, String(t.weight), String(t.usage.vcpu), String(t.usage.memoryGiB), String(t.usage.instances), String(t.refused), pct(t.dominantShare.mean), pct(t.dominantShare.peak), pct(t.dominantShare.last)]);
    }
    lines.push(table(tRows));
    if (tn.violations.length > 0) lines.push(`QUOTA VIOLATIONS: ${tn.violations.join('; ')}`);
  }
  if (r.serverless) {
    lines.push('');
    lines.push(serverlessText(r.serverless));
  }
  return lines.join('\n');
}

/** One decision of the log, on one line. */
export function decisionLine(d: NonNullable<SimulationResults['scaling']>['decisions'][number]): string {
  const move = d.replicas === d.current ? `stay ${d.current}` : `${d.current} → ${d.replicas}`;
  return `${formatDuration(d.time).padStart(9)}  ${d.service.padEnd(12)} ${d.policy.padEnd(15)} ${move.padEnd(9)} ${d.capped ? `[${d.capped}] ` : ''}${d.reason}`;
}

const usd = (x: number) => `$${x.toFixed(2)}`;

/** The bill as text: totals per tenant, each invoice's line items, budgets, spot, recommendations. */
export function billText(b: BillingSummary): string {
  const lines: string[] = [];
  lines.push(`bill for 0 to ${formatDuration(b.to)}: ${usd(b.total)} (${b.records} metered records); idle ${usd(b.idle.total)}, split ${b.idle.split}`);
  lines.push(
    `by pricing: ${Object.entries(b.byPricing)
      .map(([k, v]) => `${k} ${usd(v)}`)
      .join(', ')}`,
  );
  lines.push('');
  const rows = [['tenant', 'own', 'idle share', 'total']];
  for (const t of b.tenants) rows.push([t.tenant, usd(t.direct), usd(t.idleShare), usd(t.total)]);
  rows.push(['all', usd(b.total - b.idle.total), usd(b.idle.total), usd(b.total)]);
  lines.push(table(rows));
  for (const t of b.tenants) {
    lines.push('');
    lines.push(`invoice · ${t.tenant}`);
    const li = [['group', 'category', 'resource', 'pricing', 'quantity', 'cost']];
    for (const x of t.lineItems) li.push([x.group, x.category, x.resource, x.pricing, `${x.quantity.toFixed(x.unit === 'hours' ? 2 : x.unit === 'requests' ? 0 : 4)} ${x.unit}`, usd(x.cost)]);
    if (t.idleShare !== 0) li.push(['', 'idle share', `split ${b.idle.split}`, '', '', usd(t.idleShare)]);
    li.push(['total', '', '', '', '', usd(t.total)]);
    lines.push(table(li));
  }
  if (b.reservations.length > 0) {
    lines.push('');
    const rr = [['reserved', 'count', 'term', 'upfront', '$/h', 'used', 'cost', 'saving']];
    for (const r of b.reservations) rr.push([`${r.type} · ${r.region}`, String(r.count), r.term, r.upfront, r.hourly.toFixed(4), `${(r.utilization * 100).toFixed(1)} %`, usd(r.cost), usd(r.saving)]);
    lines.push(table(rr));
  }
  if (b.budgets.length > 0) {
    lines.push('');
    for (const x of b.budgets) lines.push(`budget ${x.tenant}: ${usd(x.spent)} spent of ${usd(x.monthly)} a month; forecast ${usd(x.forecast)} for the month`);
    for (const a of b.alerts) lines.push(`  ${formatDuration(a.t).padStart(9)}  ALERT (${a.kind}) ${a.message}`);
  }
  if (b.spot.instances > 0) {
    lines.push('');
    lines.push(`spot: ${b.spot.instances} instances, ${b.spot.notices} interruption notices, ${b.spot.interrupted} interrupted`);
    for (const n of b.spot.recent.slice(-5)) lines.push(`  ${formatDuration(n.t).padStart(9)}  ${n.instance}: ${n.reason}; terminated at ${formatDuration(n.terminateAt)}`);
  }
  lines.push('');
  if (b.recommendations.length === 0) lines.push('recommendations: none');
  else {
    lines.push('recommendations (estimated savings):');
    for (const r of b.recommendations) lines.push(`  [${r.kind}] ${r.summary} — saves ${usd(r.runSaving)} over the run, ${usd(r.monthlySaving)} a month`);
  }
  return lines.join('\n');
}

function slaText(s: SlaStatus): string {
  if (s.services.length === 0) return 'no objectives';
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(3)} %`);
  const met = (m: boolean | null) => (m === null ? '' : m ? ' met' : ' MISSED');
  const parts = s.services.map((x) => `${x.id}: availability ${pct(x.availability)}${met(x.availabilityMet)}${x.latencyMet === null ? '' : `, latency${met(x.latencyMet)} (${pct(x.slowFraction)} slow)`}, p99 ${ms(x.p99)} ms`);
  return `${s.held ? 'held' : 'BROKEN'} (${parts.join('; ')})`;
}

/** The comparison of an apply-and-re-run as text. */
export function rerunText(c: RerunComparison): string {
  const lines = [`apply and re-run on seed ${c.seed}, both runs to the end (${formatDuration(c.simulatedTime)}):`];
  for (const a of c.applied) lines.push(`  applied [${a.id}] ${a.summary} — estimated ${usd(a.runSaving)}`);
  for (const k of c.skipped) lines.push(`  skipped ${k.id}: ${k.reason}`);
  lines.push(`bill before ${usd(c.before)}, after ${usd(c.after)}`);
  const dev = c.deviation === null ? '' : `; real − estimated = ${usd(c.realSaving - c.estimatedSaving)} (${(c.deviation * 100).toFixed(2)} % of the estimate)`;
  lines.push(`saving over the run: estimated ${usd(c.estimatedSaving)}, real ${usd(c.realSaving)}${dev}`);
  lines.push(`saving per month: estimated ${usd(c.estimatedMonthly)}, real ${usd(c.realMonthly)}`);
  lines.push(`SLA before: ${slaText(c.slaBefore)}`);
  lines.push(`SLA after:  ${slaText(c.slaAfter)}`);
  return lines.join('\n');
}

type Explained = ReturnType<NonNullable<ReturnType<typeof createSimulation>['compute']>['explain']>;

export function explainText(ex: Explained): string {
  const lines = [`${ex.instance}: ${ex.state}${ex.host ? ` on ${ex.host}` : ''}`];
  const x = ex.explanation;
  if (x) {
    lines.push(`last placement at ${formatDuration(x.time)}: ${x.summary}`);
    lines.push(`  ${x.examined} of ${x.totalHosts} hosts examined, ${x.feasible} feasible`);
    for (const f of x.filters) {
      if (f.removed > 0) lines.push(`  filter ${f.name}: removed ${f.removed} (${Object.entries(f.reasons).map(([r, n]) => `${n} ${r}`).join(', ')})`);
    }
    for (const s of x.scores) {
      const parts = Object.entries(s.plugins)
        .filter(([p]) => !p.endsWith('.raw'))
        .map(([p, v]) => {
          const raw = s.plugins[`${p}.raw`];
          return raw === undefined || raw === v ? `${p} ${v.toFixed(1)}` : `${p} ${v.toFixed(1)} (raw ${raw.toFixed(1)})`;
        });
      lines.push(`  score ${s.host.padEnd(14)} ${s.total.toFixed(1).padStart(6)}  ${parts.join(', ')}`);
    }
    if (x.preempted.length) lines.push(`  preempted instances: ${x.preempted.join(', ')}`);
  }
  lines.push('history:');
  for (const e of ex.history) lines.push(`  ${formatDuration(e.t).padStart(9)}  ${e.from && e.to ? `${e.from} → ${e.to}: ` : ''}${e.reason}`);
  return lines.join('\n');
}

export function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`cumulo sim: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.list) {
    const names = Object.keys(PRESETS);
    const w = Math.max(...names.map((n) => n.length));
    for (const n of names) process.stdout.write(`${n.padEnd(w)}  ${PRESETS[n]!.title}\n`);
    return 0;
  }
  if (args.source === undefined) {
    process.stderr.write(`cumulo sim: no scenario given\n${USAGE}\n`);
    return 2;
  }
  let loaded;
  try {
    loaded = loadScenario(args.source);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`cumulo sim: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.compare !== undefined) {
    try {
      return runCompare(loaded.scenario, args.compare, { ...(args.until !== undefined ? { until: args.until } : {}), ...(args.seed !== undefined ? { seed: args.seed } : {}), json: args.json }, processIo);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      process.stderr.write(`cumulo sim: ${e.message}\n`);
      return 2;
    }
  }
  const sim = createSimulation(loaded.scenario, args.seed === undefined ? {} : { seed: args.seed });
  const t0 = performance.now();
  sim.runUntil(args.until ?? sim.endTime);
  const wallMs = performance.now() - t0;
  const results = sim.results();
  if (args.explain !== undefined) {
    if (!sim.compute) {
      process.stderr.write('cumulo sim: --explain: this scenario has no host pools, so no instances to explain\n');
      return 2;
    }
    let ex;
    try {
      ex = sim.compute.explain(args.explain);
    } catch (e) {
      process.stderr.write(`cumulo sim: --explain: ${(e as Error).message}\n`);
      return 2;
    }
    if (args.json) process.stdout.write(`${JSON.stringify(ex, null, 2)}\n`);
    else process.stdout.write(`${explainText(ex)}\n`);
    return 0;
  }
  if (args.log) {
    if (!sim.compute) {
      process.stderr.write('cumulo sim: --log: this scenario has no host pools, so no compute event log\n');
      return 2;
    }
    // The core keeps the newest entries: say first how many earlier ones it dropped.
    if (sim.compute.logDropped > 0) process.stdout.write(`(${sim.compute.logDropped} earlier entries dropped: the log keeps at most the newest ${sim.compute.logLimit}, dropping the oldest eighth at a time)\n`);
    for (const e of sim.compute.log) {
      process.stdout.write(`${formatDuration(e.t).padStart(9)}  ${e.kind.padEnd(9)} ${e.subject.padEnd(22)} ${e.from && e.to ? `${e.from} → ${e.to}: ` : ''}${e.reason}\n`);
    }
    return 0;
  }
  if (args.decisions !== null) {
    const log = results.scaling;
    if (!log) {
      process.stderr.write('cumulo sim: --decisions: no service in this scenario has an autoscaler\n');
      return 2;
    }
    const shown = args.decisions === 'all' ? log.decisions : log.decisions.filter((d) => d.replicas !== d.current);
    if (args.json) process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    else for (const d of shown) process.stdout.write(`${decisionLine(d)}\n`);
    if (log.dropped > 0) process.stdout.write(`(${log.dropped} further decisions not kept)\n`);
    return 0;
  }
  if (args.apply !== undefined) {
    if (!results.billing) {
      process.stderr.write('cumulo sim: --apply: this scenario has no host pools (or turns billing off), so there is nothing to save\n');
      return 2;
    }
    if (args.until !== undefined && args.until < sim.endTime) {
      process.stderr.write('cumulo sim: --apply: both runs go to the end of the scenario; leave out --until\n');
      return 2;
    }
    const c = applyAndRerun(loaded.scenario as unknown as ScenarioInput, args.apply, { baseline: results });
    if (!c.ok) {
      process.stderr.write(`cumulo sim: --apply: ${c.error}\n`);
      return 2;
    }
    const { baseline: _baseline, ...comparison } = c;
    if (args.json) process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
    else process.stdout.write(`${rerunText(c)}\n`);
    return 0;
  }
  if (args.bill !== null) {
    if (!sim.billing || !results.billing) {
      process.stderr.write('cumulo sim: --bill: this scenario has no host pools (or turns billing off), so nothing is metered\n');
      return 2;
    }
    if (args.bill === 'csv') process.stdout.write(invoiceCsv(results.billing));
    else if (args.bill === 'records') {
      const services = results.services;
      const workloads = results.workloads;
      process.stdout.write(recordsCsv(sim.billing.bill({ warmup: results.warmup, services, workloads, series: sim.live().series }).records));
    } else if (args.json) process.stdout.write(`${JSON.stringify(results.billing, null, 2)}\n`);
    else process.stdout.write(`${billText(results.billing)}\n`);
    return 0;
  }
  if (args.audit) {
    if (!results.iam) {
      process.stderr.write('cumulo sim: --audit: this scenario has no principals or scripted actions, so nothing was authorized\n');
      return 2;
    }
    if (args.json) process.stdout.write(`${JSON.stringify(results.iam, null, 2)}\n`);
    else process.stdout.write(`${auditText(results.iam)}\n`);
    return 0;
  }
  if (args.json) {
    const run = {
      wallMs,
      eventsPerSecond: results.eventsProcessed / (wallMs / 1000),
      simulatedSecondsPerWallSecond: results.simulatedTime / (wallMs / 1000),
      node: process.version,
      source: loaded.source,
    };
    process.stdout.write(`${JSON.stringify({ results, run }, null, 2)}\n`);
  } else {
    process.stdout.write(`${summary(results, wallMs)}\n`);
  }
  return 0;
}

runIfMain('sim', main);
