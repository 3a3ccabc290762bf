/**
 * Identity and access inside a run: the principals of the scenario (plus the console's platform
 * admin), resource ownership read from the scenario and the compute model, the append-only audit
 * trail, and the scripted `actions` timeline, each attempted at its simulated time: authorized,
 * then (if allowed) carried out through the simulation's own operation paths, then audited.
 *
 * The simulation hands it a narrow, mostly read-only host; it never reaches into other parts.
 */
import type { ComputeTextCode, SaidParams } from '../compute/said';
import type { Kernel } from '../engine/kernel';
import { durationSeconds } from '../scenario/duration';
import type { AutoscalerSpec, BalancerPolicy, Scenario } from '../scenario/schema';
import { AuditTrail, type AuditEntry } from './audit';
import { authorize, DEFAULT_ADMIN, resourceName, type Decision, type Principal, type Resource } from './policy';
import type { IamActionSpec } from './schema';

/** An operation on the compute model, as the simulation takes it (structurally the same type). */
type Operation =
  | { op: 'create'; type: string; count?: number; tenant?: string }
  | { op: 'terminate'; instance: string }
  | { op: 'resize'; instance: string; type: string }
  | { op: 'migrate'; instance: string; host?: string }
  | { op: 'kill-host'; host: string };

/** What IAM needs from the simulation: ownership lookups and the operations it may carry out. */
export interface IamHost {
  readonly now: number;
  readonly scenario: Scenario;
  /** Instance owners and host pools (null without host pools). */
  readonly compute: {
    /** The instance of that name, live or ended (a map lookup: reads are decided per instance). */
    instanceNamed(name: string): { name: string; req: { tenant: string | null } } | undefined;
    readonly hosts: { readonly id: readonly string[]; readonly pool: Int32Array; readonly poolDedicatedTo: ReadonlyArray<string | null> };
  } | null;
  readonly scaling: ReadonlyArray<{ readonly spec: AutoscalerSpec } | null>;
  setBalancer(serviceId: string, policy: BalancerPolicy): boolean;
  setAutoscaler(serviceId: string, spec: AutoscalerSpec): { ok: true } | { ok: false; error: string };
  /** Takes a service down for good: 0 replicas, its requests fail from then on. */
  deleteService(serviceId: string): { ok: true } | { ok: false; error: string };
  operate(op: Operation): { ok: boolean; message: string; code?: ComputeTextCode; params?: SaidParams };
}

export interface IamAttempt {
  decision: Decision;
  resource: Resource;
  entry: AuditEntry;
}

export interface IamSummary {
  principals: Array<{ id: string; kind: string; name: string; roles: string[] }>;
  allowed: number;
  denied: number;
  crossTenantDenied: number;
  dropped: number;
  audit: AuditEntry[];
}

export type IamParams = IamActionSpec['params'];

export class IamRuntime {
  readonly trail = new AuditTrail();
  private readonly byId = new Map<string, Principal>();
  /** Whether the scenario defines principals (else only the console's admin exists). */
  readonly defined: boolean;
  private readonly script: IamActionSpec[];

  constructor(
    private readonly host: IamHost,
    kernel: Kernel,
  ) {
    const s = host.scenario;
    this.defined = (s.principals?.length ?? 0) > 0;
    for (const p of s.principals ?? []) {
      this.byId.set(p.id, {
        id: p.id,
        kind: p.kind,
        ...(p.name !== undefined ? { name: p.name } : {}),
        bindings: p.roles.map((b) => (b.tenant === undefined ? { role: b.role } : { role: b.role, tenant: b.tenant })),
        statements: p.statements,
      });
    }
    if (!this.byId.has(DEFAULT_ADMIN.id)) this.byId.set(DEFAULT_ADMIN.id, DEFAULT_ADMIN);
    this.script = s.actions ?? [];
    const kind = kernel.register('iam-action', (i) => this.runScripted(i));
    const end = durationSeconds(s.duration);
    this.script.forEach((a, i) => {
      const at = durationSeconds(a.at);
      if (at < end) kernel.scheduleAt(at, kind, i);
    });
  }

  principal(id: string): Principal | undefined {
    return this.byId.get(id);
  }

  /** Every principal, the console's admin included (scenario order, then admin). */
  principals(): Principal[] {
    return [...this.byId.values()];
  }

  /** The owner of a target "kind/id" (the scenario says whose services and instances are whose). */
  resolve(target: string): Resource {
    const slash = target.indexOf('/');
    const kind = slash < 0 ? target : target.slice(0, slash);
    const id = slash < 0 ? '' : target.slice(slash + 1);
    const s = this.host.scenario;
    switch (kind) {
      case 'service':
        return { kind, id, tenant: s.services.find((x) => x.id === id)?.placement?.tenant ?? null };
      case 'instance': {
        const inst = this.host.compute?.instanceNamed(id);
        if (inst) return { kind, id, tenant: inst.req.tenant };
        // Not created yet (or never): its group says whose it would be.
        const groups = [...s.services.map((x) => [x.id, x.placement?.tenant] as const), ...s.instances.map((x) => [x.id, x.placement.tenant] as const)];
        const g = groups.filter(([gid]) => id.startsWith(`${gid}-`)).sort((a, b) => b[0].length - a[0].length)[0];
        return { kind, id, tenant: g?.[1] ?? null };
      }
      case 'host': {
        const c = this.host.compute;
        const h = c ? c.hosts.id.indexOf(id) : -1;
        if (c && h >= 0) return { kind, id, tenant: c.hosts.poolDedicatedTo[c.hosts.pool[h]!] ?? null };
        const pool = s.hostPools.filter((p) => id.startsWith(`${p.id}-`)).sort((a, b) => b.id.length - a.id.length)[0];
        return { kind, id, tenant: pool?.dedicatedTo ?? null };
      }
      case 'function':
        // A serverless function is its tenant's (the one its cost is charged to); without one it is the platform's.
        return { kind, id, tenant: s.serverless?.functions.find((f) => f.id === id)?.tenant ?? null };
      case 'bill':
      case 'tenant':
        return { kind, id, tenant: id === '' ? null : id };
      case 'zone':
      case 'link':
      case 'scenario':
        return { kind, id, tenant: null };
      default:
        return { kind: 'scenario', id: target, tenant: null };
    }
  }

  /** The decision for a principal's action on a target, without recording it. */
  decide(principalId: string, action: string, target: string | Resource): { decision: Decision; resource: Resource } {
    const resource = typeof target === 'string' ? this.resolve(target) : target;
    return { decision: authorize(this.byId.get(principalId), principalId, action, resource), resource };
  }

  /** Appends an attempt to the audit trail at the current simulated time. */
  record(principalId: string, action: string, resource: Resource, decision: Decision, source: 'console' | 'script', result?: string, said?: { code: ComputeTextCode; params?: SaidParams }): AuditEntry {
    return this.trail.record({
      time: this.host.now,
      principal: principalId,
      action,
      resource: resourceName(resource),
      tenant: resource.tenant,
      decision,
      source,
      ...(result !== undefined ? { result } : {}),
      ...(said !== undefined ? { resultCode: said.code, ...(said.params !== undefined ? { resultParams: said.params } : {}) } : {}),
    });
  }

  /** Authorizes, carries out if allowed, and audits one action (the scripted timeline's path). */
  attempt(principalId: string, action: string, target: string, params: IamParams, source: 'console' | 'script'): IamAttempt {
    const { decision, resource } = this.decide(principalId, action, target);
    let result: string | undefined;
    let said: { code: ComputeTextCode; params?: SaidParams } | undefined;
    if (decision.allowed) {
      const r = this.execute(action, resource, params);
      result = r.ok ? r.message : `failed: ${r.message}`;
      if (r.code !== undefined) said = r.params !== undefined ? { code: r.code, params: r.params } : { code: r.code };
    }
    return { decision, resource, entry: this.record(principalId, action, resource, decision, source, result, said) };
  }

  private runScripted(i: number): void {
    const a = this.script[i];
    if (a) this.attempt(a.principal, a.action, a.target, a.params, 'script');
  }

  /** Carries out an allowed action through the simulation's own paths. */
  private execute(action: string, r: Resource, p: IamParams): { ok: boolean; message: string; code?: ComputeTextCode; params?: SaidParams } {
    const h = this.host;
    switch (action) {
      case 'service:delete': {
        // A running simulation cannot remove a service from the graph: it is taken down to 0 replicas for good.
        const res = h.deleteService(r.id);
        return res.ok ? { ok: true, message: `${r.id} taken down to 0 replicas (its requests fail from now on)` } : { ok: false, message: res.error };
      }
      case 'service:scale': {
        const i = h.scenario.services.findIndex((x) => x.id === r.id);
        const sc = i < 0 ? null : h.scaling[i];
        if (i < 0) return { ok: false, message: `there is no service "${r.id}"` };
        if (!sc) return { ok: false, message: `service "${r.id}" has no autoscaler: its replica count is fixed by the scenario` };
        let min: number;
        let max: number;
        if (p.replicas === 0) {
          // An autoscaler keeps at least one replica: pinning 0 would quietly give 0–1.
          return { ok: false, message: `service:scale cannot pin "${r.id}" at 0 replicas (its autoscaler keeps at least 1); service:delete takes a service down` };
        }
        if (p.replicas !== undefined) {
          min = p.replicas;
          max = p.replicas;
        } else {
          min = p.minReplicas ?? sc.spec.minReplicas;
          max = p.maxReplicas ?? sc.spec.maxReplicas;
        }
        const res = h.setAutoscaler(r.id, { ...sc.spec, minReplicas: min, maxReplicas: max });
        if (!res.ok) return { ok: false, message: res.error };
        return { ok: true, message: `${r.id} scaled to ${min === max ? `${min}` : `${min}–${max}`} replicas` };
      }
      case 'policy:change':
        if (p.balancer === undefined) return { ok: false, message: 'which balancer? (none given)' };
        return h.setBalancer(r.id, p.balancer) ? { ok: true, message: `${r.id} now balances with ${p.balancer}` } : { ok: false, message: `the balancer of "${r.id}" could not be switched` };
      case 'instance:create':
        if (p.type === undefined) return { ok: false, message: 'which instance type? (none given)' };
        return h.operate({ op: 'create', type: p.type, count: p.count ?? 1, ...(r.tenant !== null ? { tenant: r.tenant } : {}) });
      case 'instance:delete':
        return h.operate({ op: 'terminate', instance: r.id });
      case 'instance:resize':
        if (p.type === undefined) return { ok: false, message: 'which instance type? (none given)' };
        return h.operate({ op: 'resize', instance: r.id, type: p.type });
      case 'instance:migrate':
        return h.operate({ op: 'migrate', instance: r.id, ...(p.host !== undefined ? { host: p.host } : {}) });
      case 'host:fault':
        return h.operate({ op: 'kill-host', host: r.id });
      case 'bill:read':
      case 'service:read':
      case 'instance:read':
      case 'host:read':
      case 'function:read':
        return { ok: true, message: 'read' };
      default:
        return { ok: false, message: `${action} cannot be carried out from the timeline` };
    }
  }

  summary(): IamSummary {
    const audit = this.trail.entries();
    return {
      principals: this.principals().map((p) => ({ id: p.id, kind: p.kind, name: p.name ?? p.id, roles: p.bindings.map((b) => (b.tenant === undefined ? b.role : `${b.role}@${b.tenant}`)) })),
      allowed: audit.filter((e) => e.allowed).length,
      denied: audit.filter((e) => !e.allowed).length,
      crossTenantDenied: audit.filter((e) => e.kind === 'cross-tenant').length,
      dropped: this.trail.dropped,
      audit,
    };
  }
}
