/**
 * What the console's tenancy panel shows, as plain data: per tenant its isolation level, weight,
 * quota caps against its live usage, refusals and dominant share; Jain's index; the queue policy;
 * the latest refusals with their reasons.
 */
import type { ComputeModel } from '../compute/compute';
import type { Scenario } from '../scenario/schema';
import type { IsolationLevel } from './isolation';
import type { QuotaRefusal } from './quota';
import type { TenancyMonitor } from './monitor';

export interface TenantView {
  id: string;
  isolation: IsolationLevel;
  weight: number;
  /** Caps of the tenant's quota (absent: no cap on that resource). */
  quota: { vcpu?: number; memoryGiB?: number; instances?: number };
  usage: { vcpu: number; memoryGiB: number; instances: number };
  refused: number;
  dominantShare: { last: number; mean: number; peak: number };
  /** Hosts now holding its instances. */
  hosts: number;
}

export interface TenancyView {
  queue: Scenario['scheduler']['queue'];
  jain: { last: number; mean: number; min: number };
  tenants: TenantView[];
  /** `quota`: the refusal as data (absent from older runs); `notReplaced`: a replacement was refused. */
  refusals: Array<{ t: number; tenant: string; subject: string; count: number; reason: string; quota?: QuotaRefusal; notReplaced?: boolean }>;
}

export function tenancyView(scenario: Scenario, compute: ComputeModel, monitor: TenancyMonitor): TenancyView {
  const s = monitor.summary();
  const specs = new Map((scenario.tenants ?? []).map((t) => [t.id, t]));
  const hosts = new Map<string, Set<number>>();
  for (const inst of compute.instances) {
    if (inst.host < 0 || inst.req.tenant === null) continue;
    let set = hosts.get(inst.req.tenant);
    if (!set) hosts.set(inst.req.tenant, (set = new Set()));
    set.add(inst.host);
  }
  return {
    queue: scenario.scheduler.queue,
    jain: { last: s.jain.last, mean: s.jain.mean, min: s.jain.min },
    tenants: s.tenants.map((t) => {
      const q = specs.get(t.id)?.quota;
      const quota: TenantView['quota'] = {};
      if (q?.vcpu !== undefined) quota.vcpu = q.vcpu;
      if (q?.memoryGiB !== undefined) quota.memoryGiB = q.memoryGiB;
      if (q?.instances !== undefined) quota.instances = q.instances;
      return {
        id: t.id,
        isolation: specs.get(t.id)?.isolation ?? 'shared',
        weight: t.weight,
        quota,
        usage: t.usage,
        refused: t.refused,
        dominantShare: t.dominantShare,
        hosts: hosts.get(t.id)?.size ?? 0,
      };
    }),
    refusals: compute.recentRefusals.slice().reverse(),
  };
}
