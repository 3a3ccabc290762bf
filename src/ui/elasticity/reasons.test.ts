/**
 * The console words decision reasons from their data; in English that wording must be the core's own
 * sentence (the one the CLI prints), word for word. Checked over whole runs of every policy and over
 * random inputs to the HPA's two stages, so data missing from `why` shows up as a difference here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-imports -- the test runs the core to compare its sentences with the console's wording */
import { computeDesiredReplicas, HpaBehavior, type PodMetric } from '../../core/elasticity';
import { parseScenario } from '../../core/scenario/validate';
import type { AutoscalerSpec, ScenarioInput } from '../../core/scenario/schema';
import { createSimulation } from '../../core/sim/simulation';
/* eslint-enable no-restricted-imports */
import { translator } from '../i18n/messages';
import { reasonMessages } from './reasons.messages';
import { behaviorText, cappedText, decisionReason, proposalText } from './reasons';

const en = translator(reasonMessages, 'en');
const zh = translator(reasonMessages, 'zh');

type AutoscalerInput = NonNullable<NonNullable<ScenarioInput['services']>[number]['autoscaler']>;

function scenario(autoscaler: AutoscalerInput, duration = '40m'): ScenarioInput {
  return {
    cumulo: 1,
    name: 'reasons',
    duration,
    metricsInterval: 30,
    services: [{ id: 'web', replicas: 2, work: { type: 'exponential', mean: 0.1 }, timeout: '10s', autoscaler }],
    workloads: [
      {
        id: 'users',
        target: 'web',
        arrival: {
          type: 'piecewise',
          interpolation: 'linear',
          period: '40m',
          points: [
            { at: 0, rate: 6 },
            { at: '5m', rate: 6 },
            { at: '7m', rate: 70 },
            { at: '20m', rate: 70 },
            { at: '24m', rate: 4 },
          ],
        },
      },
    ],
  };
}

function decisions(doc: ScenarioInput, change?: { at: number; spec: Partial<AutoscalerSpec> }) {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  const sim = createSimulation(p.scenario, { seed: 7 });
  if (change) {
    sim.runUntil(change.at);
    const spec = { ...p.scenario.services[0]!.autoscaler!, ...change.spec } as AutoscalerSpec;
    expect(sim.setAutoscaler('web', spec)).toEqual({ ok: true });
  }
  return sim.runToEnd().scaling!.decisions;
}

const prov = { type: 'constant' as const, value: 40 };
const RUNS: Record<string, ScenarioInput> = {
  'target tracking on cpu': scenario({ policy: 'target-tracking', metric: 'cpu', target: 0.6, minReplicas: 2, maxReplicas: 12, provisioning: prov }),
  'target tracking on rps, slow scale-up': scenario({
    policy: 'target-tracking',
    metric: 'rps',
    target: 8,
    minReplicas: 1,
    maxReplicas: 6,
    provisioning: prov,
    scaleUp: { stabilizationWindow: 60, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 1, period: 30 }, { type: 'Percent', value: 50, period: 60 }] },
    scaleDown: { stabilizationWindow: 120, policies: [{ type: 'Pods', value: 1, period: 60 }] },
  }),
  'target tracking on concurrency': scenario({ policy: 'target-tracking', metric: 'concurrency', target: 0.5, minReplicas: 2, maxReplicas: 10, provisioning: prov }),
  'target tracking on queue': scenario({ policy: 'target-tracking', metric: 'queue', target: 0.2, minReplicas: 2, maxReplicas: 10, provisioning: prov, scaleDown: { selectPolicy: 'Disabled' } }),
  'target tracking on p95 latency': scenario({ policy: 'target-tracking', metric: 'p95-latency', target: 0.25, minReplicas: 2, maxReplicas: 10, provisioning: prov }),
  'step scaling': scenario({
    policy: 'step',
    metric: 'cpu',
    minReplicas: 2,
    maxReplicas: 9,
    cooldown: 120,
    provisioning: prov,
    rules: [
      { name: 'out', operator: '>', threshold: 0.8, for: 60, change: 3 },
      { operator: '>=', threshold: 0.95, for: 30, changePercent: 100 },
      { name: 'in', operator: '<', threshold: 0.3, for: 120, change: -1 },
      { name: 'floor', operator: '<=', threshold: 0.05, for: 600, setTo: 2 },
    ],
  }),
  scheduled: scenario({
    policy: 'scheduled',
    minReplicas: 1,
    maxReplicas: 8,
    provisioning: prov,
    schedule: [
      { name: 'busy', cron: '6 0 * * *', replicas: 9 },
      { name: 'floor', cron: '10 0 * * *', minReplicas: 3, maxReplicas: 6 },
      { name: 'quiet', cron: '25 0 * * *', replicas: 1 },
    ],
  }),
  predictive: scenario({ policy: 'predictive', metric: 'rps', target: 8, minReplicas: 2, maxReplicas: 12, provisioning: prov, forecast: { season: '10m', bucket: '1m' } }, '80m'),
  'predictive on cpu': scenario({ policy: 'predictive', metric: 'cpu', target: 0.6, minReplicas: 2, maxReplicas: 12, provisioning: prov, forecast: { season: '10m', bucket: '1m', model: 'holt-winters' } }, '80m'),
};

describe('decision reasons worded by the console', () => {
  for (const [name, doc] of Object.entries(RUNS)) {
    it(`${name}: the English wording is the core's sentence for every decision`, () => {
      const log = decisions(doc);
      expect(log.length).toBeGreaterThan(20);
      for (const d of log) {
        expect(d.why).toBeDefined();
        expect(decisionReason(en, d)).toBe(d.reason);
      }
    });
  }

  it('covers the kinds of reasons the policies give', () => {
    const kinds = new Set<string>();
    const proposals = new Set<string>();
    for (const doc of Object.values(RUNS)) {
      for (const d of decisions(doc)) {
        kinds.add(d.why!.kind);
        if (d.why!.kind === 'target-tracking' || d.why!.kind === 'predictive') proposals.add(d.why!.proposal.kind);
      }
    }
    expect([...kinds].sort()).toEqual(['predictive', 'scheduled', 'step-fired', 'step-idle', 'target-tracking']);
    expect(proposals.has('within')).toBe(true);
    expect(proposals.has('scale-recomputed')).toBe(true);
  });

  it('a policy change mid-run is worded from its data too', () => {
    const log = decisions(RUNS['target tracking on cpu']!, { at: 600, spec: { policy: 'step', rules: [{ operator: '>', threshold: 0.8, for: 60, change: 2 }] } as Partial<AutoscalerSpec> });
    const change = log.find((d) => d.why?.kind === 'policy-changed')!;
    expect(change.reason).toMatch(/^policy changed from target-tracking to step/);
    expect(decisionReason(en, change)).toBe(change.reason);
    expect(decisionReason(zh, change)).toMatch(/^策略从目标跟踪改为步进扩缩容/);
    for (const d of log) expect(decisionReason(en, d)).toBe(d.reason);
  });

  it('the HPA replica calculation: any pods, any target (property)', () => {
    const pod = fc.record({ value: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null }), ready: fc.boolean() }) as fc.Arbitrary<PodMetric>;
    fc.assert(
      fc.property(fc.array(pod, { maxLength: 12 }), fc.double({ min: 0.05, max: 3, noNaN: true }), fc.constantFrom<'resource' | 'pods'>('resource', 'pods'), fc.nat(15), (pods, target, metricType, current) => {
        const p = computeDesiredReplicas({ currentReplicas: current, target, pods, metricType });
        expect(proposalText(en, p.why)).toBe(p.reason);
      }),
      { numRuns: 400 },
    );
  });

  it('the HPA behavior stage: any sequence of wishes, any rate policies (property)', () => {
    const policy = fc.record({ type: fc.constantFrom<'Pods' | 'Percent'>('Pods', 'Percent'), value: fc.integer({ min: 1, max: 200 }), periodSeconds: fc.integer({ min: 1, max: 120 }) });
    const rules = fc.record({
      stabilizationWindowSeconds: fc.integer({ min: 0, max: 120 }),
      selectPolicy: fc.constantFrom<'Max' | 'Min' | 'Disabled'>('Max', 'Min', 'Disabled'),
      policies: fc.array(policy, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(rules, rules, fc.integer({ min: 0, max: 3 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 })), { minLength: 1, maxLength: 20 }), (up, down, min, steps) => {
        const b = new HpaBehavior({ minReplicas: min, maxReplicas: 20, scaleUp: up, scaleDown: down });
        let now = 0;
        for (const [current, desired] of steps) {
          now += 15;
          const d = b.decide(now, current, desired);
          expect(behaviorText(en, d.why)).toBe(d.explanation);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Chinese wording keeps the numbers and says it in Chinese', () => {
    const log = decisions(RUNS['target tracking on cpu']!);
    const up = log.find((d) => d.replicas > d.current)!;
    const text = decisionReason(zh, up);
    expect(text).toMatch(/扩容/);
    expect(text).toContain(`从 ${up.current} 扩容到 ${up.replicas}`);
    expect(text).not.toMatch(/scale up|replicas|keeping/);
    expect(cappedText(zh, 'stabilization')).toBe('稳定窗口');
    expect(cappedText(en, 'scaleUpLimit')).toBe('scaleUpLimit');
  });

  it('an entry without data shows the core sentence as it is', () => {
    expect(decisionReason(zh, { reason: 'from an older run' })).toBe('from an older run');
  });
});
