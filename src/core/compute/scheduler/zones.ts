/**
 * Hosts grouped by zone, for topology spread (the minimum over eligible zones) and the
 * zone-round-robin strategy. Built once per host table and rebuilt when the number of hosts or zones
 * changes. Assumes a host never changes zone (the compute model fixes it when the host is created).
 */
import type { HostTable } from '../types';

export interface ZoneIndex {
  readonly count: number;
  readonly zones: number;
  /** Hosts of zone z, in index order: hosts[offsets[z] .. offsets[z+1]). */
  readonly offsets: Int32Array;
  readonly hosts: Int32Array;
}

const cache = new WeakMap<HostTable, ZoneIndex>();

function build(t: HostTable): ZoneIndex {
  let zones = t.zoneNames.length;
  for (let h = 0; h < t.count; h++) if (t.zone[h]! >= zones) zones = t.zone[h]! + 1;
  const offsets = new Int32Array(zones + 1);
  for (let h = 0; h < t.count; h++) offsets[t.zone[h]! + 1]!++;
  for (let z = 0; z < zones; z++) offsets[z + 1]! += offsets[z]!;
  const fill = offsets.slice(0, zones);
  const hosts = new Int32Array(t.count);
  for (let h = 0; h < t.count; h++) hosts[fill[t.zone[h]!]!++] = h;
  const ix: ZoneIndex = { count: t.count, zones, offsets, hosts };
  cache.set(t, ix);
  return ix;
}

/** The zone index of a host table (cached per table). */
export function zoneIndex(t: HostTable): ZoneIndex {
  const ix = cache.get(t);
  if (ix === undefined || ix.count !== t.count || ix.zones < t.zoneNames.length) return build(t);
  return ix;
}

/** Whether zone z has at least one schedulable host. */
export function zoneHasSchedulable(t: HostTable, z: number): boolean {
  const ix = zoneIndex(t);
  const end = ix.offsets[z + 1] ?? 0;
  for (let k = ix.offsets[z] ?? 0; k < end; k++) if (t.schedulable[ix.hosts[k]!] === 1) return true;
  return false;
}

/**
 * The minimum of `counts` over the eligible zones: zones the request may use (`allowed`, null = all)
 * that have at least one schedulable host. 0 when no zone is eligible. Schedulability is only looked
 * up for zones whose count would lower the minimum, so the usual cost is a few array reads per zone.
 */
export function eligibleZoneMin(t: HostTable, allowed: Int32Array | null, counts: Int32Array): number {
  const zones = zoneIndex(t).zones;
  let min = Infinity;
  for (let z = 0; z < zones; z++) {
    if (allowed !== null && allowed.indexOf(z) < 0) continue;
    const c = counts[z] ?? 0;
    if (c >= min) continue;
    if (zoneHasSchedulable(t, z)) min = c;
  }
  return min === Infinity ? 0 : min;
}

const orders = new WeakMap<ZoneIndex, Int32Array>();

/**
 * The order in which sampled filtering visits hosts: one host from each zone in turn (zone 0's
 * first host, zone 1's first, …, then each zone's second host, …), skipping exhausted zones, as
 * kube-scheduler's snapshot lists nodes (`nodeTree.list()`: "iterates over zones and in each zone
 * iterates over nodes in a round robin fashion"). A window of it therefore covers every zone.
 */
export function scanOrder(t: HostTable): Int32Array {
  const ix = zoneIndex(t);
  let order = orders.get(ix);
  if (order !== undefined) return order;
  order = new Int32Array(ix.count);
  let k = 0;
  for (let i = 0; k < ix.count; i++) {
    for (let z = 0; z < ix.zones; z++) {
      const at = ix.offsets[z]! + i;
      if (at < ix.offsets[z + 1]!) order[k++] = ix.hosts[at]!;
    }
  }
  orders.set(ix, order);
  return order;
}
