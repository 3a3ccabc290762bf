/**
 * Apply and re-run: a recommendation's estimated saving checked against the real one. The
 * baseline scenario and the patched one (applyRecommendation) both run to the end on the same
 * seed; the comparison gives the estimated and the real saving over the run and each service's
 * objectives (SLO) before and after.
 *
 * Several recommendations at once: a commitment is only worth what matches the usage it covers,
 * so commitments are decided last. First every other selected change (rightsizing, spot, scale to
 * zero) is applied; if there were any, that scenario runs and the reserve recommendations are taken
 * again from its run (the steady baseline of the new instance types); then those are applied. The
 * estimate is the sum of the estimates of what was applied, each from the run it was computed on.
 *
 * Not exported by the billing index (it runs simulations, which use billing): from the core index.
 */
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario, issueLine } from '../scenario/validate';
import { createSimulation, type SimulationResults } from '../sim/simulation';
import { applyRecommendation, type Recommendation } from './recommend';

/** How a run met each service's objectives. */
export interface SlaStatus {
  /** Every objective of every service met over the run (true when there are none). */
  held: boolean;
  services: Array<{
    id: string;
    availability: number | null;
    availabilityMet: boolean | null;
    /** Successful requests slower than the latency objective, as a fraction. */
    slowFraction: number | null;
    latencyMet: boolean | null;
    windowsBreached: number;
    p99: number | null;
  }>;
}

export interface RerunApplied {
  id: string;
  kind: Recommendation['kind'];
  target: string;
  summary: string;
  /** What `summary` says, as data (see RecommendationDetail). */
  detail: Recommendation['detail'];
  runSaving: number;
}

/**
 * Why a selected recommendation was not applied, as data beside the English `reason`: not among
 * the run's recommendations; its commitment replaced by one for the rightsized type (`by`, `to`);
 * or nothing of its type runs steadily after the other changes.
 */
export type RerunSkip = { id: string; reason: string } & ({ code: 'unknown' } | { code: 'replaced'; by: string; to: string } | { code: 'no-baseline' });

export interface RerunComparison {
  ok: true;
  seed: number;
  /** What was applied, in order, with each estimate. */
  applied: RerunApplied[];
  /** Selected recommendations that were not applied, and why. */
  skipped: RerunSkip[];
  /** Bill over the run before and after. */
  before: number;
  after: number;
  estimatedSaving: number;
  realSaving: number;
  /** realSaving / estimatedSaving − 1 (null when nothing was estimated). */
  deviation: number | null;
  /** The same per month (× 730 h / run length). */
  estimatedMonthly: number;
  realMonthly: number;
  slaBefore: SlaStatus;
  slaAfter: SlaStatus;
  /** The patched scenario, as a document to load. */
  patched: ScenarioInput;
  simulatedTime: number;
  /** The baseline run's results (to reuse for another selection on the same scenario and seed). */
  baseline: SimulationResults;
}

export type RerunResult = RerunComparison | { ok: false; error: string };

/** A recommendation's id: its kind and target ("rightsize:web", "reserve:eu-west/g.large"). */
export function recommendationId(r: Pick<Recommendation, 'kind' | 'target'>): string {
  return `${r.kind}:${r.target}`;
}

/**
 * Which recommendations a selection names: "all", kinds ("rightsize", "reserve"), or ids
 * ("rightsize:web"), comma-separated.
 */
export function selectRecommendations(recs: readonly Recommendation[], selection: string): { picked: Recommendation[]; unknown: string[] } {
  const parts = selection
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const picked = new Set<Recommendation>();
  const unknown: string[] = [];
  for (const p of parts) {
    const hits = p === 'all' ? recs : recs.filter((r) => r.kind === p || recommendationId(r) === p);
    if (hits.length === 0) unknown.push(p);
    for (const h of hits) picked.add(h);
  }
  return { picked: recs.filter((r) => picked.has(r)), unknown };
}

export function slaStatus(results: SimulationResults): SlaStatus {
  const services = results.services
    .filter((s) => s.slo !== undefined)
    .map((s) => {
      const o = s.slo!.overall;
      return {
        id: s.id,
        availability: o.availability,
        availabilityMet: o.availabilityMet,
        slowFraction: o.slowFraction,
        latencyMet: o.latencyMet,
        windowsBreached: s.slo!.windows.breached,
        p99: s.latency.p99,
      };
    });
  return { held: services.every((s) => s.availabilityMet !== false && s.latencyMet !== false), services };
}

/** Events a run goes through between two calls of `onProgress`. */
const PROGRESS_CHUNK = 20_000;

function runDoc(doc: ScenarioInput, seed: number | undefined, onProgress?: () => void): { ok: true; results: SimulationResults } | { ok: false; error: string } {
  const parsed = parseScenario(doc);
  if (!parsed.ok) return { ok: false, error: `the scenario is not valid: ${parsed.errors.map(issueLine).join('; ')}` };
  try {
    const sim = createSimulation(parsed.scenario, seed === undefined ? {} : { seed });
    if (!onProgress) return { ok: true, results: sim.runToEnd() };
    // In slices (the same events in the same order), reporting progress between them.
    onProgress();
    while (!sim.finished) {
      const n = sim.runUntil(sim.endTime, PROGRESS_CHUNK);
      onProgress();
      if (n === 0 && !sim.finished) break;
    }
    return { ok: true, results: sim.results() };
  } catch (e) {
    return { ok: false, error: `the run failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export interface RerunOptions {
  /** Overrides the scenario's seed (both runs use it). */
  seed?: number;
  /** The baseline's results on that seed, if already at hand (saves a run). */
  baseline?: SimulationResults;
  /**
   * Called between slices of each run (every few thousand events), e.g. for a worker to tell its
   * page it is busy, not stuck. It cannot change the runs.
   */
  onProgress?: () => void;
}

/**
 * Runs `doc` to the end, applies the selected recommendations of that run (see
 * selectRecommendations), runs the patched scenario on the same seed, and compares. Never throws.
 */
export function applyAndRerun(doc: ScenarioInput, selection: string, options: RerunOptions = {}): RerunResult {
  let before = options.baseline;
  if (!before) {
    const r = runDoc(doc, options.seed, options.onProgress);
    if (!r.ok) return r;
    before = r.results;
  }
  const bill = before.billing;
  if (!bill) return { ok: false, error: 'this scenario has no bill (no host pools, or billing is off), so there is nothing to save' };
  const seed = before.seed;
  const { picked, unknown } = selectRecommendations(bill.recommendations, selection);
  if (picked.length === 0) {
    const ids = bill.recommendations.map(recommendationId);
    return {
      ok: false,
      error: `no recommendation matches "${selection}" at the end of this run (${ids.length > 0 ? `there are: ${ids.join(', ')}` : 'it has none'})`,
    };
  }
  const applied: RerunApplied[] = [];
  const skipped: RerunSkip[] = unknown.map((id) => ({ id, reason: 'no such recommendation at the end of the run', code: 'unknown' as const }));
  const note = (r: Recommendation) => applied.push({ id: recommendationId(r), kind: r.kind, target: r.target, summary: r.summary, detail: r.detail, runSaving: r.runSaving });

  let patched = doc;
  const first = picked.filter((r) => r.kind !== 'reserve');
  let reserves = picked.filter((r) => r.kind === 'reserve');
  for (const r of first) {
    patched = applyRecommendation(patched, r);
    note(r);
  }
  if (reserves.length > 0 && first.length > 0) {
    // The commitments follow the new baseline: take them from the run of the changed scenario.
    const mid = runDoc(patched, seed, options.onProgress);
    if (!mid.ok) return mid;
    // A selected commitment for region/type stands for that type and for what it was rightsized to.
    const moved = new Map<string, string>();
    for (const r of first) {
      if (r.change.kind !== 'rightsize') continue;
      const from = doc.services?.find((x) => x.id === r.target)?.instanceType;
      if (from !== undefined) moved.set(from, r.change.instanceType);
    }
    const wanted = new Set<string>();
    for (const r of reserves) {
      if (r.change.kind !== 'reserve') continue;
      const { region, type } = r.change.reserved;
      wanted.add(`${region}/${type}`);
      const to = moved.get(type);
      if (to !== undefined) wanted.add(`${region}/${to}`);
    }
    const again = (mid.results.billing?.recommendations ?? []).filter((r) => r.kind === 'reserve' && wanted.has(r.target));
    for (const r of reserves) {
      if (r.change.kind !== 'reserve' || again.some((x) => x.target === r.target)) continue;
      const { region, type } = r.change.reserved;
      const to = moved.get(type);
      const instead = to === undefined ? undefined : again.find((x) => x.target === `${region}/${to}`);
      const id = recommendationId(r);
      skipped.push(
        instead
          ? { id, reason: `replaced by ${recommendationId(instead)}: the type was rightsized to ${to!}`, code: 'replaced', by: recommendationId(instead), to: to! }
          : { id, reason: 'after the other changes nothing of this type runs steadily any more', code: 'no-baseline' },
      );
    }
    reserves = again;
  }
  for (const r of reserves) {
    patched = applyRecommendation(patched, r);
    note(r);
  }
  const after = runDoc(patched, seed, options.onProgress);
  if (!after.ok) return after;
  const afterBill = after.results.billing!;
  const estimatedSaving = applied.reduce((a, r) => a + r.runSaving, 0);
  const realSaving = bill.total - afterBill.total;
  const perMonth = before.simulatedTime > 0 ? (730 * 3600) / before.simulatedTime : 0;
  return {
    ok: true,
    seed,
    applied,
    skipped,
    before: bill.total,
    after: afterBill.total,
    estimatedSaving,
    realSaving,
    deviation: estimatedSaving > 0 ? realSaving / estimatedSaving - 1 : null,
    estimatedMonthly: estimatedSaving * perMonth,
    realMonthly: realSaving * perMonth,
    slaBefore: slaStatus(before),
    slaAfter: slaStatus(after.results),
    patched,
    simulatedTime: before.simulatedTime,
    baseline: before,
  };
}
