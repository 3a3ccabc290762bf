/**
 * Resource fragmentation: how much free capacity is stranded in pieces too small for the workload.
 */
import type { HostTable } from '../types';
import { FIT_EPSILON } from './filters';

export interface Shape {
  cpu: number;
  mem: number;
  gpu?: number;
}

/**
 * The share of free CPU, over schedulable hosts, that sits on hosts which cannot fit one more
 * instance of `shape` (cpu, memory and gpu all considered): 0 = no free CPU is wasted, 1 = all of it
 * is unusable for this shape. Free CPU of a host = max(0, capacity − allocated). 0 when there is no
 * free CPU at all (nothing is stranded). Only resources count: taints, zones and affinity are not
 * considered.
 */
/** `include` restricts the measure to some hosts (a pool, a zone, a region). */
export function fragmentation(hosts: HostTable, shape: Shape, include?: (host: number) => boolean): number {
  const gpu = shape.gpu ?? 0;
  let free = 0;
  let stranded = 0;
  for (let h = 0; h < hosts.count; h++) {
    if (hosts.schedulable[h] !== 1) continue;
    if (include && !include(h)) continue;
    const cap = hosts.cpuCap[h]!;
    const alloc = hosts.cpuAlloc[h]!;
    const f = cap > alloc ? cap - alloc : 0;
    if (f === 0) continue;
    free += f;
    const fits =
      alloc + shape.cpu <= cap + FIT_EPSILON &&
      hosts.memAlloc[h]! + shape.mem <= hosts.memCap[h]! + FIT_EPSILON &&
      (gpu <= 0 || hosts.gpuAlloc[h]! + gpu <= hosts.gpuCap[h]! + FIT_EPSILON);
    if (!fits) stranded += f;
  }
  return free > 0 ? stranded / free : 0;
}

/**
 * `fragmentation` of every group of hosts at once, in one pass: `group[h]` is host h's group
 * (0 … groups − 1), and entry g of the result equals `fragmentation(hosts, shape, (h) => group[h] === g)`
 * exactly (each group's sums are taken in the same host order).
 */
export function fragmentationByGroup(hosts: HostTable, shape: Shape, group: ArrayLike<number>, groups: number): Float64Array {
  const gpu = shape.gpu ?? 0;
  const free = new Float64Array(groups);
  const stranded = new Float64Array(groups);
  for (let h = 0; h < hosts.count; h++) {
    if (hosts.schedulable[h] !== 1) continue;
    const cap = hosts.cpuCap[h]!;
    const alloc = hosts.cpuAlloc[h]!;
    const f = cap > alloc ? cap - alloc : 0;
    if (f === 0) continue;
    const g = group[h]!;
    free[g]! += f;
    const fits =
      alloc + shape.cpu <= cap + FIT_EPSILON &&
      hosts.memAlloc[h]! + shape.mem <= hosts.memCap[h]! + FIT_EPSILON &&
      (gpu <= 0 || hosts.gpuAlloc[h]! + gpu <= hosts.gpuCap[h]! + FIT_EPSILON);
    if (!fits) stranded[g]! += f;
  }
  const out = new Float64Array(groups);
  for (let g = 0; g < groups; g++) out[g] = free[g]! > 0 ? stranded[g]! / free[g]! : 0;
  return out;
}

/**
 * The most frequent request shape (cpu, mem, gpu; an absent gpu counts as 0) with how often it
 * occurs; ties go to the shape seen first. null for no requests.
 */
export function commonestShape(requests: Iterable<Shape>): { cpu: number; mem: number; gpu: number; count: number } | null {
  const seen = new Map<string, { cpu: number; mem: number; gpu: number; count: number }>();
  let best: { cpu: number; mem: number; gpu: number; count: number } | null = null;
  for (const r of requests) {
    const gpu = r.gpu ?? 0;
    const key = `${r.cpu}/${r.mem}/${gpu}`;
    let s = seen.get(key);
    if (s === undefined) {
      s = { cpu: r.cpu, mem: r.mem, gpu, count: 0 };
      seen.set(key, s);
    }
    s.count++;
  }
  for (const s of seen.values()) if (best === null || s.count > best.count) best = s;
  return best === null ? null : { ...best };
}
