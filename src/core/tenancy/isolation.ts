/**
 * Tenant isolation on hosts. A tenant's isolation level says which hosts its instances may share:
 *
 * - `shared` (default): any host its placement allows, next to anyone (and, on overcommitted
 *   hosts, slowed by busy neighbours: `sim/contention.ts`);
 * - `dedicated-hosts` (EC2 Dedicated Hosts, GKE sole-tenant nodes, or Kubernetes taints plus
 *   affinity per tenant): its instances go only on hosts holding no other tenant's instances, and a
 *   host holding its instances takes no other tenant's until they are gone; it pays for those hosts
 *   whole (billing: their unrequested capacity is its cost, not shared idle);
 * - `separate-pool`: only pools dedicated to it (`hostPools[].dedicatedTo`).
 *
 * `HostTenants` counts instances per tenant per host (untenanted instances count under ''), for
 * the scheduler's TenantIsolation filter and the isolation invariant.
 */

export const ISOLATION_LEVELS = ['shared', 'dedicated-hosts', 'separate-pool'] as const;
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

/** The key of an instance's tenant in the counts ('' for untenanted instances). */
export function tenantKey(tenant: string | null | undefined): string {
  return tenant ?? '';
}

/** How a tenant key reads in reasons ("tenant globex", "untenanted instances"). */
export function tenantLabel(key: string): string {
  return key === '' ? 'untenanted instances' : `tenant ${key}`;
}

export class HostTenants {
  /** Isolation of every tenant that is not shared. */
  readonly isolation: ReadonlyMap<string, IsolationLevel>;
  /** Tenants with dedicated-hosts isolation, in declaration order. */
  readonly dedicated: readonly string[];
  private readonly counts = new Map<string, Int32Array>();

  constructor(
    readonly hostCount: number,
    tenants: ReadonlyArray<{ id: string; isolation?: IsolationLevel }>,
  ) {
    const iso = new Map<string, IsolationLevel>();
    for (const t of tenants) if (t.isolation && t.isolation !== 'shared') iso.set(t.id, t.isolation);
    this.isolation = iso;
    this.dedicated = tenants.filter((t) => t.isolation === 'dedicated-hosts').map((t) => t.id);
  }

  /** Whether any tenant is isolated (the filter has nothing to do otherwise). */
  get any(): boolean {
    return this.isolation.size > 0;
  }

  levelOf(tenant: string | null): IsolationLevel {
    return tenant === null ? 'shared' : (this.isolation.get(tenant) ?? 'shared');
  }

  /** Binds (+1) or releases (−1) one instance of a tenant on a host. */
  apply(host: number, tenant: string | null, sign: 1 | -1): void {
    const k = tenantKey(tenant);
    let c = this.counts.get(k);
    if (!c) {
      c = new Int32Array(this.hostCount);
      this.counts.set(k, c);
    }
    c[host]! += sign;
  }

  /** Instances of a tenant (null: untenanted) on a host. */
  count(host: number, tenant: string | null): number {
    return this.counts.get(tenantKey(tenant))?.[host] ?? 0;
  }

  /** The first tenant key (in first-seen order) other than `tenant`'s with instances on the host, or null. */
  otherOn(host: number, tenant: string | null): string | null {
    const me = tenantKey(tenant);
    for (const [k, c] of this.counts) if (k !== me && c[host]! > 0) return k;
    return null;
  }

  /** The dedicated-hosts tenant other than `tenant` holding the host, or null. */
  dedicatedHolder(host: number, tenant: string | null): string | null {
    for (const d of this.dedicated) if (d !== tenant && (this.counts.get(d)?.[host] ?? 0) > 0) return d;
    return null;
  }
}

const reasons = new Map<string, string>();
function cached(r: string): string {
  let x = reasons.get(r);
  if (x === undefined) {
    x = r;
    reasons.set(r, r);
  }
  return x;
}

/**
 * Why a host refuses a tenant's instance under isolation, or null when it may take it:
 * - a host held by a dedicated-hosts tenant D takes nobody else: "held by tenant D (dedicated hosts)";
 * - a dedicated-hosts tenant's instance needs a host no one else holds: "held by tenant X" (or "held
 *   by untenanted instances");
 * - a separate-pool tenant's instance needs a pool dedicated to it: "pool not dedicated to tenant T".
 * Reason strings are interned (one per tenant), so the scheduler counts them cheaply.
 */
export function isolationReason(t: HostTenants, poolDedicatedTo: string | null, host: number, tenant: string | null): string | null {
  const level = t.levelOf(tenant);
  if (level === 'separate-pool' && poolDedicatedTo !== tenant) return cached(`pool not dedicated to tenant ${tenant}`);
  const d = t.dedicatedHolder(host, tenant);
  if (d !== null) return cached(`held by tenant ${d} (dedicated hosts)`);
  if (level === 'dedicated-hosts') {
    const o = t.otherOn(host, tenant);
    if (o !== null) return cached(`held by ${tenantLabel(o)}`);
  }
  return null;
}

/**
 * The isolation invariant for one host, given the tenants of the instances bound to it (null:
 * untenanted) and the tenant its pool is dedicated to: null when it holds, else what is wrong
 * ("holds tenant globex (dedicated hosts) and tenant acme", "holds tenant acme (separate pool) on a
 * shared pool").
 */
export function isolationViolation(t: HostTenants, tenants: ReadonlyArray<string | null>, poolDedicatedTo: string | null): string | null {
  const keys = [...new Set(tenants.map(tenantKey))];
  for (const k of keys) {
    const level = t.levelOf(k === '' ? null : k);
    if (level === 'separate-pool' && poolDedicatedTo !== k) return `holds tenant ${k} (separate pool) on a pool not dedicated to it`;
    if (level === 'dedicated-hosts' && keys.length > 1) {
      const other = keys.find((x) => x !== k)!;
      return `holds tenant ${k} (dedicated hosts) and ${tenantLabel(other)}`;
    }
  }
  return null;
}
