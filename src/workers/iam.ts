/**
 * Identity and access for the console's commands: which action and resource each command is, the
 * gate that authorizes it for the acting principal (recording the decision in the run's audit
 * trail at the current simulated time), what the page is sent of the trail, and the bill cut
 * down to the tenants the principal may read. Decides nothing itself: the core's IAM does.
 */
import { resourceName, type AuditEntry, type BillingSummary, type ComputeOperation, type Decision, type DecisionKind, type Simulation } from '../core/index';

type DecisionParams = NonNullable<Decision['params']>;

export type { AuditEntry } from '../core/index';

export interface PrincipalInfo {
  id: string;
  kind: 'person' | 'service-account';
  name: string;
  /** "owner@acme", "admin"… */
  roles: string[];
}

/** A denied command: who, what, on which resource, and the rule that denied it. */
export interface Denial {
  principal: string;
  action: string;
  resource: string;
  rule: string;
  /** The rule's kind and the values it names (the core's Decision), for saying it in another language. */
  kind?: DecisionKind;
  params?: DecisionParams;
}

/** New audit entries since the previous push, and the acting principal; `reset`: drop what you had. */
export interface AuditDelta {
  principal: string;
  reset: boolean;
  entries: AuditEntry[];
  /** Entries the run's trail did not keep (past its bound). */
  dropped: number;
}

export type PrincipalResult = { ok: true; principal: string } | { ok: false; error: string };
export type ScaleResult = { ok: true; message: string } | { ok: false; error: string; denied?: Denial };

/** At most this many entries go to the page at once (the newest). */
const MAX_AUDIT_SENT = 2_000;

export function principalsOf(sim: Simulation): PrincipalInfo[] {
  return sim.iam.principals().map((p) => ({
    id: p.id,
    kind: p.kind,
    name: p.name ?? p.id,
    roles: p.bindings.map((b) => (b.tenant === undefined ? b.role : `${b.role}@${b.tenant}`)),
  }));
}

/** The sentence shown next to a denied command. */
export function denialText(d: Denial): string {
  return `Access denied: ${d.principal} may not ${d.action} ${d.resource} (${d.rule})`;
}

/** Authorizes `action` on `target` for `principal` and records it; null when allowed. */
export function gate(sim: Simulation, principal: string, action: string, target: string, record = true): Denial | null {
  const { decision, resource } = sim.iam.decide(principal, action, target);
  if (!record) return decision.allowed ? null : { principal, action, resource: resourceName(resource), ...ruleOf(decision) };
  const entry = sim.iam.record(principal, action, resource, decision, 'console');
  return decision.allowed ? null : { principal, action, resource: entry.resource, ...ruleOf(decision) };
}

function ruleOf(d: Decision): Pick<Denial, 'rule' | 'kind' | 'params'> {
  return { rule: d.rule, kind: d.kind, ...(d.params !== undefined ? { params: d.params } : {}) };
}

/** The action and target of a compute operation (null: not an operation; its own checks will say so). */
export function operationAccess(op: ComputeOperation): { action: string; target: string } | null {
  if (typeof op !== 'object' || op === null) return null;
  const o = op as Partial<Record<string, unknown>> & { op?: unknown };
  const s = (x: unknown) => (typeof x === 'string' ? x : '');
  switch (o.op) {
    case 'create':
      return { action: 'instance:create', target: `tenant/${s(o.tenant)}` };
    case 'terminate':
      return { action: 'instance:delete', target: `instance/${s(o.instance)}` };
    case 'resize':
      return { action: 'instance:resize', target: `instance/${s(o.instance)}` };
    case 'migrate':
      return { action: 'instance:migrate', target: `instance/${s(o.instance)}` };
    case 'drain':
    case 'uncordon':
    case 'kill-host':
      return { action: 'host:fault', target: `host/${s(o.host)}` };
    case 'zone-outage':
      return { action: 'host:fault', target: `zone/${s(o.zone)}` };
    case 'cut-link':
      return { action: 'host:fault', target: `link/${Array.isArray(o.between) ? o.between.join('-') : ''}` };
    case 'consolidate':
      return { action: 'host:fault', target: 'host/*' };
    default:
      return null;
  }
}

/** Changing only the bounds scales the service; anything else changes its policy. */
export function autoscalerAction(change: unknown): 'service:scale' | 'policy:change' {
  if (change === null || typeof change !== 'object') return 'policy:change';
  const keys = Object.keys(change);
  return keys.length > 0 && keys.every((k) => k === 'minReplicas' || k === 'maxReplicas') ? 'service:scale' : 'policy:change';
}

/** Scales a service for the console (pins its autoscaler at `replicas`), through IAM; never throws. */
export function scaleService(sim: Simulation | null, principal: string, serviceId: string, replicas: number): ScaleResult {
  if (!sim) return { ok: false, error: 'no scenario is loaded' };
  if (!sim.scenario.services.some((s) => s.id === serviceId)) return { ok: false, error: `there is no service "${String(serviceId)}"` };
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > 10_000) return { ok: false, error: `replicas must be a whole number from 0 to 10,000, got ${String(replicas)}` };
  if (sim.finished) return { ok: false, error: 'the run has ended: reset it to start again' };
  const a = sim.iam.attempt(principal, 'service:scale', `service/${serviceId}`, { replicas }, 'console');
  if (!a.decision.allowed) {
    const denied: Denial = { principal, action: 'service:scale', resource: a.entry.resource, ...ruleOf(a.decision) };
    return { ok: false, error: denialText(denied), denied };
  }
  const result = a.entry.result ?? '';
  return result.startsWith('failed: ') ? { ok: false, error: result.slice('failed: '.length) } : { ok: true, message: result };
}

/**
 * The bill as `principal` may see it: the invoices of the tenants it may read (each read audited).
 * Null when it may read none (`denials` says why).
 */
export function billFor(sim: Simulation, principal: string, summary: BillingSummary, record = true): { summary: BillingSummary; allowed: Set<string>; all: boolean } | { denials: Denial[] } {
  const allowed = new Set<string>();
  const denials: Denial[] = [];
  for (const t of summary.tenants) {
    const d = gate(sim, principal, 'bill:read', `bill/${t.tenant}`, record);
    if (d) denials.push(d);
    else allowed.add(t.tenant);
  }
  if (summary.tenants.length === 0) {
    const d = gate(sim, principal, 'bill:read', 'bill/', record);
    if (d) return { denials: [d] };
  }
  if (denials.length === 0) return { summary, allowed, all: true };
  if (allowed.size === 0) return { denials };
  const keep = (t: string | null) => t !== null && allowed.has(t);
  const tenants = summary.tenants.filter((t) => keep(t.tenant));
  return {
    all: false,
    allowed,
    summary: {
      ...summary,
      total: tenants.reduce((a, t) => a + t.total, 0),
      tenants,
      idle: { ...summary.idle, total: tenants.reduce((a, t) => a + t.idleShare, 0) },
      // Platform-wide figures are not the tenant's to see.
      byCategory: {},
      byPricing: {},
      series: { ...summary.series, tenants: Object.fromEntries(Object.entries(summary.series.tenants).filter(([t]) => keep(t))), idle: [] },
      budgets: summary.budgets.filter((b) => keep(b.tenant)),
      alerts: summary.alerts.filter((a) => keep(a.tenant)),
      reservations: summary.reservations.filter((r) => keep(r.tenant)),
      recommendations: summary.recommendations.filter((r) => keep(r.tenant)),
    },
  };
}

/** What the page was sent of the audit trail (like the decision log: new entries since last time). */
export class AuditTracker {
  private sent = 0;
  private pendingReset = true;
  private sentPrincipal = '';

  reset(): void {
    this.sent = 0;
    this.pendingReset = true;
  }

  delta(sim: Simulation, principal: string): AuditDelta | undefined {
    const trail = sim.iam.trail;
    const n = trail.length;
    if (!this.pendingReset && n === this.sent && principal === this.sentPrincipal) return undefined;
    const from = this.pendingReset ? Math.max(0, n - MAX_AUDIT_SENT) : Math.max(this.sent, n - MAX_AUDIT_SENT);
    const out: AuditDelta = { principal, reset: this.pendingReset, entries: trail.entries(from).map((e) => ({ ...e })), dropped: trail.dropped };
    this.sent = n;
    this.pendingReset = false;
    this.sentPrincipal = principal;
    return out;
  }

  /** For a new subscriber: what the others were sent, as a reset. */
  full(sim: Simulation, principal: string): AuditDelta {
    const upTo = this.pendingReset ? 0 : this.sent;
    const entries = sim.iam.trail.entries(Math.max(0, upTo - MAX_AUDIT_SENT)).slice(0, upTo - Math.max(0, upTo - MAX_AUDIT_SENT));
    return { principal, reset: true, entries: entries.map((e) => ({ ...e })), dropped: sim.iam.trail.dropped };
  }
}
