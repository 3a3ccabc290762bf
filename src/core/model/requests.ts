/**
 * Requests in flight, as a struct of arrays: a request is an index into these columns, recycled
 * through a free list, so a run of millions of requests allocates only when the number of
 * requests in flight at once reaches a new high.
 */
export class RequestPool {
  arrival: Float64Array;
  work: Float64Array;
  start: Float64Array;
  replica: Int32Array;
  private free: Int32Array;
  private freeCount: number;
  private cap: number;
  inUse = 0;

  constructor(initial = 1024) {
    this.cap = initial;
    this.arrival = new Float64Array(initial);
    this.work = new Float64Array(initial);
    this.start = new Float64Array(initial);
    this.replica = new Int32Array(initial);
    this.free = new Int32Array(initial);
    for (let i = 0; i < initial; i++) this.free[i] = initial - 1 - i;
    this.freeCount = initial;
  }

  alloc(arrival: number, work: number): number {
    if (this.freeCount === 0) this.grow();
    const id = this.free[--this.freeCount]!;
    this.arrival[id] = arrival;
    this.work[id] = work;
    this.start[id] = -1;
    this.replica[id] = -1;
    this.inUse++;
    return id;
  }

  release(id: number): void {
    this.free[this.freeCount++] = id;
    this.inUse--;
  }

  private grow(): void {
    const old = this.cap;
    const cap = old * 2;
    const f = (a: Float64Array) => {
      const n = new Float64Array(cap);
      n.set(a);
      return n;
    };
    this.arrival = f(this.arrival);
    this.work = f(this.work);
    this.start = f(this.start);
    const r = new Int32Array(cap);
    r.set(this.replica);
    this.replica = r;
    this.free = new Int32Array(cap);
    for (let i = cap - 1; i >= old; i--) this.free[this.freeCount++] = i;
    this.cap = cap;
  }
}
