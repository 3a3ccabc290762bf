/**
 * TenantIsolation filter: tenants' isolation levels (`tenancy/isolation.ts`). Kubernetes has no
 * single plug-in for it; clusters build it from per-tenant taints and tolerations plus node
 * affinity, or sole-tenant node groups. Reasons: "held by tenant globex (dedicated hosts)",
 * "held by tenant acme", "pool not dedicated to tenant acme".
 */
import { isolationReason } from '../../tenancy/isolation';
import type { InstanceRequest, SchedulingContext } from '../types';
import type { FilterBatch, SchedulerFilter } from './filters';

export class TenantIsolation implements SchedulerFilter {
  readonly name = 'TenantIsolation';
  /** Runs only when some tenant is isolated (a cluster without isolated tenants pays nothing). */
  preFilter(ctx: SchedulingContext): boolean {
    return ctx.hosts.tenants?.any === true;
  }
  reset(): void {}
  filter(ctx: SchedulingContext, req: InstanceRequest, host: number): string | null {
    const t = ctx.hosts.tenants;
    if (!t?.any) return null;
    return isolationReason(t, ctx.hosts.poolDedicatedTo[ctx.hosts.pool[host]!] ?? null, host, req.tenant);
  }
  filterMany(ctx: SchedulingContext, req: InstanceRequest, b: FilterBatch, index: number): void {
    const t = ctx.hosts.tenants;
    if (!t?.any) return;
    const { pool, poolDedicatedTo } = ctx.hosts;
    const { hosts, pos, failFilter, failReason } = b;
    let m = 0;
    for (let i = 0; i < b.n; i++) {
      const p = pos[i]!;
      const h = hosts[p]!;
      const r = isolationReason(t, poolDedicatedTo[pool[h]!] ?? null, h, req.tenant);
      if (r === null) pos[m++] = p;
      else {
        failFilter[p] = index;
        failReason[p] = r;
      }
    }
    b.n = m;
  }
}
