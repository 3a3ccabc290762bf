import type { ReplicaView } from './types';

/**
 * A cached list of the healthy replicas, in index order, for policies that must pick among them
 * in O(1) (random sampling, modulo hashing). Rebuilt (O(n)) when it is invalidated
 * (membershipChanged), when the view's size changes, or when the policy finds that a listed
 * replica has gone unhealthy without notice. A replica that comes back without notice is only
 * seen at the next rebuild: the view must call membershipChanged, as its contract says.
 */
export class HealthyList {
  /** Healthy replica indices; entries [0, count) are valid. */
  ids: Int32Array = new Int32Array(0);
  count = 0;
  private builtFor = -1; // view size at the last build; -1 = stale

  invalidate(): void {
    this.builtFor = -1;
  }

  /** Rebuilds if stale; returns the number of healthy replicas (≥ 1, or throws). */
  ensure(view: ReplicaView): number {
    if (this.builtFor !== view.size) this.rebuild(view);
    return this.count;
  }

  rebuild(view: ReplicaView): number {
    const n = view.size;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    let c = 0;
    for (let i = 0; i < n; i++) if (view.healthy(i)) this.ids[c++] = i;
    this.count = c;
    this.builtFor = n;
    if (c === 0) throw new Error('load balancer: pick() called with no healthy replica');
    return c;
  }
}

/** Throws unless at least one replica is healthy (the caller's contract); used by the O(n) scans. */
export function noHealthyReplica(): never {
  throw new Error('load balancer: pick() called with no healthy replica');
}
