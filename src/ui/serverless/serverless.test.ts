import { describe, expect, it } from 'vitest';
import type { KeepAliveRow, ServerlessInfo } from '../../workers/serverless-types';
import { serverlessGraph, triggerDepths } from './graph';
import { translator } from '../i18n/messages';
import { serverlessMessages } from './messages';
import { edgeKindName, nodeKeyName, nodeKindName, serverlessText } from './words';
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
    expect(keepAliveLabel('fixed-20m', 'en')).toBe('fixed 20 min');
    expect(keepAliveLabel('fixed-90s', 'en')).toBe('fixed 90s');
    expect(keepAliveLabel('hybrid', 'zh')).toBe('混合直方图');
    expect(keepAliveLabel('fixed-90s', 'zh')).toBe('固定 90s');
    expect(keepAliveLabel('custom', 'zh')).toBe('custom');
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

describe('serverless words from the worker codes', () => {
  const en = translator(serverlessMessages, 'en');
  const zh = translator(serverlessMessages, 'zh');

  it('words box details and trigger labels from their codes, in English as the worker wrote them', () => {
    expect(serverlessText(en, { code: 'clients', arrival: '20/s', n: 1 }, 'x')).toBe('20/s · 1 client');
    expect(serverlessText(en, { code: 'gateway-limited', routes: 2, auth: 'jwt', rate: 50, burst: 100 }, 'x')).toBe('2 routes · auth jwt · 50/s burst 100');
    expect(serverlessText(en, { code: 'after-receives', n: 4 }, 'x')).toBe('after 4 receives');
    expect(serverlessText(en, { code: 'send-p', p: 0.5 }, 'x')).toBe('send p=0.5');
  });

  it('words them in Chinese, keeping ids, units and figures', () => {
    expect(serverlessText(zh, { code: 'queue-fifo', visibility: '30s' }, 'x')).toBe('FIFO · 可见性超时 30s');
    expect(serverlessText(zh, { code: 'batch', n: 5 }, 'x')).toBe('批量 5');
    expect(serverlessText(zh, { code: 'subscriptions', n: 3 }, 'x')).toBe('3 个订阅');
    expect(nodeKeyName(zh, 'function:resize')).toBe('函数 resize');
    expect(edgeKindName(zh, 'dead-letter')).toBe('死信');
  });

  it('falls back to the English text when there is no code (routes, filters, event names)', () => {
    expect(serverlessText(zh, undefined, '/orders')).toBe('/orders');
    expect(nodeKindName(zh, 'unknown-kind')).toBe('unknown-kind');
  });
});
