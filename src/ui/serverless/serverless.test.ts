import { describe, expect, it } from 'vitest';
import type { KeepAliveRow, ServerlessInfo } from '../../workers/serverless-types';
import { serverlessGraph, triggerDepths } from './graph';
import { compareVerdict, formatChange, formatGbSeconds, formatUsdSmall, keepAliveLabel, total } from './serverlessPoints';

const row = (policy: KeepAliveRow['policy'], coldStarts: number, idleGbSeconds: number): KeepAliveRow => ({
  policy,
  invocations: 1000,
  coldStarts,
  coldStartRatio: coldStarts / 1000,
  initShare: 0,
  idleGbSeconds,
  p95: null,
  costUsd: 1,
  wallMs: 0,
});

describe('keep-alive comparison figures', () => {
  it('names the policy with the fewest cold starts and the least idle memory, and hybrid against fixed 10 min', () => {
    const v = compareVerdict([row('fixed-10m', 100, 50), row('fixed-20m', 60, 80), row('hybrid', 55, 45)]);
    expect(v.fewestCold).toBe('hybrid');
    expect(v.leastIdle).toBe('hybrid');
    expect(v.hybridVsFixed?.cold).toBeCloseTo(-0.45);
    expect(v.hybridVsFixed?.idle).toBeCloseTo(-0.1);
    expect(formatChange(-0.45)).toBe('−45 %');
    expect(formatChange(0.031)).toBe('+3 %');
    expect(formatChange(0)).toBe('±0 %');
    expect(formatChange(null)).toBe('—');
  });

  it('formats small bills, GB-seconds and policy names', () => {
    expect(formatUsdSmall(0.0042)).toBe('$0.0042');
    expect(formatUsdSmall(12.345)).toBe('$12.35');
    expect(formatGbSeconds(14555.4)).toBe('14.6k GB·s');
    expect(formatGbSeconds(12.34)).toBe('12.3 GB·s');
    expect(keepAliveLabel('fixed-20m')).toBe('fixed 20 min');
    expect(keepAliveLabel('fixed-90s')).toBe('fixed 90s');
    expect(total(Float64Array.of(1, Number.NaN, 2))).toBe(3);
  });
});

describe('serverless graph layout', () => {
  const info: ServerlessInfo = {
    nodes: [
      { key: 'clients:c', kind: 'clients', id: 'c', detail: '' },
      { key: 'gateway:g', kind: 'gateway', id: 'g', detail: '' },
      { key: 'function:f', kind: 'function', id: 'f', detail: '' },
      { key: 'topic:t', kind: 'topic', id: 't', detail: '' },
      { key: 'queue:q', kind: 'queue', id: 'q', detail: '' },
      { key: 'queue:dlq', kind: 'queue', id: 'dlq', detail: '' },
      { key: 'function:w', kind: 'function', id: 'w', detail: '' },
    ],
    edges: [
      { id: '1', kind: 'workload', from: 'clients:c', to: 'gateway:g', label: '/x' },
      { id: '2', kind: 'http', from: 'gateway:g', to: 'function:f', label: '/x' },
      { id: '3', kind: 'publish', from: 'function:f', to: 'topic:t', label: 'publish' },
      { id: '4', kind: 'subscription', from: 'topic:t', to: 'queue:q', label: 'all' },
      { id: '5', kind: 'queue', from: 'queue:q', to: 'function:w', label: 'batch 10' },
      { id: '6', kind: 'dead-letter', from: 'queue:q', to: 'queue:dlq', label: 'after 3' },
      { id: '7', kind: 'invoke', from: 'function:w', to: 'function:f', label: 'loop' },
    ],
    keepAlive: 'fixed-10m',
    missingTrace: null,
    metricsInterval: 1,
  };

  it('puts each box one column right of its deepest trigger (cycles cut, dead-letter queues beside their queue)', () => {
    const d = triggerDepths(info);
    expect(Object.fromEntries(d)).toMatchObject({ 'clients:c': 0, 'gateway:g': 1, 'queue:dlq': d.get('queue:q')! + 1 });
    expect(d.get('topic:t')!).toBeGreaterThan(d.get('function:f')!);
    expect(d.get('function:w')!).toBeGreaterThan(d.get('queue:q')!);
  });

  it('places the band below the services and keeps one edge per trigger', () => {
    const g = serverlessGraph(info, 500);
    expect(g.nodes).toHaveLength(7);
    expect(Math.min(...g.nodes.map((n) => n.position.y))).toBeGreaterThanOrEqual(500);
    expect(g.edges.map((e) => `${e.source}>${e.target}`)).toContain('sls:queue:q>sls:queue:dlq');
    const xs = new Map(g.nodes.map((n) => [n.id, n.position.x]));
    expect(xs.get('sls:gateway:g')!).toBeGreaterThan(xs.get('sls:clients:c')!);
  });
});
