import { durationSeconds } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';

/**
 * One-way network latency between places: a zone, a region, or nowhere in particular (a service
 * without a zone, or clients next to their service). Same zone, another zone of the same region,
 * or another region (a listed link, else the default cross-region latency).
 */
export class Network {
  private readonly zoneRegion = new Map<string, string>();
  private readonly regions = new Set<string>();
  private readonly links = new Map<string, number>();
  private readonly sameZone: number;
  private readonly hostBandwidth: number;
  private readonly linkBandwidth = new Map<string, number>();
  private readonly crossZone: number;
  private readonly crossRegion: number;

  constructor(scenario: Scenario) {
    for (const r of scenario.regions) {
      this.regions.add(r.id);
      for (const z of r.zones) this.zoneRegion.set(z.id, r.id);
    }
    const n = scenario.network;
    this.hostBandwidth = n.hostBandwidthGbps;
    this.sameZone = durationSeconds(n.sameZone);
    this.crossZone = durationSeconds(n.crossZone);
    this.crossRegion = durationSeconds(n.crossRegion);
    for (const l of n.links) {
      const t = durationSeconds(l.latency);
      this.links.set(`${l.between[0]}|${l.between[1]}`, t);
      this.links.set(`${l.between[1]}|${l.between[0]}`, t);
      this.linkBandwidth.set(`${l.between[0]}|${l.between[1]}`, l.bandwidthGbps);
      this.linkBandwidth.set(`${l.between[1]}|${l.between[0]}`, l.bandwidthGbps);
    }
  }

  regionOf(place: string | undefined): string | undefined {
    if (place === undefined) return undefined;
    return this.zoneRegion.get(place) ?? (this.regions.has(place) ? place : undefined);
  }

  /** Bandwidth between two regions for bulk transfers (live migration), Gbit/s: the host network within a region, a listed link's bandwidth across regions, else 1 Gbit/s over the internet. */
  bandwidth(ra: string, rb: string): number {
    if (ra === rb) return this.hostBandwidth;
    return this.linkBandwidth.get(`${ra}|${rb}`) ?? 1;
  }

  /** One-way latency in seconds between two places (undefined = unplaced: no latency). */
  latency(a: string | undefined, b: string | undefined): number {
    if (a === undefined || b === undefined) return 0;
    const ra = this.regionOf(a);
    const rb = this.regionOf(b);
    if (ra === undefined || rb === undefined) return 0;
    if (ra !== rb) return this.links.get(`${ra}|${rb}`) ?? this.crossRegion;
    const aZone = this.zoneRegion.has(a);
    const bZone = this.zoneRegion.has(b);
    if (aZone && bZone && a === b) return this.sameZone;
    return this.crossZone;
  }
}
