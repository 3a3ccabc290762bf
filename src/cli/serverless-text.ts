/** The serverless section of `npm run sim`'s summary. */
import type { ServerlessResults } from '../core/serverless/live';
import { tableRows } from './io';

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
const usd = (x: number): string => `$${x.toFixed(4)}`;
/** Functions listed one by one (the busiest); the rest are summed in one line. */
export const MAX_FUNCTION_ROWS = 15;

export function serverlessText(s: ServerlessResults): string {
  const lines: string[] = [];
  const t = s.totals;
  lines.push(
    `serverless (keep-alive ${s.keepAlive}): ${int(t.invocations)} invocations, ${int(t.coldStarts)} cold starts, ${int(t.throttled)} throttled (429), ${int(t.errors)} errors, ${int(t.timedOut)} timed out; idle warm memory ${int(t.idleGbSeconds)} GB-s; now ${int(t.environments)} environments holding ${int(t.warmMb)} MB`,
  );
  lines.push(`cost: ${int(s.cost.requests)} requests ${usd(s.cost.requestsUsd)} + ${s.cost.gbSeconds.toFixed(1)} GB-s ${usd(s.cost.computeUsd)} = ${usd(s.cost.totalUsd)}${s.cost.byTenant.length > 1 ? ` (${s.cost.byTenant.map((x) => `${x.tenant} ${usd(x.totalUsd)}`).join(', ')})` : ''}`);
  const fns = [...s.functions].sort((a, b) => b.invocations - a.invocations || (a.id < b.id ? -1 : 1));
  const rows = [['function', 'runtime', 'MB', 'invocations', 'cold', 'cold %', 'init share', 'throttled', 'errors', 'p95 ms', 'peak conc', 'envs', 'cost']];
  for (const f of fns.slice(0, MAX_FUNCTION_ROWS)) {
    rows.push([f.id, f.runtime, String(f.memoryMb), int(f.invocations), int(f.coldStarts), pct(f.coldStartRatio), pct(f.initShare), int(f.throttled), int(f.errors), f.p95 === null ? '—' : (f.p95 * 1000).toFixed(1), int(f.peakRunning), int(f.environments), usd(f.costUsd)]);
  }
  lines.push(tableRows(rows).join('\n'));
  if (fns.length > MAX_FUNCTION_ROWS) {
    const rest = fns.slice(MAX_FUNCTION_ROWS);
    lines.push(`… and ${rest.length} more functions: ${int(rest.reduce((a, f) => a + f.invocations, 0))} invocations, ${int(rest.reduce((a, f) => a + f.coldStarts, 0))} cold starts`);
  }
  for (const g of s.gateways) {
    lines.push(`gateway ${g.id}: ${int(g.requests)} requests, ${int(g.accepted)} accepted (${int(g.ok)} 200, ${int(g.functionThrottled)} 429 from the function, ${int(g.functionErrors)} 5xx), ${int(g.unauthorized)} 401, ${int(g.forbidden)} 403, ${int(g.rateLimited)} 429 rate-limited`);
    const cRows = [['  client', 'requests', 'accepted', '401', '403', '429']];
    for (const c of g.clients) cRows.push([`  ${c.id}`, int(c.requests), int(c.accepted), int(c.unauthorized), int(c.forbidden), int(c.rateLimited)]);
    lines.push(tableRows(cRows).join('\n'));
  }
  if (s.queues.length > 0) {
    const qRows = [['queue', 'type', 'sent', 'received', 'deleted', 'retries', 'duplicates', 'dead letters', 'lost', 'depth', 'in flight', 'oldest s', 'order viol.']];
    for (const q of s.queues) qRows.push([q.id, q.type, int(q.sent), int(q.received), int(q.deleted), int(q.retries), int(q.duplicates), int(q.deadLettered), int(q.lost), int(q.depth), int(q.inFlight), q.oldestAge.toFixed(1), int(q.orderViolations)]);
    lines.push(tableRows(qRows).join('\n'));
  }
  for (const tp of s.topics) lines.push(`topic ${tp.id}: ${int(tp.published)} published, ${int(tp.delivered)} delivered, ${int(tp.filtered)} filtered out`);
  if (t.timerFirings + t.storageEvents + t.tableEvents > 0) lines.push(`events: ${int(t.timerFirings)} timer firings, ${int(t.storageEvents)} storage events, ${int(t.tableEvents)} table events`);
  return lines.join('\n');
}
