import type { RandomStream } from '../../engine/random';
import { HealthyList } from './healthy-list';
import type { BalancerOptions, LoadBalancer, LoadBalancerFactory, ReplicaView } from './types';

/**
 * Power of d choices (Azar, Broder, Karlin, Upfal 1999; Mitzenmacher 2001), d = `options.choices`
 * (default 2, integer ≥ 2): sample min(d, healthy) distinct healthy replicas uniformly at random
 * and send to the one with the largest weight(i) / (outstanding(i) + 1), outstanding = active +
 * queued (Envoy's least-request effective weight, active_request_bias 1.0). With equal weights
 * that is the replica with the fewest outstanding requests, which is Envoy's least request with
 * `choice_count` d. Ties go to the first sampled.
 *
 * Sampling is without replacement and uniform: the j-th draw is below(h − j), mapped to the
 * j-th unchosen position of the cached healthy list (O(d²) with d small; no allocation). With
 * every replica healthy and d = 2 the draws are a = below(n), b = below(n − 1) (+1 if ≥ a).
 * The healthy list is rebuilt on membershipChanged (or when a sampled replica turns out to be
 * unhealthy, then the pick is redrawn).
 */
class PowerOfD implements LoadBalancer {
  private readonly healthy = new HealthyList();
  private readonly chosen: Int32Array; // sorted positions already sampled in this pick

  constructor(
    private readonly rng: RandomStream,
    private readonly d: number,
  ) {
    this.chosen = new Int32Array(d);
  }

  pick(view: ReplicaView): number {
    let r = this.sample(view, this.healthy.ensure(view));
    // a sampled replica left rotation without notice: refresh the list and draw again
    if (r < 0) r = this.sample(view, this.healthy.rebuild(view));
    if (r < 0) throw new Error('load balancer: healthy list inconsistent with the view'); // unreachable
    return r;
  }

  /** The winner among min(d, h) sampled replicas, or −1 if the cached list proved stale. */
  private sample(view: ReplicaView, h: number): number {
    const ids = this.healthy.ids;
    if (h === 1) {
      const only = ids[0] as number;
      return view.healthy(only) ? only : -1;
    }
    const m = this.d < h ? this.d : h;
    const chosen = this.chosen;
    let best = -1;
    let bestW = 0;
    let bestL = 0;
    for (let j = 0; j < m; j++) {
      // the r-th position (0-based) among those not chosen yet
      let r = this.rng.below(h - j);
      let t = 0;
      while (t < j && (chosen[t] as number) <= r) {
        r++;
        t++;
      }
      for (let u = j; u > t; u--) chosen[u] = chosen[u - 1] as number;
      chosen[t] = r;
      const i = ids[r] as number;
      if (!view.healthy(i)) return -1;
      const w = view.weight(i);
      const l = view.active(i) + view.queued(i) + 1;
      if (best < 0 || w * bestL > bestW * l) {
        best = i;
        bestW = w;
        bestL = l;
      }
    }
    return best;
  }

  membershipChanged(): void {
    this.healthy.invalidate();
  }
}

function choicesOf(options: BalancerOptions): number {
  const d = options.choices ?? 2;
  if (!Number.isInteger(d) || d < 2) throw new RangeError(`power-of-d: choices must be an integer ≥ 2, got ${d}`);
  return d;
}

export const powerOfTwo: LoadBalancerFactory = (rng, options) => new PowerOfD(rng, choicesOf(options));
