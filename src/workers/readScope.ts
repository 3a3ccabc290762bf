/**
 * What the acting principal may read of the live views. Every service is a `service:read` of
 * service/<id> and every instance an `instance:read` of instance/<name>, decided by the core's IAM
 * (the same evaluation as a write: explicit deny, platform admin, cross-tenant, role, statement,
 * implicit deny). What it may not read is redacted from the snapshots: the service stays on the
 * map (its id is in the scenario everyone loaded) but its figures, series, charts and decisions
 * are not sent, and the page says why.
 *
 * Auditing: a denial is recorded once when the console starts acting as the principal (or a run
 * starts), as the person at the keyboard asked to see the console as that principal; the snapshots
 * pushed many times a second after that are not re-audited. An instance's placement (explain) and
 * a service's capacity plan are audited on every ask, allowed or denied, like a command; a host's
 * list of instances is cut to what the principal may read without an audit entry per instance.
 *
 * Not cut yet: the infrastructure view's instance table and event log (names, states and hosts of
 * every tenant's instances) and a host's history in its detail.
 */
import { resourceName, type Simulation } from '../core/index';
import type { Denial } from './iam';
import type { ServiceSnapshot } from './service';

/** Why a view is hidden: the read that was denied (the rule is the core's decision). */
export type ReadDenial = Denial;

export class ReadScope {
  private sim: Simulation | null = null;
  private principal = '';
  private readonly services = new Map<string, ReadDenial>();
  private readonly instances = new Map<string, ReadDenial | null>();
  /** Workloads sending to a hidden service: their rate is that service's arrivals. */
  private readonly workloads = new Set<string>();

  /**
   * Brings the scope up to date for `sim` and `principal`; true when it changed (a new run or
   * principal: what was sent must be sent again, cut to the new scope). Denials are audited then.
   */
  refresh(sim: Simulation, principal: string): boolean {
    if (sim === this.sim && principal === this.principal) return false;
    this.sim = sim;
    this.principal = principal;
    this.services.clear();
    this.instances.clear();
    this.workloads.clear();
    for (const s of sim.scenario.services) {
      const d = readDecision(sim, principal, 'service:read', `service/${s.id}`, true);
      if (d) this.services.set(s.id, d);
    }
    for (const w of sim.scenario.workloads) if (this.services.has(w.target)) this.workloads.add(w.id);
    return true;
  }

  /** Forgets the scope (a load or reset): the next refresh recomputes and audits it. */
  reset(): void {
    this.sim = null;
    this.principal = '';
    this.services.clear();
    this.instances.clear();
    this.workloads.clear();
  }

  /** Whether anything at all is hidden from the principal. */
  get hidesServices(): boolean {
    return this.services.size > 0;
  }

  /** Why a service is hidden (null: the principal may read it). */
  service(id: string): ReadDenial | null {
    return this.services.get(id) ?? null;
  }

  /** Whether a workload's rate may be sent (not when it sends to a hidden service). */
  workload(id: string): boolean {
    return !this.workloads.has(id);
  }

  /** Whether a call between two services may be shown (not when either end is hidden: its rate is the callee's arrivals). */
  call(caller: string, callee: string): boolean {
    return !this.services.has(caller) && !this.services.has(callee);
  }

  /**
   * Whether a series column may be sent: columns of hidden services ("<id>.…"), of calls from or to
   * them ("call.<caller>.<callee>.…") and of workloads sending to them ("workload.<id>.…") are not.
   */
  column(name: string): boolean {
    if (this.services.size === 0) return true;
    const dot = name.indexOf('.');
    if (dot < 0) return true;
    const head = name.slice(0, dot);
    if (this.services.has(head)) return false;
    const rest = name.slice(dot + 1);
    if (head === 'call') {
      const [caller = '', callee = ''] = rest.split('.');
      return this.call(caller, callee);
    }
    if (head === 'workload') return this.workload(rest.slice(0, rest.indexOf('.') < 0 ? rest.length : rest.indexOf('.')));
    return true;
  }

  /** Why an instance is hidden (null: readable), decided once per instance and not audited (cached). */
  instance(name: string): ReadDenial | null {
    const sim = this.sim;
    if (!sim) return null;
    let d = this.instances.get(name);
    if (d === undefined) {
      d = readDecision(sim, this.principal, 'instance:read', `instance/${name}`, false);
      this.instances.set(name, d);
    }
    return d;
  }
}

/**
 * Decides a read of `target` by `principal`: null when allowed, else the denial. `auditDenial`:
 * a denial is written to the run's audit trail (allowed reads of live views are not).
 */
export function readDecision(sim: Simulation, principal: string, action: string, target: string, auditDenial: boolean): ReadDenial | null {
  const { decision, resource } = sim.iam.decide(principal, action, target);
  if (decision.allowed) return null;
  if (auditDenial) sim.iam.record(principal, action, resource, decision, 'console');
  return {
    principal,
    action,
    resource: resourceName(resource),
    rule: decision.rule,
    kind: decision.kind,
    ...(decision.params !== undefined ? { params: decision.params } : {}),
  };
}

/** The sentence for a hidden view (the page says it in its own language from the same fields). */
export function hiddenText(d: ReadDenial): string {
  return `hidden: no read permission (${d.action} on ${d.resource}: ${d.rule})`;
}

/** A service's snapshot with its figures taken out, saying why (what the page gets for a hidden service). */
export function redactService(s: ServiceSnapshot, hidden: ReadDenial): ServiceSnapshot {
  const none = new Int32Array(0);
  return {
    id: s.id,
    replicas: 0,
    arrivals: 0,
    completed: 0,
    dropped: 0,
    timedOut: 0,
    errors: 0,
    inSystem: 0,
    queued: 0,
    utilization: 0,
    latency: { mean: Number.NaN, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN },
    policy: s.policy,
    up: 0,
    inRotation: 0,
    replicaView: { perCell: 1, cells: 0, utilization: new Float64Array(0), inService: none, queued: none, up: none, inRotation: none, members: none, starting: none, draining: none },
    slo: null,
    ready: 0,
    starting: 0,
    draining: 0,
    autoscaler: null,
    hidden,
  };
}
