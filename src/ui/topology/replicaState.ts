/** The replica set of a service as the topology and the inspector draw it, from the worker's ReplicaView. Display only. */
import type { ReplicaView } from '../../workers/sim.worker';

/** What a cell of the replica set is doing now (display only). */
export type CellState = 'starting' | 'draining' | 'down' | 'out' | 'ready';

/** The cells that hold members of the replica set (slots an autoscaler has not filled are not drawn). */
export function memberCells(view: ReplicaView): number[] {
  const out: number[] = [];
  for (let c = 0; c < view.cells; c++) if ((view.members[c] ?? 0) > 0) out.push(c);
  return out;
}

/** A cell's state: all of it starting or draining; else down / out of rotation among its serving members. */
export function cellState(view: ReplicaView, c: number): CellState {
  const members = view.members[c] ?? 0;
  const starting = view.starting[c] ?? 0;
  const draining = view.draining[c] ?? 0;
  const serving = members - starting;
  if (members > 0 && starting >= members) return 'starting';
  if (members > 0 && draining >= members) return 'draining';
  const up = Math.min(view.up[c] ?? 0, members);
  // Only serving members (ready or draining) count: a starting one is not expected to be up yet.
  if (up < serving) return 'down';
  if ((view.inRotation[c] ?? 0) < serving - draining) return 'out';
  return 'ready';
}

