import { durationSeconds } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import { HostTenants } from '../tenancy/isolation';
import type { HostTable, Taint } from './types';

/**
 * Default price of a host per hour (USD) when its pool gives none: vCPU × 0.04 + memory GiB × 0.005
 * + GPUs × 0.5. An assumption, used only to compare pools (the cheapest expander) until billing is
 * modelled.
 */
export function defaultHostPrice(shape: { vcpu: number; memoryGiB: number; gpu?: number }): number {
  return shape.vcpu * 0.04 + shape.memoryGiB * 0.005 + (shape.gpu ?? 0) * 0.5;
}

/**
 * The hosts of a scenario as a struct of arrays (10,000 hosts scan fast), with per-group counts
 * for affinity, anti-affinity and topology spread. Only the compute model writes to it; the
 * scheduler reads it through the HostTable interface.
 *
 * Layout: every pool's initial `count` hosts come first, pool after pool (so a pool's initial hosts
 * are [poolFirstHost, poolFirstHost + count)); then, with an enabled cluster autoscaler, the slots
 * of pools whose maxCount exceeds count, pool after pool (`poolHosts` lists a pool's hosts in
 * order). A slot that is not provisioned has no capacity, is powered off and takes nothing
 * (`provisioned` 0); `provision` and `deprovision` turn it into a host and back.
 */
export class Hosts implements HostTable {
  readonly count: number;
  readonly id: string[] = [];
  readonly pool: Int32Array;
  readonly zone: Int32Array;
  readonly region: Int32Array;
  readonly zoneNames: string[] = [];
  readonly regionNames: string[] = [];
  readonly poolNames: string[] = [];
  /** Index of a host's position within its pool. */
  readonly indexInPool: Int32Array;
  readonly cpuCap: Float64Array;
  readonly memCap: Float64Array;
  readonly gpuCap: Float64Array;
  readonly cpuAlloc: Float64Array;
  readonly memAlloc: Float64Array;
  readonly gpuAlloc: Float64Array;
  readonly instances: Int32Array;
  readonly schedulable: Uint8Array;
  /** Host state: failed (1), powered on (1), cordoned (1: draining or being emptied). */
  readonly failed: Uint8Array;
  readonly poweredOn: Uint8Array;
  readonly cordoned: Uint8Array;
  /** 1 when the host exists (the initial fleet, or provisioned by the cluster autoscaler). */
  readonly provisioned: Uint8Array;
  readonly poolTaints: Taint[][] = [];
  readonly poolDedicatedTo: Array<string | null> = [];
  readonly poolFirstHost: number[] = [];
  readonly poolMtbf: number[] = [];
  readonly poolMttr: number[] = [];
  /** Every host slot of each pool, in pool order (initial hosts, then autoscaler slots). */
  readonly poolHosts: number[][] = [];
  /** Cluster autoscaler bounds per pool (both the pool's count for pools it does not manage). */
  readonly poolMin: number[] = [];
  readonly poolMax: number[] = [];
  /** Price of one host per hour (pricePerHour, or defaultHostPrice). */
  readonly poolPrice: number[] = [];
  /** Zone index of each pool. */
  readonly poolZone: number[] = [];
  /** Allocatable capacity of one host of each pool (overcommit included), and its physical size. */
  readonly poolCpuCap: number[] = [];
  readonly poolMemCap: number[] = [];
  readonly poolGpuCap: number[] = [];
  private readonly poolVcpu: number[] = [];
  private readonly poolMemGiB: number[] = [];
  /** Physical (not overcommitted) capacity, for reporting. */
  readonly vcpu: Float64Array;
  readonly memGiB: Float64Array;
  /** Instances per tenant per host, and tenants' isolation levels. */
  readonly tenants: HostTenants;
  private readonly groupHost = new Map<number, Int32Array>();
  private readonly groupZone = new Map<number, Int32Array>();

  constructor(scenario: Scenario) {
    const zoneIndex = new Map<string, number>();
    const regionIndex = new Map<string, number>();
    const zoneRegion: number[] = [];
    scenario.regions.forEach((r) => {
      regionIndex.set(r.id, this.regionNames.length);
      this.regionNames.push(r.id);
      r.zones.forEach((z) => {
        zoneIndex.set(z.id, this.zoneNames.length);
        this.zoneNames.push(z.id);
        zoneRegion.push(regionIndex.get(r.id)!);
      });
    });
    const ca = scenario.clusterAutoscaler;
    const autoscaled = ca !== undefined && ca.enabled;
    // A pool is the autoscaler's to resize when it gives minCount or maxCount; others keep their count.
    const managed = (p: Scenario['hostPools'][number]) => autoscaled && (p.minCount !== undefined || p.maxCount !== undefined);
    const slotsOf = (p: Scenario['hostPools'][number]) => (managed(p) && p.maxCount !== undefined && p.maxCount > p.count ? p.maxCount - p.count : 0);
    const n = scenario.hostPools.reduce((a, p) => a + p.count + slotsOf(p), 0);
    this.count = n;
    this.pool = new Int32Array(n);
    this.zone = new Int32Array(n);
    this.region = new Int32Array(n);
    this.indexInPool = new Int32Array(n);
    this.cpuCap = new Float64Array(n);
    this.memCap = new Float64Array(n);
    this.gpuCap = new Float64Array(n);
    this.cpuAlloc = new Float64Array(n);
    this.memAlloc = new Float64Array(n);
    this.gpuAlloc = new Float64Array(n);
    this.instances = new Int32Array(n);
    this.schedulable = new Uint8Array(n).fill(1);
    this.failed = new Uint8Array(n);
    this.poweredOn = new Uint8Array(n).fill(1);
    this.cordoned = new Uint8Array(n);
    this.vcpu = new Float64Array(n);
    this.memGiB = new Float64Array(n);
    this.provisioned = new Uint8Array(n).fill(1);
    this.tenants = new HostTenants(n, scenario.tenants ?? []);
    let h = 0;
    scenario.hostPools.forEach((p, pi) => {
      this.poolNames.push(p.id);
      this.poolTaints.push(p.taints.map((t) => ({ ...t })));
      this.poolDedicatedTo.push(p.dedicatedTo ?? null);
      this.poolFirstHost.push(h);
      this.poolMtbf.push(p.mtbf === undefined ? Infinity : durationSeconds(p.mtbf));
      this.poolMttr.push(durationSeconds(p.mttr));
      const z = zoneIndex.get(p.zone)!;
      this.poolZone.push(z);
      this.poolHosts.push([]);
      this.poolMin.push(managed(p) ? (p.minCount ?? 0) : p.count);
      this.poolMax.push(p.count + slotsOf(p));
      this.poolPrice.push(p.pricePerHour ?? defaultHostPrice(p.shape));
      this.poolVcpu.push(p.shape.vcpu);
      this.poolMemGiB.push(p.shape.memoryGiB);
      this.poolCpuCap.push(p.shape.vcpu * p.overcommit.cpu);
      this.poolMemCap.push(p.shape.memoryGiB * p.overcommit.memory);
      this.poolGpuCap.push(p.shape.gpu ?? 0);
      for (let k = 0; k < p.count; k++, h++) this.place(h, pi, k, zoneRegion, true);
    });
    scenario.hostPools.forEach((p, pi) => {
      for (let k = p.count; k < p.count + slotsOf(p); k++, h++) this.place(h, pi, k, zoneRegion, false);
    });
  }

  private place(h: number, pool: number, k: number, zoneRegion: readonly number[], provisioned: boolean): void {
    const z = this.poolZone[pool]!;
    this.id.push(`${this.poolNames[pool]}-${k}`);
    this.pool[h] = pool;
    this.zone[h] = z;
    this.region[h] = zoneRegion[z]!;
    this.indexInPool[h] = k;
    this.poolHosts[pool]!.push(h);
    if (provisioned) this.setCapacity(h, true);
    else {
      this.provisioned[h] = 0;
      this.poweredOn[h] = 0;
      this.schedulable[h] = 0;
    }
  }

  private setCapacity(h: number, on: boolean): void {
    const p = this.pool[h]!;
    this.vcpu[h] = on ? this.poolVcpu[p]! : 0;
    this.memGiB[h] = on ? this.poolMemGiB[p]! : 0;
    this.cpuCap[h] = on ? this.poolCpuCap[p]! : 0;
    this.memCap[h] = on ? this.poolMemCap[p]! : 0;
    this.gpuCap[h] = on ? this.poolGpuCap[p]! : 0;
  }

  /** A slot becomes a host of its pool: full capacity, powered on, up, schedulable. */
  provision(h: number): void {
    this.setCapacity(h, true);
    this.provisioned[h] = 1;
    this.poweredOn[h] = 1;
    this.failed[h] = 0;
    this.cordoned[h] = 0;
    this.refresh(h);
  }

  /** An empty host goes back to being a slot: no capacity, powered off, not schedulable. */
  deprovision(h: number): void {
    this.setCapacity(h, false);
    this.provisioned[h] = 0;
    this.poweredOn[h] = 0;
    this.failed[h] = 0;
    this.cordoned[h] = 0;
    this.refresh(h);
  }

  /** Provisioned hosts of a pool. */
  provisionedIn(pool: number): number {
    let n = 0;
    for (const h of this.poolHosts[pool]!) n += this.provisioned[h]!;
    return n;
  }

  /** Recomputes whether a host takes new instances. */
  refresh(host: number): void {
    this.schedulable[host] = this.provisioned[host] === 1 && this.failed[host] === 0 && this.poweredOn[host] === 1 && this.cordoned[host] === 0 ? 1 : 0;
  }

  groupCount(host: number, group: number): number {
    return this.groupHost.get(group)?.[host] ?? 0;
  }

  groupZoneCount(group: number): Int32Array {
    let z = this.groupZone.get(group);
    if (!z) {
      z = new Int32Array(this.zoneNames.length);
      this.groupZone.set(group, z);
    }
    return z;
  }

  /** Changes a host's allocation without adding or removing an instance (resize, reservations). */
  adjust(host: number, cpu: number, mem: number, gpu: number): void {
    this.cpuAlloc[host]! += cpu;
    this.memAlloc[host]! += mem;
    this.gpuAlloc[host]! += gpu;
  }

  /** Binds (sign +1) or releases (−1) an instance's resources on a host (and counts it for its tenant). */
  apply(host: number, cpu: number, mem: number, gpu: number, group: number, sign: 1 | -1, tenant: string | null = null): void {
    this.tenants.apply(host, tenant, sign);
    this.cpuAlloc[host]! += sign * cpu;
    this.memAlloc[host]! += sign * mem;
    this.gpuAlloc[host]! += sign * gpu;
    this.instances[host]! += sign;
    if (group >= 0) {
      let g = this.groupHost.get(group);
      if (!g) {
        g = new Int32Array(this.count);
        this.groupHost.set(group, g);
      }
      g[host]! += sign;
      this.groupZoneCount(group)[this.zone[host]!]! += sign;
    }
  }
}
