/**
 * Tenant quotas enforced at admission (Kubernetes ResourceQuota): hard caps on the summed requests
 * (vCPU, memory) and the count of a tenant's live instances, overall and per region. A create
 * that would pass a cap is refused with the reason ("tenant acme: requests.cpu would be 68/64");
 * instances that already exist are never touched. Also the LimitRange-style limit defaults.
 *
 * Pure bookkeeping: the caller (the compute model) says what is live; this module decides.
 */
import type { Scenario } from '../scenario/schema';
import { quotaRefusalSaid, type QuotaRefusal } from '../compute/said';

export type TenantSpec = NonNullable<Scenario['tenants']>[number];

/** One live instance as the quota sees it. */
export interface QuotaUse {
  tenant: string | null;
  cpu: number;
  mem: number;
  /** The regions it counts in: its host's once placed, else every region its zones allow. */
  regions: readonly string[];
}

/** What a create asks for. */
export interface QuotaRequest {
  cpu: number;
  mem: number;
  regions: readonly string[];
}

interface Caps {
  vcpu: number;
  memoryGiB: number;
  instances: number;
}

/** A tenant's current usage, overall and per region (the regions it has a quota in). */
export interface TenantUsage {
  cpu: number;
  mem: number;
  instances: number;
  perRegion: Map<string, { cpu: number; mem: number; instances: number }>;
}

/** Thrown by admission paths that cannot return a result: the quota's refusal. */
export class QuotaExceededError extends Error {
  constructor(
    readonly tenant: string,
    message: string,
  ) {
    super(message);
    this.name = 'QuotaExceededError';
  }
}

/** A quota's refusal as data (defined beside its sentences in ../compute/said, which the console may load). */
export type { QuotaRefusal } from '../compute/said';
export { quotaRefusalSaid };

const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);

/** The refusal in words ("tenant acme: requests.cpu would be 68/64"), as the compute log and the CLI print it. */
export function quotaRefusalText(r: QuotaRefusal): string {
  return quotaRefusalSaid(r).text;
}

export class TenantQuotas {
  private readonly total = new Map<string, Caps>();
  private readonly regional = new Map<string, Map<string, Caps>>();
  private readonly limitFactor = new Map<string, number>();
  readonly weights = new Map<string, number>();
  /** Tenant ids in declaration order. */
  readonly ids: string[] = [];

  constructor(tenants: readonly TenantSpec[]) {
    const caps = (q: { vcpu?: number | undefined; memoryGiB?: number | undefined; instances?: number | undefined }): Caps => ({
      vcpu: q.vcpu ?? Infinity,
      memoryGiB: q.memoryGiB ?? Infinity,
      instances: q.instances ?? Infinity,
    });
    for (const t of tenants) {
      this.ids.push(t.id);
      this.weights.set(t.id, t.weight ?? 1);
      if (t.limitDefaults?.containerLimitFactor !== undefined) this.limitFactor.set(t.id, t.limitDefaults.containerLimitFactor);
      if (!t.quota) continue;
      this.total.set(t.id, caps(t.quota));
      if (t.quota.perRegion.length) this.regional.set(t.id, new Map(t.quota.perRegion.map((r) => [r.region, caps(r)])));
    }
  }

  /** Whether creates of this tenant are checked at all (it has a quota). */
  hasQuota(tenant: string | null): tenant is string {
    return tenant !== null && this.total.has(tenant);
  }

  /** The LimitRange default: containers without limits get this factor × their requests (1: none). */
  containerLimitFactor(tenant: string | null): number {
    return (tenant !== null && this.limitFactor.get(tenant)) || 1;
  }

  /** Sums the usage of one tenant over the live instances. */
  usage(tenant: string, live: Iterable<QuotaUse>): TenantUsage {
    const u: TenantUsage = { cpu: 0, mem: 0, instances: 0, perRegion: new Map() };
    const regions = this.regional.get(tenant);
    if (regions) for (const r of regions.keys()) u.perRegion.set(r, { cpu: 0, mem: 0, instances: 0 });
    for (const x of live) if (x.tenant === tenant) add(u, x, 1);
    return u;
  }

  /**
   * Admission of `count` creates of one request, all or none, against a usage (from `usage`): null
   * when admitted (the usage then includes them), else the refusal reason (the usage is unchanged).
   * Totals are checked first, then regions in the order the quota lists them; within one, cpu,
   * memory, then the count.
   */
  admit(tenant: string, req: QuotaRequest, u: TenantUsage, count = 1): string | null {
    const r = this.check(tenant, req, u, count);
    return r === null ? null : quotaRefusalText(r);
  }

  /** `admit`, with the refusal as data (quotaRefusalText words it). */
  check(tenant: string, req: QuotaRequest, u: TenantUsage, count = 1): QuotaRefusal | null {
    const total = this.total.get(tenant);
    if (!total) return null;
    const over = exceeds(total, u.cpu + count * req.cpu, u.mem + count * req.mem, u.instances + count);
    if (over) return { tenant, region: null, ...over };
    const regions = this.regional.get(tenant);
    if (regions) {
      for (const [region, caps] of regions) {
        if (!req.regions.includes(region)) continue;
        const r = u.perRegion.get(region)!;
        const o = exceeds(caps, r.cpu + count * req.cpu, r.mem + count * req.mem, r.instances + count);
        if (o) return { tenant, region, ...o };
      }
    }
    add(u, { tenant, ...req }, count);
    return null;
  }

  /** Every cap a usage passes (the invariant: always empty for usage built only through `admit`). */
  violations(tenant: string, u: TenantUsage): string[] {
    const out: string[] = [];
    const total = this.total.get(tenant);
    if (!total) return out;
    const eps = 1e-9;
    const check = (caps: Caps, x: { cpu: number; mem: number; instances: number }, where: string) => {
      if (x.cpu > caps.vcpu + eps) out.push(`${where}: requests.cpu ${fmt(x.cpu)}/${fmt(caps.vcpu)}`);
      if (x.mem > caps.memoryGiB + eps) out.push(`${where}: requests.memory ${fmt(x.mem)}/${fmt(caps.memoryGiB)}`);
      if (x.instances > caps.instances) out.push(`${where}: instances ${x.instances}/${caps.instances}`);
    };
    check(total, u, `tenant ${tenant}`);
    for (const [region, caps] of this.regional.get(tenant) ?? []) check(caps, u.perRegion.get(region)!, `tenant ${tenant} in ${region}`);
    return out;
  }
}

function exceeds(caps: Caps, cpu: number, mem: number, instances: number): Pick<QuotaRefusal, 'resource' | 'would' | 'cap'> | null {
  const eps = 1e-9;
  if (cpu > caps.vcpu + eps) return { resource: 'cpu', would: cpu, cap: caps.vcpu };
  if (mem > caps.memoryGiB + eps) return { resource: 'memory', would: mem, cap: caps.memoryGiB };
  if (instances > caps.instances) return { resource: 'instances', would: instances, cap: caps.instances };
  return null;
}

function add(u: TenantUsage, x: QuotaUse, count: number): void {
  u.cpu += count * x.cpu;
  u.mem += count * x.mem;
  u.instances += count;
  for (const r of x.regions) {
    const p = u.perRegion.get(r);
    if (!p) continue;
    p.cpu += count * x.cpu;
    p.mem += count * x.mem;
    p.instances += count;
  }
}
