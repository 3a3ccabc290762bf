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
  /** The replica's crash epoch when the request started service. */
  epoch: Int32Array;
  /** The service (index) the request is at. */
  service: Int32Array;
  /** The calling request (−1 for a request from a client). */
  parent: Int32Array;
  /** The workload the original client request came from. */
  origin: Int32Array;
  /** Affinity key (uint32 stored as int32). */
  key: Int32Array;
  /** Downstream calls still outstanding, and the index of the next sequential call. */
  pending: Int32Array;
  nextCall: Int32Array;
  /** 1 when one of its calls failed (the request will answer with an error). */
  failed: Uint8Array;
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
    this.epoch = new Int32Array(initial);
    this.service = new Int32Array(initial);
    this.parent = new Int32Array(initial);
    this.origin = new Int32Array(initial);
    this.key = new Int32Array(initial);
    this.pending = new Int32Array(initial);
    this.nextCall = new Int32Array(initial);
    this.failed = new Uint8Array(initial);
    this.free = new Int32Array(initial);
    for (let i = 0; i < initial; i++) this.free[i] = initial - 1 - i;
    this.freeCount = initial;
  }

  alloc(arrival: number, work: number, service: number, parent: number, origin: number, key: number): number {
    if (this.freeCount === 0) this.grow();
    const id = this.free[--this.freeCount]!;
    this.arrival[id] = arrival;
    this.work[id] = work;
    this.start[id] = -1;
    this.replica[id] = -1;
    this.service[id] = service;
    this.parent[id] = parent;
    this.origin[id] = origin;
    this.key[id] = key;
    this.pending[id] = 0;
    this.nextCall[id] = 0;
    this.failed[id] = 0;
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
    const f64 = (a: Float64Array) => {
      const n = new Float64Array(cap);
      n.set(a);
      return n;
    };
    const i32 = (a: Int32Array) => {
      const n = new Int32Array(cap);
      n.set(a);
      return n;
    };
    this.arrival = f64(this.arrival);
    this.work = f64(this.work);
    this.start = f64(this.start);
    this.replica = i32(this.replica);
    this.epoch = i32(this.epoch);
    this.service = i32(this.service);
    this.parent = i32(this.parent);
    this.origin = i32(this.origin);
    this.key = i32(this.key);
    this.pending = i32(this.pending);
    this.nextCall = i32(this.nextCall);
    const f = new Uint8Array(cap);
    f.set(this.failed);
    this.failed = f;
    this.free = new Int32Array(cap);
    for (let i = cap - 1; i >= old; i--) this.free[this.freeCount++] = i;
    this.cap = cap;
  }
}
