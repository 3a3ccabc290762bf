/**
 * Tenancy in a run: samples each declared tenant's share of the cluster (allocated requests over
 * allocatable capacity), its dominant share and Jain's index over dominant share / weight, and
 * summarises quotas, usage and refusals for the results.
 */
import type { ComputeModel } from '../compute/compute';
import { fairnessSample, type FairnessSample } from './fairness';

export interface TenantSummary {
  id: string;
  weight: number;
  /** Requests of live (not terminated or failed) instances at the end. */
  usage: { vcpu: number; memoryGiB: number; instances: number };
  /** Creates refused by the tenant's quota. */
  refused: number;
  /** Dominant share over the samples: mean and peak (0 without samples). */
  dominantShare: { mean: number; peak: number; last: number };
}

export interface TenancySummary {
  tenants: TenantSummary[];
  /** Jain's index over dominant share / weight: mean and lowest over the samples (1 without samples). */
  jain: { mean: number; min: number; last: number };
  /** Creates refused by a quota, all tenants. */
  refused: number;
  samples: number;
  /** Quota caps passed by live instances at the end (always empty: admission keeps them within). */
  violations: string[];
}

export class TenancyMonitor {
  readonly ids: string[];
  private readonly weights: number[];
  private readonly index = new Map<string, number>();
  private samples = 0;
  private readonly shareSum: number[];
  private readonly sharePeak: number[];
  private jainSum = 0;
  private jainMin = 1;
  private last: FairnessSample | null = null;

  constructor(private readonly compute: ComputeModel) {
    const q = compute.quotas;
    this.ids = q ? q.ids.slice() : [];
    this.weights = this.ids.map((t) => q!.weights.get(t) ?? 1);
    this.ids.forEach((t, i) => this.index.set(t, i));
    this.shareSum = this.ids.map(() => 0);
    this.sharePeak = this.ids.map(() => 0);
  }

  /** Shares now: requests of instances bound to hosts over the capacity of provisioned, working hosts. */
  sample(): FairnessSample {
    const c = this.compute;
    const h = c.hosts;
    let cpuCap = 0;
    let memCap = 0;
    for (let i = 0; i < h.count; i++) {
      if (h.provisioned[i] === 1 && h.failed[i] === 0) {
        cpuCap += h.cpuCap[i]!;
        memCap += h.memCap[i]!;
      }
    }
    const alloc = this.ids.map(() => ({ cpu: 0, mem: 0 }));
    for (const j of c.liveInstances()) {
      const inst = c.instances[j]!;
      if (inst.host < 0 || inst.state === 'terminated' || inst.state === 'failed' || inst.state === 'pending') continue;
      const t = inst.req.tenant === null ? undefined : this.index.get(inst.req.tenant);
      if (t === undefined) continue;
      alloc[t]!.cpu += inst.cpu;
      alloc[t]!.mem += inst.mem;
    }
    const s = fairnessSample(this.ids, this.weights, alloc, { cpu: cpuCap, mem: memCap });
    this.samples++;
    s.tenants.forEach((x, i) => {
      this.shareSum[i]! += x.dominantShare;
      if (x.dominantShare > this.sharePeak[i]!) this.sharePeak[i] = x.dominantShare;
    });
    this.jainSum += s.jain;
    if (s.jain < this.jainMin) this.jainMin = s.jain;
    this.last = s;
    return s;
  }

  summary(): TenancySummary {
    const c = this.compute;
    const usage = this.ids.map(() => ({ vcpu: 0, memoryGiB: 0, instances: 0 }));
    for (const j of c.liveInstances()) {
      const inst = c.instances[j]!;
      if (inst.state === 'terminated' || inst.state === 'failed' || inst.req.tenant === null) continue;
      const t = this.index.get(inst.req.tenant);
      if (t === undefined) continue;
      usage[t]!.vcpu += inst.cpu;
      usage[t]!.memoryGiB += inst.mem;
      usage[t]!.instances++;
    }
    let refused = 0;
    for (const n of c.quotaRefusals.values()) refused += n;
    return {
      tenants: this.ids.map((id, i) => ({
        id,
        weight: this.weights[i]!,
        usage: usage[i]!,
        refused: c.quotaRefusals.get(id) ?? 0,
        dominantShare: {
          mean: this.samples ? this.shareSum[i]! / this.samples : 0,
          peak: this.sharePeak[i]!,
          last: this.last?.tenants[i]!.dominantShare ?? 0,
        },
      })),
      jain: { mean: this.samples ? this.jainSum / this.samples : 1, min: this.jainMin, last: this.last?.jain ?? 1 },
      refused,
      samples: this.samples,
      violations: c.quotaViolations(),
    };
  }
}
