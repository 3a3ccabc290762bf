/**
 * The serverless part of a scenario as the console draws it: one box per HTTP client group,
 * gateway, function, queue, topic, timer, bucket and table, and one edge per trigger (an HTTP route,
 * a subscription, a queue's consumer, a timer, a bucket's or table's events) or output (a function
 * publishing, sending or invoking; a queue's dead-letter queue). Read from the validated scenario
 * once per load; pure.
 */
import { durationSeconds, formatDuration } from '../core/index';
import type { Scenario } from '../core/index';
import type { ServerlessInfo, ServerlessNodeInfo, ServerlessText, TriggerEdgeInfo } from './serverless-types';

type ServerlessSpec = NonNullable<Scenario['serverless']>;
type Target = { function: string } | { queue: string } | { topic: string };

export const nodeKey = (kind: ServerlessNodeInfo['kind'], id: string): string => `${kind}:${id}`;

function targetKey(t: Target): string {
  if ('function' in t) return nodeKey('function', t.function);
  if ('queue' in t) return nodeKey('queue', t.queue);
  return nodeKey('topic', t.topic);
}

function filterWords(filter: Record<string, string[]> | undefined): ServerlessText | undefined {
  return filter ? undefined : { code: 'all-messages' };
}

function filterText(filter: Record<string, string[]> | undefined): string {
  if (!filter) return 'all messages';
  return Object.entries(filter)
    .map(([k, v]) => `${k}=${v.join('|')}`)
    .join(', ');
}

function arrivalText(a: { type: string; rate?: number }): string {
  return a.type === 'poisson' && typeof a.rate === 'number' ? `${a.rate}/s` : a.type;
}

function span(d: number | string): string {
  const s = durationSeconds(d);
  return Number.isFinite(s) ? formatDuration(s) : String(d);
}

/** The keep-alive policy's name as the console shows it ("fixed-10m", "hybrid"). */
export function keepAliveName(k: ServerlessSpec['keepAlive']): string {
  if (k.type === 'hybrid') return 'hybrid';
  const ttl = durationSeconds(k.ttl);
  return ttl % 60 === 0 ? `fixed-${ttl / 60}m` : `fixed-${ttl}s`;
}

export function serverlessInfoOf(scenario: Scenario, missingTrace: ServerlessInfo['missingTrace'], metricsInterval: number): ServerlessInfo | null {
  const b = scenario.serverless;
  if (!b) return null;
  const nodes: ServerlessNodeInfo[] = [];
  const edges: TriggerEdgeInfo[] = [];
  const edge = (kind: TriggerEdgeInfo['kind'], from: string, to: string, label: string, labelText?: ServerlessText): void => {
    edges.push({ id: `${kind}:${from}>${to}:${edges.length}`, kind, from, to, label, ...(labelText ? { labelText } : {}) });
  };

  for (const h of b.http) {
    nodes.push({
      key: nodeKey('clients', h.id),
      kind: 'clients',
      id: h.id,
      detail: `${arrivalText(h.arrival)} · ${h.clients.length} client${h.clients.length === 1 ? '' : 's'}`,
      detailText: { code: 'clients', arrival: arrivalText(h.arrival), n: h.clients.length },
    });
    edge('workload', nodeKey('clients', h.id), nodeKey('gateway', h.gateway), h.route);
  }
  for (const g of b.gateways) {
    const limit = g.rateLimit ? ` · ${g.rateLimit.rate}/s burst ${g.rateLimit.burst}` : '';
    nodes.push({
      key: nodeKey('gateway', g.id),
      kind: 'gateway',
      id: g.id,
      detail: `${g.routes.length} route${g.routes.length === 1 ? '' : 's'} · auth ${g.auth}${limit}`,
      detailText: g.rateLimit
        ? { code: 'gateway-limited', routes: g.routes.length, auth: g.auth, rate: g.rateLimit.rate, burst: g.rateLimit.burst }
        : { code: 'gateway', routes: g.routes.length, auth: g.auth },
    });
    for (const r of g.routes) edge('http', nodeKey('gateway', g.id), nodeKey('function', r.function), r.path);
  }
  for (const t of b.timers) {
    const when = t.cron !== undefined ? `cron ${t.cron}` : t.every !== undefined ? `every ${span(t.every)}` : 'timer';
    const whenText: ServerlessText = t.cron !== undefined ? { code: 'cron', cron: t.cron } : t.every !== undefined ? { code: 'every', span: span(t.every) } : { code: 'timer' };
    nodes.push({ key: nodeKey('timer', t.id), kind: 'timer', id: t.id, detail: when, detailText: whenText });
    edge('timer', nodeKey('timer', t.id), nodeKey('function', t.function), when, whenText);
  }
  for (const s of b.buckets) {
    nodes.push({
      key: nodeKey('bucket', s.id),
      kind: 'bucket',
      id: s.id,
      detail: s.writes ? `writes ${arrivalText(s.writes)}` : 'written by functions',
      detailText: s.writes ? { code: 'writes', arrival: arrivalText(s.writes) } : { code: 'written-by-functions' },
    });
    for (const n of s.notify) edge('bucket', nodeKey('bucket', s.id), targetKey(n), 'ObjectCreated');
  }
  for (const s of b.tables) {
    nodes.push({
      key: nodeKey('table', s.id),
      kind: 'table',
      id: s.id,
      detail: s.writes ? `writes ${arrivalText(s.writes)}` : 'written by functions',
      detailText: s.writes ? { code: 'writes', arrival: arrivalText(s.writes) } : { code: 'written-by-functions' },
    });
    for (const n of s.notify) edge('table', nodeKey('table', s.id), targetKey(n), 'stream', { code: 'stream' });
  }
  for (const t of b.topics) {
    nodes.push({
      key: nodeKey('topic', t.id),
      kind: 'topic',
      id: t.id,
      detail: `${t.subscriptions.length} subscription${t.subscriptions.length === 1 ? '' : 's'}`,
      detailText: { code: 'subscriptions', n: t.subscriptions.length },
    });
    for (const s of t.subscriptions) edge('subscription', nodeKey('topic', t.id), targetKey(s.to), filterText(s.filter), filterWords(s.filter));
  }
  for (const q of b.queues) {
    nodes.push({
      key: nodeKey('queue', q.id),
      kind: 'queue',
      id: q.id,
      detail: `${q.type === 'fifo' ? 'FIFO' : 'standard'} · visibility ${span(q.visibilityTimeout)}`,
      detailText: { code: q.type === 'fifo' ? 'queue-fifo' : 'queue-standard', visibility: span(q.visibilityTimeout) },
      deadLetter: q.deadLetter !== undefined ? { queue: q.deadLetter, maxReceives: q.maxReceives } : null,
      visibilityTimeout: durationSeconds(q.visibilityTimeout),
    });
    if (q.consumer) edge('queue', nodeKey('queue', q.id), nodeKey('function', q.consumer.function), `batch ${q.consumer.batchSize}`, { code: 'batch', n: q.consumer.batchSize });
    if (q.deadLetter !== undefined) edge('dead-letter', nodeKey('queue', q.id), nodeKey('queue', q.deadLetter), `after ${q.maxReceives} receives`, { code: 'after-receives', n: q.maxReceives });
  }
  for (const f of b.functions) {
    nodes.push({
      key: nodeKey('function', f.id),
      kind: 'function',
      id: f.id,
      detail: `${f.runtime} · ${f.memoryMb} MB`,
      memoryMb: f.memoryMb,
      reserved: f.reserved ?? null,
      provisioned: f.provisioned,
      runtime: f.runtime,
    });
    for (const o of f.outputs) {
      const kind = 'topic' in o.to ? 'publish' : 'queue' in o.to ? 'send' : 'invoke';
      const text: ServerlessText = o.probability < 1 ? { code: `${kind}-p`, p: o.probability } : { code: kind };
      edge(kind, nodeKey('function', f.id), targetKey(o.to), `${kind}${o.probability < 1 ? ` p=${o.probability}` : ''}`, text);
    }
  }
  // Edges into boxes that do not exist (a trace not imported yet) are left out.
  const keys = new Set(nodes.map((n) => n.key));
  return {
    nodes,
    edges: edges.filter((e) => keys.has(e.from) && keys.has(e.to)),
    keepAlive: keepAliveName(b.keepAlive),
    missingTrace,
    metricsInterval,
  };
}
