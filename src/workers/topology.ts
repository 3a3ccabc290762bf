/**
 * The shape of a loaded scenario as the console draws it (services, their calls, workloads and
 * where their clients sit), read from the validated scenario once per load.
 */
import { durationSeconds } from '../core/index';
import type { BalancerPolicy, Scenario } from '../core/index';

export interface SloObjectives {
  /** Fraction of requests that must succeed, or null. */
  availability: number | null;
  /** Latency percentile (0..1) and its threshold in seconds, or null. */
  latency: { percentile: number; threshold: number } | null;
  /** Window length, seconds. */
  window: number;
}

export interface TopologyService {
  id: string;
  name?: string;
  zone?: string;
  region?: string;
  replicas: number;
  concurrency: number;
  queue: 'per-replica' | 'shared';
  /** The scenario's own policy (the live one is in the service snapshot). */
  policy: BalancerPolicy;
  calls: Array<{ service: string; probability: number }>;
  callMode: 'sequential' | 'parallel' | null;
  slo: SloObjectives | null;
}

export interface TopologyWorkload {
  id: string;
  name?: string;
  target: string;
  /** The zone or region id the clients sit in (absent: next to the service). */
  from?: string;
  /** Display name of `from` (the zone's or region's name, else its id). */
  fromLabel?: string;
  /** Arrival type: poisson, piecewise, diurnal, spike, mmpp, trace. */
  arrival: string;
  /** For traces: the format and how many values it holds. */
  trace?: { format: string; values: number; minuteSeconds: number; scale: number; loop: boolean };
}

export interface TopologyInfo {
  services: TopologyService[];
  workloads: TopologyWorkload[];
  /** Seconds between two samples of the series. */
  metricsInterval: number;
}

export function topologyOf(scenario: Scenario): TopologyInfo {
  const zoneRegion = new Map<string, { region: string; zoneName?: string; regionName?: string }>();
  for (const r of scenario.regions) {
    for (const z of r.zones) zoneRegion.set(z.id, { region: r.id, zoneName: z.name, regionName: r.name });
  }
  const regionNames = new Map(scenario.regions.map((r) => [r.id, r.name ?? r.id]));

  const services = scenario.services.map((s): TopologyService => {
    const zr = s.zone !== undefined ? zoneRegion.get(s.zone) : undefined;
    const slo = s.slo
      ? {
          availability: s.slo.availability ?? null,
          latency: s.slo.latency ? { percentile: s.slo.latency.percentile, threshold: durationSeconds(s.slo.latency.threshold) } : null,
          window: durationSeconds(s.slo.window),
        }
      : null;
    return {
      id: s.id,
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.zone !== undefined ? { zone: s.zone } : {}),
      ...(zr ? { region: zr.region } : {}),
      replicas: s.replicas,
      concurrency: s.concurrency,
      queue: s.queue,
      policy: s.loadBalancer.policy,
      calls: (s.calls?.targets ?? []).map((t) => ({ service: t.service, probability: t.probability })),
      callMode: s.calls ? s.calls.mode : null,
      slo,
    };
  });

  const workloads = scenario.workloads.map((w): TopologyWorkload => {
    let fromLabel: string | undefined;
    if (w.from !== undefined) {
      const zr = zoneRegion.get(w.from);
      fromLabel = zr ? (zr.zoneName ?? w.from) : (regionNames.get(w.from) ?? w.from);
    }
    const a = w.arrival;
    return {
      id: w.id,
      ...(w.name !== undefined ? { name: w.name } : {}),
      target: w.target,
      ...(w.from !== undefined ? { from: w.from } : {}),
      ...(fromLabel !== undefined ? { fromLabel } : {}),
      arrival: a.type,
      ...(a.type === 'trace'
        ? { trace: { format: a.format, values: a.data?.length ?? 0, minuteSeconds: a.minuteSeconds, scale: a.scale, loop: a.loop } }
        : {}),
    };
  });

  return { services, workloads, metricsInterval: durationSeconds(scenario.metricsInterval) };
}
