import type { RandomStream } from '../../engine/random';
import { hashWords, keyHash } from './hash';
import type { BalancerOptions, LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

const MIN_RING = 1024; // Envoy's default minimum_ring_size
const OWNER_BITS = 2097152; // 2^21: (point hash, owner) packed exactly into one double for sorting

/**
 * Consistent hashing on a ring (Karger et al. 1997), Ketama-style with virtual nodes, sized as in
 * Envoy's ring hash.
 *
 * Ring: with h healthy replicas of total weight W, the target size is
 * R = max(virtualNodes × h, 1024) (virtualNodes = `options.virtualNodes`, default 160, as
 * Ketama's 160 points per server; 1024 is Envoy's minimum ring). Healthy replica i gets
 * ceil(R × weight(i) / W) points (≥ 1): with equal weights max(virtualNodes, ceil(1024 / h))
 * each. Point v of replica i sits at MurmurHash3_x86_32(i, v) under a per-balancer seed (one rng
 * draw at creation), so a replica's points depend only on its own index, never on the others:
 * removing a replica removes only its points, and only its keys move (about 1/N of them) unless
 * the per-replica count changes (which happens only while virtualNodes × h < 1024).
 *
 * Lookup: the first point clockwise from hash(key) (the smallest point ≥ the key's hash, wrapping
 * to the first), by binary search over a sorted Uint32Array: O(log R). Equal point hashes are
 * ordered by replica index. The ring is rebuilt (O(R log R)) at the first pick after
 * membershipChanged, or when the owner found is unhealthy (a change without notice).
 */
class ConsistentHash implements LoadBalancer {
  private readonly seed: number;
  private readonly salt: number;
  private points = new Uint32Array(0);
  private owners = new Int32Array(0);
  private builtFor = -1; // view size at the last build; -1 = stale

  constructor(
    rng: RandomStream,
    private readonly virtualNodes: number,
  ) {
    this.seed = rng.uint32();
    this.salt = rng.uint32();
  }

  pick(view: ReplicaView, key: number): number {
    if (this.builtFor !== view.size) this.rebuild(view);
    const hk = keyHash(this.salt, key);
    let r = this.lookup(hk);
    if (!view.healthy(r)) {
      this.rebuild(view);
      r = this.lookup(hk);
    }
    return r;
  }

  membershipChanged(): void {
    this.builtFor = -1;
  }

  /** Number of points on the current ring (for tests and diagnostics). */
  get ringSize(): number {
    return this.points.length;
  }

  private lookup(hk: number): number {
    const pts = this.points;
    let lo = 0;
    let hi = pts.length; // first index with pts[idx] >= hk lies in [lo, hi]
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((pts[mid] as number) < hk) lo = mid + 1;
      else hi = mid;
    }
    return this.owners[lo === pts.length ? 0 : lo] as number;
  }

  private rebuild(view: ReplicaView): void {
    const n = view.size;
    if (n > OWNER_BITS) throw new RangeError(`consistent-hash: at most ${OWNER_BITS} replicas`);
    let h = 0;
    let totalWeight = 0;
    for (let i = 0; i < n; i++) {
      if (view.healthy(i)) {
        h++;
        totalWeight += view.weight(i);
      }
    }
    if (h === 0) throw new Error('load balancer: pick() called with no healthy replica');
    const target = Math.max(this.virtualNodes * h, MIN_RING);
    const counts = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!view.healthy(i)) continue;
      const c = Math.max(1, Math.ceil((target * view.weight(i)) / totalWeight));
      counts[i] = c;
      total += c;
    }
    const packed = new Float64Array(total);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const c = counts[i] as number;
      for (let v = 0; v < c; v++) packed[k++] = hashWords(this.seed, i, v) * OWNER_BITS + i;
    }
    packed.sort();
    const points = new Uint32Array(total);
    const owners = new Int32Array(total);
    for (let j = 0; j < total; j++) {
      const p = packed[j] as number;
      const hash = Math.floor(p / OWNER_BITS);
      points[j] = hash;
      owners[j] = p - hash * OWNER_BITS;
    }
    this.points = points;
    this.owners = owners;
    this.builtFor = n;
  }
}

function virtualNodesOf(options: BalancerOptions): number {
  const v = options.virtualNodes ?? 160;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`consistent-hash: virtualNodes must be a positive integer, got ${v}`);
  return v;
}

export const consistentHash: LoadBalancerFactory = (rng, options) => new ConsistentHash(rng, virtualNodesOf(options));
