/**
 * Data egress metered from the simulation's own events: every call a service sends to another,
 * every response it sends back to its caller, and every response sent to a workload's clients
 * adds its size to a route (sender → destination), billed per clock hour. Messages are counted
 * in minute bins (cutbins.ts: only minutes with traffic are kept), so a bill as of an earlier time
 * is exact at every minute and memory grows with the minutes of traffic, not the messages. Nothing is estimated
 * from totals: a call that is never sent (a cut link) or a response that never leaves (a dropped
 * or failed request) moves no bytes.
 *
 * Sizes (scenario `billing.egress.responses`, per service): `kb`, each response the service sends
 * (to a caller or to clients); `requestKB` (default 1 KiB), each call its callers send it.
 * Services not listed move no metered bytes (so a scenario without sizes bills no egress).
 *
 * Destinations and who pays (AWS data transfer rules, MODELS.md): the sender's tenant pays for
 * bytes leaving its region —
 * - the same region: free (the bytes are still shown, at $0);
 * - another public region: `crossRegionPerGB`;
 * - a private datacenter, from a public region: `hybridPerGB` (data out over a dedicated link,
 *   AWS Direct Connect $0.02/GB);
 * - clients on the internet (a workload without `from`, or `from` an edge location):
 *   `internetPerGB`.
 * Bytes sent from a private datacenter are free (its own line, paid in its flat monthly rate),
 * and bytes into a region (ingress) are free. A service's region is that of its `zone`, else of
 * its placement's first zone (a service spread over regions is counted at that one).
 */
import type { Kernel } from '../engine/kernel';
import type { Scenario } from '../scenario/schema';
import type { EgressDestination, PriceCatalogue } from './catalogue';
import { CutBins } from './cutbins';

/** Width of the bins egress is counted in, seconds (a bill as of an earlier time is exact at every multiple). */
export const EGRESS_CUT_SECONDS = 60;
const KIB = 1024;
const GB = 1024 * 1024 * 1024;
/** Default size of one call to a listed service, KiB (a small HTTP request with its headers). */
export const DEFAULT_REQUEST_KB = 1;

/** One metered route: bytes from a sender service to a destination. */
export interface EgressRoute {
  /** The sending service (it pays). */
  from: string;
  tenant: string;
  fromRegion: string;
  /** Another service, or a workload's clients. */
  to: string;
  /** `call`: a call to another service; `response`: a response to a calling service; `clients`: responses to a workload's clients. */
  kind: 'call' | 'response' | 'clients';
  /** The destination region (a region id, or "internet"). */
  toRegion: string;
  destination: EgressDestination;
}

/** What was metered: per route, bytes per clock hour (index = hour). */
export interface EgressUsage {
  route: EgressRoute;
  bytes: number[];
}

function serviceRegion(scenario: Scenario, catalogue: PriceCatalogue, i: number): string | undefined {
  const svc = scenario.services[i]!;
  const zone = svc.zone ?? svc.placement?.zones?.[0];
  return zone === undefined ? undefined : catalogue.zoneRegion.get(zone);
}

function placeRegion(catalogue: PriceCatalogue, place: string | undefined): string | undefined {
  if (place === undefined) return undefined;
  return catalogue.zoneRegion.get(place) ?? (catalogue.regionKind.has(place) ? place : undefined);
}

/** Where bytes from region `from` to region `to` (undefined: the internet) go, for billing. */
export function egressDestination(catalogue: PriceCatalogue, from: string | undefined, to: string | undefined): EgressDestination | null {
  const fromKind = from === undefined ? undefined : catalogue.regionKind.get(from);
  if (fromKind === 'private') return null; // the datacenter's own line
  const toKind = to === undefined ? undefined : catalogue.regionKind.get(to);
  if (to === undefined || toKind === undefined || toKind === 'edge') return 'internet';
  if (from !== undefined && to === from) return 'sameRegion';
  if (toKind === 'private') return 'hybrid';
  return 'crossRegion';
}

/**
 * The egress meter: the simulation calls `call`, `response` and `clients` as bytes move (only
 * when the scenario lists sizes: `create` returns null otherwise, and the hot paths pay nothing).
 */
export class EgressMeter {
  readonly routes: EgressRoute[] = [];
  /** Route of a call from service i to its t-th target (−1: not metered). */
  private readonly callRoute: Int32Array[];
  /** Route of a response from service i to calling service j (−1: not metered). */
  private readonly responseRoute: Int32Array[];
  /** Route of a response to workload w's clients (−1: not metered). */
  private readonly clientRoute: Int32Array;
  private readonly routeBytes: number[] = [];
  /** Messages sent per route, in minute bins (sparse; a bill as of an earlier minute is exact). */
  private readonly sent: CutBins[];

  private constructor(
    scenario: Scenario,
    catalogue: PriceCatalogue,
    private readonly kernel: Kernel,
    sizes: Map<string, { kb: number; requestKB: number }>,
  ) {
    const n = scenario.services.length;
    const regions = scenario.services.map((_, i) => serviceRegion(scenario, catalogue, i));
    const tenantOf = (i: number) => scenario.services[i]!.placement?.tenant ?? 'shared';
    const add = (route: EgressRoute, bytes: number): number => {
      if (!(bytes > 0)) return -1;
      this.routes.push(route);
      this.routeBytes.push(bytes);
      return this.routes.length - 1;
    };
    const make = (i: number, to: string, kind: EgressRoute['kind'], toRegion: string | undefined, bytes: number): number => {
      const fromRegion = regions[i];
      const destination = egressDestination(catalogue, fromRegion, toRegion);
      if (destination === null) return -1;
      const id = scenario.services[i]!.id;
      return add({ from: id, tenant: tenantOf(i), fromRegion: fromRegion ?? '?', to, kind, toRegion: destination === 'internet' ? 'internet' : toRegion!, destination }, bytes);
    };
    this.callRoute = scenario.services.map((svc, i) =>
      Int32Array.from(svc.calls?.targets ?? [], (t) => {
        const j = scenario.services.findIndex((x) => x.id === t.service);
        const size = sizes.get(t.service);
        return size ? make(i, t.service, 'call', regions[j], size.requestKB * KIB) : -1;
      }),
    );
    this.responseRoute = scenario.services.map((svc, i) => {
      const size = sizes.get(svc.id);
      const out = new Int32Array(n).fill(-1);
      if (!size) return out;
      scenario.services.forEach((caller, j) => {
        if (caller.calls?.targets.some((t) => t.service === svc.id)) out[j] = make(i, caller.id, 'response', regions[j], size.kb * KIB);
      });
      return out;
    });
    this.clientRoute = Int32Array.from(scenario.workloads, (w) => {
      const i = scenario.services.findIndex((x) => x.id === w.target);
      const size = sizes.get(w.target);
      if (!size || i < 0) return -1;
      const to = placeRegion(catalogue, w.from);
      return make(i, w.id, 'clients', to, size.kb * KIB);
    });
    this.sent = this.routes.map(() => new CutBins(1, EGRESS_CUT_SECONDS));
  }

  /** A meter for the scenario, or null when no service lists a size (nothing to meter). */
  static create(scenario: Scenario, catalogue: PriceCatalogue, kernel: Kernel): EgressMeter | null {
    const list = scenario.billing?.egress.responses ?? [];
    if (list.length === 0) return null;
    const sizes = new Map(list.map((r) => [r.service, { kb: r.kb, requestKB: r.requestKB ?? DEFAULT_REQUEST_KB }]));
    const m = new EgressMeter(scenario, catalogue, kernel, sizes);
    return m.routes.length > 0 ? m : null;
  }

  private count(route: number): void {
    if (route >= 0) this.sent[route]!.add(this.kernel.now, 1);
  }

  /** Service `from` sent its t-th call. */
  call(from: number, t: number): void {
    this.count(this.callRoute[from]![t]!);
  }

  /** Service `from` answered a call from service `caller`. */
  response(from: number, caller: number): void {
    this.count(this.responseRoute[from]![caller]!);
  }

  /** A response left for workload w's clients. */
  clients(w: number): void {
    this.count(this.clientRoute[w]!);
  }

  /**
   * What was metered up to `upTo` (default: everything so far), as plain data: per route, bytes
   * per clock hour (messages × the route's message size). Exact at every minute: bytes sent
   * exactly at `upTo` count, later ones do not; between two minutes, the minutes closed by then.
   */
  usage(upTo = Infinity): EgressUsage[] {
    return this.routes.map((route, r) => ({ route: { ...route }, bytes: this.sent[r]!.hourly(upTo)[0]!.map((n) => n * this.routeBytes[r]!) }));
  }

  /** Bytes held by the minute bins of every route (capacity included). */
  binBytes(): number {
    return this.sent.reduce((a, b) => a + b.bytes, 0);
  }
}

export const BYTES_PER_GB = GB;

/** A destination as an invoice line reads it. */
export function egressResource(route: EgressRoute): string {
  switch (route.destination) {
    case 'internet':
      return 'to the internet';
    case 'sameRegion':
      return `to ${route.toRegion} (same region)`;
    case 'hybrid':
      return `to ${route.toRegion} (private datacenter)`;
    default:
      return `to ${route.toRegion} (another region)`;
  }
}
