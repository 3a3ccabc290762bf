/**
 * The page's copy of the instance table: deltas from the worker (new rows, changed cells) are
 * applied into growable typed arrays; `view()` hands out an object whose identity changes with
 * every version, so selectors and memos key on it. Display only: no simulation logic.
 */
import type { Denial, InstanceDelta, InstanceState } from '../../workers/sim.worker';
import { INSTANCE_MIGRATING, INSTANCE_STATE_NAMES } from '../../workers/wire';

/** Instance states by the code the worker sends. */
export const STATE_NAMES: readonly InstanceState[] = INSTANCE_STATE_NAMES;
export const STATE_PENDING = INSTANCE_STATE_NAMES.indexOf('pending');
export const MIGRATING = INSTANCE_MIGRATING;

export interface InstanceTableView {
  readonly version: number;
  /** Rows [0, length) are valid. */
  readonly length: number;
  /** Instances the core knows (beyond the tracked rows too). */
  readonly total: number;
  readonly names: readonly string[];
  readonly state: Uint8Array;
  readonly host: Int32Array;
  readonly type: Uint16Array;
  readonly group: Uint16Array;
  readonly kind: Uint8Array;
  readonly flags: Uint8Array;
  readonly typeNames: readonly string[];
  readonly groupNames: readonly string[];
  readonly byState: Readonly<Record<InstanceState, number>>;
  /** Rows the acting principal may not read (sent without name, group and type), and the denial that hid each. */
  readonly hidden: ReadonlyMap<number, Denial>;
}

const emptyCounts = (): Record<InstanceState, number> => ({ pending: 0, scheduled: 0, provisioning: 0, running: 0, draining: 0, terminated: 0, failed: 0 });

export const EMPTY_INSTANCES: InstanceTableView = {
  version: 0,
  length: 0,
  total: 0,
  names: [],
  state: new Uint8Array(0),
  host: new Int32Array(0),
  type: new Uint16Array(0),
  group: new Uint16Array(0),
  kind: new Uint8Array(0),
  flags: new Uint8Array(0),
  typeNames: [],
  groupNames: [],
  byState: emptyCounts(),
  hidden: new Map(),
};

export class InstanceTable {
  private length = 0;
  private total = 0;
  private names: string[] = [];
  private state = new Uint8Array(64);
  private host = new Int32Array(64);
  private type = new Uint16Array(64);
  private group = new Uint16Array(64);
  private kind = new Uint8Array(64);
  private flags = new Uint8Array(64);
  private typeNames: string[] = [];
  private groupNames: string[] = [];
  private byState = emptyCounts();
  private hidden = new Map<number, Denial>();
  private version = 0;

  /** Applies a delta. Returns false when it does not line up (the caller should resynchronise). */
  apply(d: InstanceDelta): boolean {
    if (d.reset) this.clear();
    if (d.from !== this.length) return false;
    const n = d.tracked;
    this.ensure(n);
    for (let k = 0; k < d.names.length; k++) {
      const row = d.from + k;
      this.names[row] = d.names[k]!;
      this.group[row] = d.group[k] ?? 0;
      this.kind[row] = d.kind[k] ?? 0;
    }
    this.length = n;
    for (let k = 0; k < d.index.length; k++) {
      const row = d.index[k]!;
      if (row < 0 || row >= n) continue;
      this.state[row] = d.state[k]!;
      this.host[row] = d.host[k]!;
      this.type[row] = d.type[k]!;
      this.flags[row] = d.flags[k]!;
    }
    if (d.hidden) {
      const h = d.hidden;
      for (let k = 0; k < h.rows.length; k++) {
        const denial = h.denials[h.denial[k]!];
        if (denial) this.hidden.set(h.rows[k]!, denial);
      }
    }
    if (d.typeNames) this.typeNames = [...d.typeNames];
    if (d.groupNames) this.groupNames = [...d.groupNames];
    this.byState = { ...d.byState };
    this.total = d.total;
    this.version++;
    return true;
  }

  /** Forget everything (a new run). */
  clear(): void {
    this.length = 0;
    this.total = 0;
    // New arrays: views handed out earlier keep their data.
    this.names = [];
    this.state = new Uint8Array(64);
    this.host = new Int32Array(64);
    this.type = new Uint16Array(64);
    this.group = new Uint16Array(64);
    this.kind = new Uint8Array(64);
    this.flags = new Uint8Array(64);
    this.typeNames = [];
    this.groupNames = [];
    this.byState = emptyCounts();
    this.hidden = new Map();
    this.version++;
  }

  view(): InstanceTableView {
    return {
      version: this.version,
      length: this.length,
      total: this.total,
      names: this.names,
      state: this.state,
      host: this.host,
      type: this.type,
      group: this.group,
      kind: this.kind,
      flags: this.flags,
      typeNames: this.typeNames,
      groupNames: this.groupNames,
      byState: this.byState,
      hidden: this.hidden,
    };
  }

  private ensure(n: number): void {
    if (n <= this.state.length) return;
    let cap = this.state.length;
    while (cap < n) cap *= 2;
    const grow = <T extends Uint8Array | Uint16Array | Int32Array>(a: T, make: (c: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.state = grow(this.state, (c) => new Uint8Array(c));
    this.host = grow(this.host, (c) => new Int32Array(c));
    this.type = grow(this.type, (c) => new Uint16Array(c));
    this.group = grow(this.group, (c) => new Uint16Array(c));
    this.kind = grow(this.kind, (c) => new Uint8Array(c));
    this.flags = grow(this.flags, (c) => new Uint8Array(c));
  }
}

/**
 * Rows bound to each host (by host index), built once per table version and cached. An instance
 * with host −1 (pending, failed, terminated) is on no host.
 */
const byHostCache = new WeakMap<InstanceTableView, Map<number, number[]>>();

export function rowsByHost(view: InstanceTableView): Map<number, number[]> {
  let map = byHostCache.get(view);
  if (!map) {
    map = new Map();
    for (let r = 0; r < view.length; r++) {
      const h = view.host[r]!;
      if (h < 0) continue;
      let list = map.get(h);
      if (!list) {
        list = [];
        map.set(h, list);
      }
      list.push(r);
    }
    byHostCache.set(view, map);
  }
  return map;
}

/** Rows of pending instances (tracked ones), oldest first. */
export function pendingRows(view: InstanceTableView, limit: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < view.length && out.length < limit; r++) if (view.state[r] === STATE_PENDING) out.push(r);
  return out;
}

/** A compact signature of the dots of some rows (state and flags), so a selector can say "unchanged". */
export function dotsKey(view: InstanceTableView, rows: readonly number[] | undefined): string {
  if (!rows || rows.length === 0) return '';
  let s = '';
  for (const r of rows) s += `${r}.${view.state[r]}.${view.flags[r]},`;
  return s;
}

/** The row of an instance by name, or −1. */
export function rowOf(view: InstanceTableView, name: string): number {
  return view.names.indexOf(name);
}
