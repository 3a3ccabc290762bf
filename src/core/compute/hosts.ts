import { durationSeconds } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import type { HostTable, Taint } from './types';

/**
 * The hosts of a scenario as a struct of arrays (10,000 hosts scan fast), with per-group counts
 * for affinity, anti-affinity and topology spread. Only the compute model writes to it; the
 * scheduler reads it through the HostTable interface.
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
  readonly poolTaints: Taint[][] = [];
  readonly poolDedicatedTo: Array<string | null> = [];
  readonly poolFirstHost: number[] = [];
  readonly poolMtbf: number[] = [];
  readonly poolMttr: number[] = [];
  /** Physical (not overcommitted) capacity, for reporting. */
  readonly vcpu: Float64Array;
  readonly memGiB: Float64Array;
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
    const n = scenario.hostPools.reduce((a, p) => a + p.count, 0);
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
    let h = 0;
    scenario.hostPools.forEach((p, pi) => {
      this.poolNames.push(p.id);
      this.poolTaints.push(p.taints.map((t) => ({ ...t })));
      this.poolDedicatedTo.push(p.dedicatedTo ?? null);
      this.poolFirstHost.push(h);
      this.poolMtbf.push(p.mtbf === undefined ? Infinity : durationSeconds(p.mtbf));
      this.poolMttr.push(durationSeconds(p.mttr));
      const z = zoneIndex.get(p.zone)!;
      for (let k = 0; k < p.count; k++, h++) {
        this.id.push(`${p.id}-${k}`);
        this.pool[h] = pi;
        this.zone[h] = z;
        this.region[h] = zoneRegion[z]!;
        this.indexInPool[h] = k;
        this.vcpu[h] = p.shape.vcpu;
        this.memGiB[h] = p.shape.memoryGiB;
        this.cpuCap[h] = p.shape.vcpu * p.overcommit.cpu;
        this.memCap[h] = p.shape.memoryGiB * p.overcommit.memory;
        this.gpuCap[h] = p.shape.gpu ?? 0;
      }
    });
  }

  /** Recomputes whether a host takes new instances. */
  refresh(host: number): void {
    this.schedulable[host] = this.failed[host] === 0 && this.poweredOn[host] === 1 && this.cordoned[host] === 0 ? 1 : 0;
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

  /** Binds (sign +1) or releases (−1) an instance's resources on a host. */
  apply(host: number, cpu: number, mem: number, gpu: number, group: number, sign: 1 | -1): void {
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
