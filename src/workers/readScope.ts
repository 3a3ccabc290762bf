/**
 * What the acting principal may read of the live views, decided by the core's IAM (the same
 * evaluation as a write: explicit deny, platform admin, cross-tenant, role, statement, implicit
 * deny). Each kind of thing is one read action on one resource:
 * - a service: `service:read` of service/<id> (its figures, series, charts, decisions, flows, plans);
 * - an instance: `instance:read` of instance/<name> (its row in the instance table, its event-log
 *   entries, its line in a host's detail);
 * - a host: `host:read` of host/<id> (its history and its event-log entries; a shared host is a
 *   platform resource, so only the platform admin reads its history, a dedicated one its tenant);
 * - a serverless function: `function:read` of function/<id> (its live figures and series);
 * - a tenant's quota, usage and share: `instance:read` of tenant/<id> (what it runs), and the
 *   platform-wide fairness figures only when every tenant may be read.
 * What may not be read is redacted: left out, or sent blanked with the denial that hid it, and the
 * page says why. `results()` (the export) is cut the same way (see cutResults).
 *
 * Auditing: each denial is recorded once per principal switch (or new run) — instances and hosts
 * once per action, owner and rule, the first one denied standing for the rest — when it is first
 * decided (services, functions and tenants when the console starts acting as the principal;
 * instances and hosts when they first show up in what is sent), as the person at the keyboard asked
 * to see the console as that principal; the snapshots pushed many times a second after that are not
 * re-audited. An instance's placement (explain) and a service's capacity plan are audited on every
 * ask, allowed or denied, like a command.
 *
 * Not cut yet: the compute summary's invariant violations (their details may name instances), the
 * serverless totals, cost and charts (platform-wide aggregates), and the audit trail in results().
 */
import { resourceName, type LiveFunction, type Simulation, type SimulationResults, type TenancyView } from '../core/index';
import type { ComputeDelta, InstanceDelta, LogDelta } from './compute';
import { billFor, gate, type Denial } from './iam';
import type { HostDetail } from './operations';
import type { ServiceSnapshot } from './service';

/** Why a view is hidden: the read that was denied (the rule is the core's decision). */
export type ReadDenial = Denial;

export class ReadScope {
  private sim: Simulation | null = null;
  private principal = '';
  private readonly services = new Map<string, ReadDenial>();
  /** Decided when first needed (and then audited once): instances and hosts come and go. */
  private readonly instances = new Map<string, ReadDenial | null>();
  private readonly hosts = new Map<string, ReadDenial | null>();
  /** Instance and host denials audited in this scope: one per action, owner and rule. */
  private readonly audited = new Set<string>();
  private readonly functions = new Map<string, ReadDenial>();
  private readonly tenants = new Map<string, ReadDenial>();
  /** Workloads sending to a hidden service: their rate is that service's arrivals. */
  private readonly workloads = new Set<string>();

  /**
   * Brings the scope up to date for `sim` and `principal`; true when it changed (a new run or
   * principal: what was sent must be sent again, cut to the new scope). Denials are audited then.
   */
  refresh(sim: Simulation, principal: string): boolean {
    if (sim === this.sim && principal === this.principal) return false;
    this.clear();
    this.sim = sim;
    this.principal = principal;
    for (const s of sim.scenario.services) {
      const d = readDecision(sim, principal, 'service:read', `service/${s.id}`, true);
      if (d) this.services.set(s.id, d);
    }
    for (const w of sim.scenario.workloads) if (this.services.has(w.target)) this.workloads.add(w.id);
    for (const f of sim.scenario.serverless?.functions ?? []) {
      const d = readDecision(sim, principal, 'function:read', `function/${f.id}`, true);
      if (d) this.functions.set(f.id, d);
    }
    if (sim.compute && sim.tenancy) {
      for (const t of sim.tenancy.ids) {
        const d = readDecision(sim, principal, 'instance:read', `tenant/${t}`, true);
        if (d) this.tenants.set(t, d);
      }
    }
    return true;
  }

  /** Forgets the scope (a load or reset): the next refresh recomputes and audits it. */
  reset(): void {
    this.clear();
  }

  private clear(): void {
    this.sim = null;
    this.principal = '';
    this.services.clear();
    this.instances.clear();
    this.hosts.clear();
    this.audited.clear();
    this.functions.clear();
    this.tenants.clear();
    this.workloads.clear();
  }

  /** Whether any service is hidden from the principal. */
  get hidesServices(): boolean {
    return this.services.size > 0;
  }

  /** Why a service is hidden (null: the principal may read it). */
  service(id: string): ReadDenial | null {
    return this.services.get(id) ?? null;
  }

  /** Why a serverless function is hidden (null: readable). */
  fn(id: string): ReadDenial | null {
    return this.functions.get(id) ?? null;
  }

  /** Why a tenant's quota, usage and share are hidden (null: readable). */
  tenant(id: string): ReadDenial | null {
    return this.tenants.get(id) ?? null;
  }

  /** Whether the platform-wide fairness figures (Jain's index over every tenant) may be sent. */
  get allTenants(): boolean {
    return this.tenants.size === 0;
  }

  /** The tenants hidden from the principal, with their denials. */
  hiddenTenants(): ReadDenial[] {
    return [...this.tenants.values()];
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
   * them ("call.<caller>.<callee>.…"), of workloads sending to them ("workload.<id>.…"), of hidden
   * functions ("fn.<id>.…") and hidden tenants ("tenant.<id>.…", and then "tenancy.jain") are not.
   */
  column(name: string): boolean {
    if (this.services.size === 0 && this.functions.size === 0 && this.tenants.size === 0) return true;
    const dot = name.indexOf('.');
    if (dot < 0) return true;
    const head = name.slice(0, dot);
    if (this.services.has(head)) return false;
    const rest = name.slice(dot + 1);
    const first = rest.indexOf('.') < 0 ? rest : rest.slice(0, rest.indexOf('.'));
    if (head === 'call') {
      const [caller = '', callee = ''] = rest.split('.');
      return this.call(caller, callee);
    }
    if (head === 'workload') return this.workload(first);
    if (head === 'fn') return !this.functions.has(first);
    if (head === 'tenant') return !this.tenants.has(first);
    if (name === 'tenancy.jain') return this.allTenants;
    return true;
  }

  /** Why an instance is hidden (null: readable), decided once per instance and scope; a denial is audited then. */
  instance(name: string): ReadDenial | null {
    const sim = this.sim;
    if (!sim) return null;
    let d = this.instances.get(name);
    if (d === undefined) {
      d = readDecision(sim, this.principal, 'instance:read', `instance/${name}`, this.audited);
      this.instances.set(name, d);
    }
    return d;
  }

  /** Why a host's history is hidden (null: readable), decided once per host and scope; a denial is audited then. */
  host(id: string): ReadDenial | null {
    const sim = this.sim;
    if (!sim) return null;
    let d = this.hosts.get(id);
    if (d === undefined) {
      d = readDecision(sim, this.principal, 'host:read', `host/${id}`, this.audited);
      this.hosts.set(id, d);
    }
    return d;
  }

  /**
   * Why an event-log entry is hidden (null: readable): an entry about an instance is an instance
   * read (and so is one naming another instance: the preemptor, the one replaced or moved off), an
   * entry about a host a host read. Zone, link, operation and invariant entries are the platform's
   * own events and are not cut here.
   */
  logEntry(e: { kind: string; subject: string; params?: Readonly<Record<string, unknown>> }): ReadDenial | null {
    if (e.kind === 'host') return this.host(e.subject);
    if (e.kind === 'operation') {
      // An operation about instances (created, terminated, a quota refusal) names them: reading it reads them.
      const named = [e.params?.instance, ...(Array.isArray(e.params?.names) ? e.params.names : [])];
      const subject = this.sim?.compute?.instanceNamed(e.subject) ? [e.subject] : [];
      for (const n of [...subject, ...named]) {
        if (typeof n !== 'string') continue;
        const d = this.instance(n);
        if (d) return d;
      }
      return null;
    }
    if (e.kind !== 'instance') return null;
    const d = this.instance(e.subject);
    if (d) return d;
    for (const key of ['by', 'name'] as const) {
      const other = e.params?.[key];
      if (typeof other === 'string' && other !== e.subject) {
        const o = this.instance(other);
        if (o) return o;
      }
    }
    return null;
  }
}

/**
 * Decides a read of `target` by `principal`: null when allowed, else the denial. `auditDenial`:
 * a denial is written to the run's audit trail (allowed reads of live views are not).
 */
export function readDecision(sim: Simulation, principal: string, action: string, target: string, auditDenial: boolean | Set<string>): ReadDenial | null {
  const { decision, resource } = sim.iam.decide(principal, action, target);
  if (decision.allowed) return null;
  // A set: one entry per action, owner and rule (the first instance or host denied stands for the
  // rest), so a switch at cloud scale does not write thousands of entries and push the others out.
  const key = `${action}|${resource.tenant ?? ''}|${decision.rule}`;
  if (auditDenial === true || (auditDenial instanceof Set && !auditDenial.has(key))) {
    if (auditDenial instanceof Set) auditDenial.add(key);
    sim.iam.record(principal, action, resource, decision, 'console');
  }
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

// ---------------------------------------------------------------- cuts of the other views

/** The group and type index a hidden instance's row is sent with (no name, no group, no type). */
export const HIDDEN_INDEX = 0xffff;

/** Rows of the instance table sent blanked, and why (indices into `denials`, one per distinct denial). */
export interface HiddenRows {
  rows: number[];
  denial: number[];
  denials: ReadDenial[];
}

/** Entries of a log or a list left out, and the first denial that left one out. */
export interface HiddenCount {
  count: number;
  first: ReadDenial;
}

function denialKey(d: ReadDenial): string {
  return `${d.action}|${d.resource}|${d.rule}`;
}

/**
 * The instance table's delta cut to the scope: a row the principal may not read keeps its place
 * (rows are positions in the core's list) and its state and host (the host's allocation shows its
 * occupancy anyway), but goes without its name, group and type, with the denial that hid it.
 * `nameOf(row)`: the instance at a row (the core never reorders them).
 */
export function cutInstanceDelta(scope: ReadScope, d: InstanceDelta, nameOf: (row: number) => string | undefined): InstanceDelta {
  const hidden: HiddenRows = { rows: [], denial: [], denials: [] };
  const keys = new Map<string, number>();
  const names = d.names.slice();
  const group = d.group.slice();
  for (let k = 0; k < names.length; k++) {
    const den = scope.instance(names[k]!);
    if (!den) continue;
    const key = denialKey(den);
    let at = keys.get(key);
    if (at === undefined) {
      at = hidden.denials.length;
      hidden.denials.push(den);
      keys.set(key, at);
    }
    hidden.rows.push(d.from + k);
    hidden.denial.push(at);
    names[k] = '';
    group[k] = HIDDEN_INDEX;
  }
  const type = d.type.slice();
  for (let k = 0; k < d.index.length; k++) {
    const name = nameOf(d.index[k]!);
    if (name !== undefined && scope.instance(name)) type[k] = HIDDEN_INDEX;
  }
  const out: InstanceDelta = { ...d, names, group, type };
  if (hidden.rows.length > 0) out.hidden = hidden;
  return out;
}

/** The event log's new entries cut to the scope: those about what the principal may not read are left out, counted. */
export function cutLogDelta(scope: ReadScope, d: LogDelta): LogDelta {
  let hidden: HiddenCount | undefined;
  const entries = d.entries.filter((e) => {
    const den = scope.logEntry(e);
    if (!den) return true;
    hidden = hidden ? { count: hidden.count + 1, first: hidden.first } : { count: 1, first: den };
    return false;
  });
  return hidden ? { ...d, entries, hidden } : d;
}

/** A compute delta (or a new subscriber's full copy) cut to the scope. */
export function cutComputeDelta(scope: ReadScope, d: ComputeDelta, nameOf: (row: number) => string | undefined): ComputeDelta {
  const out: ComputeDelta = { ...d };
  if (d.instances) out.instances = cutInstanceDelta(scope, d.instances, nameOf);
  if (d.log) out.log = cutLogDelta(scope, d.log);
  if (d.summary) out.summary = { ...d.summary, unschedulable: d.summary.unschedulable.filter((u) => !scope.instance(u.instance)) };
  return out;
}

/**
 * A host's detail cut to the scope: the instances on it the principal may not read are left out
 * (counted, with the first denial; each denial audited once per scope), and its history is left out
 * when the host may not be read (`hiddenHistory` says why).
 */
export function cutHostDetail<T extends HostDetail>(scope: ReadScope, r: T): T {
  const out: T = { ...r };
  const hidden = r.instances.map((i) => scope.instance(i.name)).filter((d): d is ReadDenial => d !== null);
  if (hidden.length > 0) {
    out.instances = r.instances.filter((i) => !scope.instance(i.name));
    out.hiddenInstances = { count: hidden.length, first: hidden[0]! };
  }
  const host = scope.host(r.id);
  if (host) {
    out.history = [];
    out.hiddenHistory = host;
  }
  return out;
}

/** The tenancy view a principal may read: its tenants' rows and refusals; the platform-wide index only when it may read every tenant. */
export interface ScopedTenancyView extends Omit<TenancyView, 'jain'> {
  /** null: some tenants are hidden, so the fairness over all of them is not the principal's to see. */
  jain: TenancyView['jain'] | null;
  /** The tenants left out, with the denials. */
  hidden?: ReadDenial[];
}

export function cutTenancy(scope: ReadScope, v: TenancyView): ScopedTenancyView {
  if (scope.allTenants) return v;
  return {
    ...v,
    jain: null,
    tenants: v.tenants.filter((t) => !scope.tenant(t.id)),
    refusals: v.refusals.filter((r) => !scope.tenant(r.tenant)),
    hidden: scope.hiddenTenants(),
  };
}

/** A function's live figures taken out, saying why (its id, app and tenant stay: they are in the scenario). */
export function redactFunction(f: LiveFunction, hidden: ReadDenial): LiveFunction & { hidden: ReadDenial } {
  return {
    ...f,
    provisioned: 0,
    reserved: null,
    invocations: 0,
    completed: 0,
    errors: 0,
    timedOut: 0,
    throttled: 0,
    coldStarts: 0,
    coldStartRatio: 0,
    initSeconds: 0,
    initShare: 0,
    p50: null,
    p95: null,
    p99: null,
    running: 0,
    peakRunning: 0,
    environments: 0,
    warmMb: 0,
    idleMb: 0,
    scaleToZero: 0,
    asyncDropped: 0,
    costUsd: 0,
    hidden,
  };
}

/** The serverless live view with the functions the principal may not read redacted. */
export function cutServerlessLive<T extends { functions: LiveFunction[] }>(scope: ReadScope, v: T): T {
  if (!v.functions.some((f) => scope.fn(f.id))) return v;
  return {
    ...v,
    functions: v.functions.map((f) => {
      const d = scope.fn(f.id);
      return d ? redactFunction(f, d) : f;
    }),
  };
}

/** What `results()` (the export) says of the cut: who asked and what was left out. */
export interface ResultsScope {
  principal: string;
  hidden: ReadDenial[];
}

export type ScopedResults = SimulationResults & { readScope?: ResultsScope };

/**
 * The results (the export) as the acting principal may read them: hidden services, the workloads
 * sending to them, their decisions, hidden functions and tenants are left out; the bill is cut to the
 * tenants it may read (none: left out); `readScope` lists what was left out and why. Unchanged for a
 * principal who may read everything.
 */
export function cutResults(scope: ReadScope, sim: Simulation, principal: string, r: SimulationResults): ScopedResults {
  const hidden: ReadDenial[] = [];
  const out: ScopedResults = { ...r };
  const services = r.services.filter((s) => {
    const d = scope.service(s.id);
    if (d) hidden.push(d);
    return !d;
  });
  if (services.length !== r.services.length) {
    out.services = services;
    out.workloads = r.workloads.filter((w) => scope.workload(w.id));
    if (r.scaling) out.scaling = { ...r.scaling, decisions: r.scaling.decisions.filter((d) => !scope.service(d.service)) };
  }
  if (r.serverless && r.serverless.functions.some((f) => scope.fn(f.id))) {
    for (const f of r.serverless.functions) {
      const d = scope.fn(f.id);
      if (d) hidden.push(d);
    }
    out.serverless = { ...r.serverless, functions: r.serverless.functions.filter((f) => !scope.fn(f.id)) };
  }
  if (r.compute && r.compute.unschedulable.some((u) => scope.instance(u.instance))) {
    // The waiting instances the summary names (with the scheduler's reasons) are instance reads.
    out.compute = { ...r.compute, unschedulable: r.compute.unschedulable.filter((u) => !scope.instance(u.instance)) };
  }
  if (r.tenancy && !scope.allTenants) {
    hidden.push(...scope.hiddenTenants());
    out.tenancy = { ...r.tenancy, tenants: r.tenancy.tenants.filter((t) => !scope.tenant(t.id)), jain: { mean: Number.NaN, min: Number.NaN, last: Number.NaN } };
  }
  if (r.billing) {
    // The bill is read as the bill panel reads it (bill:read per tenant), not audited again here.
    const bill = billFor(sim, principal, r.billing, false);
    if ('denials' in bill) {
      delete out.billing;
      hidden.push(...bill.denials);
    } else if (!bill.all) {
      out.billing = bill.summary;
      for (const t of r.billing.tenants) if (t.tenant !== null && !bill.allowed.has(t.tenant)) hidden.push({ ...gate(sim, principal, 'bill:read', `bill/${t.tenant}`, false)! });
    }
  }
  if (hidden.length > 0) out.readScope = { principal, hidden };
  return out;
}
