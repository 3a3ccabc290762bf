/**
 * Test helper: a small, self-contained HostTable with bind/unbind, and request/context builders.
 * Used by the scheduler's tests and benchmarks only.
 */
import { RandomStream } from '../../engine/random';
import type { HostTable, InstanceRequest, SchedulingContext, Taint } from '../types';
import type { HostInstance } from './scheduler';

export interface HostSpec {
  cpu: number;
  mem: number;
  gpu?: number;
  zone?: number;
  pool?: number;
  schedulable?: boolean;
  id?: string;
}

export interface PoolSpec {
  name?: string;
  taints?: Taint[];
  dedicatedTo?: string | null;
}

export class FixtureHosts implements HostTable {
  readonly count: number;
  readonly id: string[];
  readonly pool: Int32Array;
  readonly zone: Int32Array;
  readonly region: Int32Array;
  readonly zoneNames: string[];
  readonly regionNames: string[] = ['r-0'];
  readonly poolNames: string[];
  readonly cpuCap: Float64Array;
  readonly memCap: Float64Array;
  readonly gpuCap: Float64Array;
  readonly cpuAlloc: Float64Array;
  readonly memAlloc: Float64Array;
  readonly gpuAlloc: Float64Array;
  readonly instances: Int32Array;
  readonly schedulable: Uint8Array;
  readonly poolTaints: Taint[][];
  readonly poolDedicatedTo: Array<string | null>;
  /** Instances bound to each host (for preemption's instancesOn). */
  readonly bound: HostInstance[][];
  private readonly byHost = new Map<number, Int32Array>();
  private readonly byZone = new Map<number, Int32Array>();

  constructor(opts: { hosts: HostSpec[]; zones?: number; pools?: PoolSpec[] }) {
    const n = opts.hosts.length;
    this.count = n;
    let zones = opts.zones ?? 1;
    for (const h of opts.hosts) if ((h.zone ?? 0) + 1 > zones) zones = (h.zone ?? 0) + 1;
    this.zoneNames = Array.from({ length: zones }, (_, i) => `z-${i}`);
    const pools = opts.pools ?? [{}];
    this.poolNames = pools.map((p, i) => p.name ?? `p-${i}`);
    this.poolTaints = pools.map((p) => p.taints ?? []);
    this.poolDedicatedTo = pools.map((p) => p.dedicatedTo ?? null);
    this.id = opts.hosts.map((h, i) => h.id ?? `h-${i}`);
    this.pool = Int32Array.from(opts.hosts, (h) => h.pool ?? 0);
    this.zone = Int32Array.from(opts.hosts, (h) => h.zone ?? 0);
    this.region = new Int32Array(n);
    this.cpuCap = Float64Array.from(opts.hosts, (h) => h.cpu);
    this.memCap = Float64Array.from(opts.hosts, (h) => h.mem);
    this.gpuCap = Float64Array.from(opts.hosts, (h) => h.gpu ?? 0);
    this.cpuAlloc = new Float64Array(n);
    this.memAlloc = new Float64Array(n);
    this.gpuAlloc = new Float64Array(n);
    this.instances = new Int32Array(n);
    this.schedulable = Uint8Array.from(opts.hosts, (h) => (h.schedulable === false ? 0 : 1));
    this.bound = Array.from({ length: n }, () => []);
  }

  /** `n` identical hosts spread over `zones` zones in blocks (hosts 0..n/zones-1 in zone 0, …). */
  static uniform(n: number, spec: Omit<HostSpec, 'zone'>, zones = 1, pools?: PoolSpec[]): FixtureHosts {
    const per = Math.ceil(n / zones);
    return new FixtureHosts({ hosts: Array.from({ length: n }, (_, i) => ({ ...spec, zone: Math.floor(i / per) })), zones, ...(pools ? { pools } : {}) });
  }

  groupCount(host: number, group: number): number {
    return this.byHost.get(group)?.[host] ?? 0;
  }

  groupZoneCount(group: number): Int32Array {
    let z = this.byZone.get(group);
    if (!z) {
      z = new Int32Array(this.zoneNames.length);
      this.byZone.set(group, z);
    }
    return z;
  }

  /** Binds an instance (resources, group counts, bound list). */
  bind(host: number, x: { cpu: number; mem: number; gpu?: number; group?: number; instance?: number; priority?: number }): void {
    const inst: HostInstance = { instance: x.instance ?? -1, priority: x.priority ?? 0, cpu: x.cpu, mem: x.mem, gpu: x.gpu ?? 0, group: x.group ?? -1 };
    this.apply(host, inst, 1);
    this.bound[host]!.push(inst);
  }

  /** Releases a bound instance by its instance number. */
  evict(host: number, instance: number): void {
    const list = this.bound[host]!;
    const i = list.findIndex((x) => x.instance === instance);
    if (i < 0) throw new Error(`instance ${instance} is not on host ${host}`);
    const [inst] = list.splice(i, 1);
    this.apply(host, inst!, -1);
  }

  instancesOn = (host: number): readonly HostInstance[] => this.bound[host]!;

  private apply(host: number, x: HostInstance, sign: 1 | -1): void {
    this.cpuAlloc[host]! += sign * x.cpu;
    this.memAlloc[host]! += sign * x.mem;
    this.gpuAlloc[host]! += sign * x.gpu;
    this.instances[host]! += sign;
    if (x.group >= 0) {
      let g = this.byHost.get(x.group);
      if (!g) {
        g = new Int32Array(this.count);
        this.byHost.set(x.group, g);
      }
      g[host]! += sign;
      this.groupZoneCount(x.group)[this.zone[host]!]! += sign;
    }
  }
}

/** A request with defaults: 1 cpu, 1 GiB, no gpu, any zone, no tolerations, no group, priority 0. */
export function request(over: Partial<InstanceRequest> = {}): InstanceRequest {
  return {
    instance: 0,
    cpu: 1,
    mem: 1,
    gpu: 0,
    zones: null,
    tolerations: [],
    group: -1,
    affinity: new Int32Array(0),
    antiAffinity: new Int32Array(0),
    spread: null,
    priority: 0,
    tenant: null,
    ...over,
  };
}

/** A scheduling context over `hosts` with a seeded random stream. */
export function context(hosts: HostTable, seed = 1): SchedulingContext {
  const rng = RandomStream.forEntity(seed, 'scheduler-test');
  return { hosts, random: () => rng.next() };
}
