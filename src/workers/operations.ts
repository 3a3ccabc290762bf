/**
 * The console's compute commands on a running Simulation: operations (checked for shape first, so
 * a malformed request from the page is an error message, never an exception), an instance's
 * placement explanation with its lifecycle, and a host's detail. Reads the core; decides nothing.
 */
import type { ComputeOperation, InstanceState, LogEntry, PlacementExplanation, SaidParams, Simulation } from '../core/index';
import type { ComputeInfo } from './compute';
import type { Denial } from './iam';

/** `code` and `params` say the message's structure (the core's said.ts codes, or the worker's own checks) for a console in another language. */
export type OperationResult = { ok: boolean; message: string; code?: string; params?: SaidParams };

/** A successful operation of this run. */
export interface OperationRecord {
  /** Simulated time it was made. */
  time: number;
  op: ComputeOperation;
  message: string;
  code?: string;
  params?: SaidParams;
}

export interface InstanceDetail {
  instance: string;
  state: InstanceState;
  host: string | null;
  /** Live migration in progress: the target host. */
  migratingTo: string | null;
  type: string;
  kind: 'vm' | 'container';
  group: string;
  cpu: number;
  memoryGiB: number;
  gpu: number;
  createdAt: number;
  /** The scheduler's last decision about it (null before its first scheduling pass). */
  explanation: PlacementExplanation | null;
  /** Its log entries, oldest first (the last 200 when there are more). */
  history: LogEntry[];
  /** Entries left out of `history` (older ones). */
  historyOmitted: number;
}

/** `hidden`: the acting principal may not read the instance (the denied instance:read). */
export type ExplainResult = ({ ok: true } & InstanceDetail) | { ok: false; message: string; hidden?: Denial };

export interface HostInstance {
  name: string;
  state: InstanceState;
  type: string;
  kind: 'vm' | 'container';
  group: string;
  cpu: number;
  memoryGiB: number;
  /** 'out': migrating away from this host; 'in': a reservation for an instance migrating here. */
  migrating: 'out' | 'in' | null;
  /** The other host of a migration. */
  peer: string | null;
}

export interface HostDetail {
  id: string;
  pool: string;
  zone: string;
  region: string;
  /** Physical size and allocatable capacity (× overcommit). */
  vcpu: number;
  memoryGiB: number;
  cpuCapacity: number;
  memoryCapacity: number;
  gpuCapacity: number;
  cpuAllocated: number;
  memoryAllocated: number;
  gpuAllocated: number;
  failed: boolean;
  poweredOn: boolean;
  cordoned: boolean;
  schedulable: boolean;
  /** Instances bound here, then reservations of instances migrating here. */
  instances: HostInstance[];
  /** The host's own log entries, most recent last (at most 20). */
  history: LogEntry[];
  /** Instances here the acting principal may not read (left out of `instances`), and the first denial. */
  hiddenInstances?: { count: number; first: Denial };
  /** The acting principal may not read the host (host:read): its history is left out, and this is why. */
  hiddenHistory?: Denial;
}

export type HostDetailResult = ({ ok: true } & HostDetail) | { ok: false; message: string };

const HISTORY_LIMIT = 200;
const HOST_HISTORY_LIMIT = 20;

const OPS = ['create', 'terminate', 'resize', 'migrate', 'drain', 'uncordon', 'consolidate', 'kill-host', 'zone-outage', 'cut-link'] as const;

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const isText = (x: unknown): x is string => typeof x === 'string' && x !== '';
const isDuration = (x: unknown): boolean => x === undefined || (typeof x === 'number' && x > 0 && !Number.isNaN(x));

/** Checks the shape the page sent and what the core would silently accept; null when fine. */
function check(sim: Simulation, info: ComputeInfo | null, op: unknown): string | OperationResult | null {
  if (typeof op !== 'object' || op === null || !('op' in op)) return 'not an operation';
  const o = op as Record<string, unknown>;
  if (!(OPS as ReadonlyArray<unknown>).includes(o.op)) return `there is no operation "${String(o.op)}" (available: ${OPS.join(', ')})`;
  const c = sim.compute;
  if (!c || !info) return 'this scenario has no host pools';
  const hostIndex = (id: unknown): number => (typeof id === 'string' ? info.hostIds.indexOf(id) : -1);
  switch (o.op) {
    case 'terminate':
    case 'resize':
    case 'migrate':
      if (!isText(o.instance)) return 'which instance? (none given)';
      if (o.op === 'resize' && !isText(o.type)) return 'which instance type? (none given)';
      if (o.op === 'migrate' && o.host !== undefined && hostIndex(o.host) < 0) return `there is no host "${String(o.host)}"`;
      return null;
    case 'drain':
    case 'uncordon':
    case 'kill-host': {
      const h = hostIndex(o.host);
      if (h < 0) return `there is no host "${String(o.host)}"`;
      if (o.op === 'kill-host' && c.hosts.failed[h] === 1) return `${String(o.host)} has already failed`;
      if (o.op === 'uncordon' && c.hosts.cordoned[h] === 0) return `${String(o.host)} is not cordoned`;
      if (o.op === 'drain' && c.hosts.failed[h] === 1) return `${String(o.host)} has failed: there is nothing left to drain`;
      if (o.op === 'drain' && c.hosts.cordoned[h] === 1) return `${String(o.host)} is already cordoned`;
      return null;
    }
    case 'zone-outage': {
      if (!isText(o.zone) || !info.zones.some((z) => z.id === o.zone)) return `there is no zone "${String(o.zone)}"`;
      if (!isDuration(o.duration)) return 'the duration must be a positive number of seconds';
      const pools = info.pools.filter((p) => p.zone === o.zone);
      if (pools.length > 0 && pools.every((p) => Array.from(p.hosts).every((h) => c.hosts.provisioned[h] === 0 || c.hosts.failed[h] === 1)))
        return { ok: false, message: `zone ${o.zone} is already down`, code: 'errZoneAlreadyDown', params: { zone: o.zone } };
      return null;
    }
    case 'cut-link': {
      const b = o.between;
      if (!Array.isArray(b) || b.length !== 2 || !isText(b[0]) || !isText(b[1])) return 'which link? (two regions expected)';
      for (const r of b) if (!info.regions.some((x) => x.id === r)) return `there is no region "${String(r)}"`;
      if (b[0] === b[1]) return 'a link joins two different regions';
      if (!isDuration(o.duration)) return 'the duration must be a positive number of seconds';
      if (c.isLinkCut(b[0], b[1])) return { ok: false, message: `the link ${b[0]}↔${b[1]} is already cut`, code: 'errLinkAlreadyCut', params: { a: b[0], b: b[1] } };
      return null;
    }
    case 'create':
      if (!isText(o.type)) return 'which instance type? (none given)';
      if (o.count !== undefined && !(typeof o.count === 'number' && Number.isInteger(o.count) && o.count >= 1 && o.count <= 1000)) return 'the count must be a whole number from 1 to 1000';
      return null;
    case 'consolidate':
      if (o.threshold !== undefined && !(typeof o.threshold === 'number' && o.threshold > 0 && o.threshold <= 1)) return 'the threshold must be a fraction between 0 and 1';
      return null;
  }
  return null;
}

export function runOperation(sim: Simulation, info: ComputeInfo | null, op: ComputeOperation): OperationResult {
  const problem = check(sim, info, op);
  if (problem !== null) return typeof problem === 'string' ? { ok: false, message: problem } : problem;
  try {
    const r = sim.operate(op);
    // The core answers every known operation; be safe if it ever does not.
    if (typeof r !== 'object' || r === null) return { ok: false, message: `the simulation did not answer "${op.op}"` };
    const said = r.code ? { code: r.code, ...(r.params ? { params: r.params } : {}) } : {};
    return { ok: r.ok, message: String(r.message), ...said };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

export function explainInstance(sim: Simulation, name: string): ExplainResult {
  const c = sim.compute;
  if (!c) return { ok: false, message: 'this scenario has no host pools' };
  if (!isText(name)) return { ok: false, message: 'which instance? (none given)' };
  try {
    const inst = c.instanceNamed(name);
    if (!inst) return { ok: false, message: `no instance named "${name}"` };
    const e = c.explain(name);
    const history = e.history.length > HISTORY_LIMIT ? e.history.slice(-HISTORY_LIMIT) : e.history;
    return {
      ok: true,
      instance: e.instance,
      state: e.state,
      host: e.host,
      migratingTo: inst.migratingTo >= 0 ? (c.hosts.id[inst.migratingTo] ?? null) : null,
      type: inst.type,
      kind: inst.kind,
      group: inst.groupId,
      cpu: inst.cpu,
      memoryGiB: inst.mem,
      gpu: inst.gpu,
      createdAt: inst.createdAt,
      explanation: e.explanation ? (JSON.parse(JSON.stringify(e.explanation)) as PlacementExplanation) : null,
      history: history.map((x) => ({ ...x })),
      historyOmitted: e.history.length - history.length,
    };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

export function hostDetail(sim: Simulation, info: ComputeInfo | null, id: string): HostDetailResult {
  const c = sim.compute;
  if (!c || !info) return { ok: false, message: 'this scenario has no host pools' };
  const h = typeof id === 'string' ? info.hostIds.indexOf(id) : -1;
  if (h < 0) return { ok: false, message: `there is no host "${String(id)}"` };
  try {
    const hosts = c.hosts;
    const pool = info.pools[hosts.pool[h]!];
    const bound: HostInstance[] = [];
    const incoming: HostInstance[] = [];
    for (const inst of c.instances) {
      const row = (migrating: HostInstance['migrating'], peer: number): HostInstance => ({
        name: inst.name,
        state: inst.state,
        type: inst.type,
        kind: inst.kind,
        group: inst.groupId,
        cpu: inst.cpu,
        memoryGiB: inst.mem,
        migrating,
        peer: peer >= 0 ? (hosts.id[peer] ?? null) : null,
      });
      if (inst.host === h) bound.push(row(inst.migratingTo >= 0 ? 'out' : null, inst.migratingTo));
      else if (inst.migratingTo === h) incoming.push(row('in', inst.host));
    }
    const history: LogEntry[] = [];
    for (let i = c.log.length - 1; i >= 0 && history.length < HOST_HISTORY_LIMIT; i--) {
      const e = c.log[i]!;
      if (e.subject === id) history.push({ ...e });
    }
    history.reverse();
    return {
      ok: true,
      id,
      pool: pool?.id ?? '',
      zone: pool?.zone ?? '',
      region: pool?.region ?? '',
      vcpu: pool?.vcpu ?? 0,
      memoryGiB: pool?.memoryGiB ?? 0,
      cpuCapacity: hosts.cpuCap[h]!,
      memoryCapacity: hosts.memCap[h]!,
      gpuCapacity: hosts.gpuCap[h]!,
      cpuAllocated: hosts.cpuAlloc[h]!,
      memoryAllocated: hosts.memAlloc[h]!,
      gpuAllocated: hosts.gpuAlloc[h]!,
      failed: hosts.failed[h] === 1,
      poweredOn: hosts.poweredOn[h] === 1,
      cordoned: hosts.cordoned[h] === 1,
      schedulable: hosts.schedulable[h] === 1,
      instances: [...bound, ...incoming],
      history,
    };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}
