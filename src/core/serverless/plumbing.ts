/**
 * Small pieces of the event-driven plumbing, each testable on its own: the gateway's token bucket,
 * topic filters, retry backoff, and the queue's poller target.
 */

/**
 * A token bucket (API Gateway usage plans, per client): `burst` tokens at most, refilled at `rate`
 * per second; a request takes one token or is refused (429). Starts full.
 */
export class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    readonly rate: number,
    readonly burst: number,
    now = 0,
  ) {
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError(`token bucket: rate must be > 0 and burst ≥ 1, got rate ${rate}, burst ${burst}`);
    this.level = burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.level = Math.min(this.burst, this.level + (now - this.last) * this.rate);
      this.last = now;
    }
  }

  /** Takes one token at `now`; false when the bucket holds less than one. */
  take(now: number): boolean {
    this.refill(now);
    if (this.level >= 1 - 1e-9) {
      this.level -= 1;
      return true;
    }
    return false;
  }

  /** Tokens in the bucket at `now`. */
  tokens(now: number): number {
    this.refill(now);
    return this.level;
  }
}

/** Whether message attributes pass a subscription filter: for every filter key, the attribute is one of its values. */
export function filterMatches(filter: Readonly<Record<string, readonly string[]>> | undefined, attributes: Readonly<Record<string, string>>): boolean {
  if (!filter) return true;
  for (const key of Object.keys(filter)) {
    const v = attributes[key];
    if (v === undefined || !filter[key]!.includes(v)) return false;
  }
  return true;
}

/** Delay before retry number `n` (1 = the first retry): base × factor^(n−1), at most `max`. */
export function backoffDelay(n: number, base: number, factor: number, max: number): number {
  const d = base * Math.pow(factor, Math.max(0, n - 1));
  return d < max ? d : max;
}

/**
 * The pollers a queue consumer wants: enough for the backlog in batches (ceil(backlog / batch)),
 * at most `maxConcurrency`, growing by at most `step` from `current` (the scaling rate); shrinking
 * at once. At least one while anything waits.
 */
export function pollerTarget(backlog: number, batchSize: number, maxConcurrency: number, current: number, step: number): number {
  const want = Math.min(maxConcurrency, Math.ceil(backlog / batchSize));
  if (want <= current) return Math.max(want, backlog > 0 ? 1 : 0);
  return Math.min(want, current + step);
}
