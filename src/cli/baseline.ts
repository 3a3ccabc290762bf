/**
 * The bare baseline for the benchmark: the same queueing model as a scenario's service (Poisson
 * arrivals, exponential work, c replicas with a shared FIFO queue, or per-replica FIFO queues fed by
 * random / round-robin / power-of-two routing), written as one minimal binary-heap event loop with
 * no framework: no handler registry, no metrics beyond a sum of response times, Math.log instead of
 * the core's portable logarithm. It tells how much the kernel's structure costs.
 */
export interface BaselineModel {
  replicas: number;
  rate: number;
  meanWork: number;
  shared: boolean;
  policy: 'random' | 'round-robin' | 'power-of-two' | 'least-connections';
}

export interface BaselineRun {
  completed: number;
  events: number;
  meanResponse: number;
}

/** sfc32: a small fast PRNG (the baseline's own, so it shares no code with the core). */
function makeRng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = 1;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  return () => (u32() + 1) / 4294967297; // (0, 1)
}

export function runBaseline(model: BaselineModel, until: number, seed = 1): BaselineRun {
  const rnd = makeRng(seed);
  const n = model.replicas;
  // Event heap: parallel arrays, kind 0 = arrival, kind 1 = departure (payload = replica).
  let cap = 1024;
  let time = new Float64Array(cap);
  let seq = new Float64Array(cap);
  let kind = new Int32Array(cap);
  let payload = new Int32Array(cap);
  let size = 0;
  let nextSeq = 0;
  const push = (t: number, k: number, p: number): void => {
    if (size === cap) {
      cap *= 2;
      const t2 = new Float64Array(cap);
      t2.set(time);
      time = t2;
      const s2 = new Float64Array(cap);
      s2.set(seq);
      seq = s2;
      const k2 = new Int32Array(cap);
      k2.set(kind);
      kind = k2;
      const p2 = new Int32Array(cap);
      p2.set(payload);
      payload = p2;
    }
    let i = size++;
    const sq = nextSeq++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (time[parent]! < t || (time[parent] === t && seq[parent]! < sq)) break;
      time[i] = time[parent]!;
      seq[i] = seq[parent]!;
      kind[i] = kind[parent]!;
      payload[i] = payload[parent]!;
      i = parent;
    }
    time[i] = t;
    seq[i] = sq;
    kind[i] = k;
    payload[i] = p;
  };
  let topT = 0;
  let topK = 0;
  let topP = 0;
  const pop = (): void => {
    topT = time[0]!;
    topK = kind[0]!;
    topP = payload[0]!;
    size--;
    const t = time[size]!;
    const sq = seq[size]!;
    const k = kind[size]!;
    const p = payload[size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      let c = l;
      if (l + 1 < size && (time[l + 1]! < time[l]! || (time[l + 1] === time[l] && seq[l + 1]! < seq[l]!))) c = l + 1;
      if (t < time[c]! || (t === time[c] && sq < seq[c]!)) break;
      time[i] = time[c]!;
      seq[i] = seq[c]!;
      kind[i] = kind[c]!;
      payload[i] = payload[c]!;
      i = c;
    }
    time[i] = t;
    seq[i] = sq;
    kind[i] = k;
    payload[i] = p;
  };

  // FIFO queues of arrival times: one shared ring, or one ring per replica.
  const queues = model.shared ? 1 : n;
  const qCap = new Int32Array(queues).fill(64);
  const qBuf: Float64Array[] = Array.from({ length: queues }, () => new Float64Array(64));
  const qHead = new Int32Array(queues);
  const qLen = new Int32Array(queues);
  const busy = new Int32Array(n);
  const startArrival = new Float64Array(n); // arrival time of the request each replica serves
  const idle: number[] = [];
  for (let r = n - 1; r >= 0; r--) idle.push(r);
  let rr = 0;
  let completed = 0;
  let events = 0;
  let sumResponse = 0;
  const meanWork = model.meanWork;
  const lambda = model.rate;

  const enqueue = (q: number, arrival: number): void => {
    if (qLen[q] === qCap[q]) {
      const old = qBuf[q]!;
      const bigger = new Float64Array(old.length * 2);
      for (let k = 0; k < qLen[q]!; k++) bigger[k] = old[(qHead[q]! + k) % old.length]!;
      qBuf[q] = bigger;
      qHead[q] = 0;
      qCap[q] = bigger.length;
    }
    qBuf[q]![(qHead[q]! + qLen[q]!) % qCap[q]!] = arrival;
    qLen[q]!++;
  };
  const start = (r: number, arrival: number, now: number): void => {
    busy[r] = 1;
    startArrival[r] = arrival;
    push(now - meanWork * Math.log(rnd()), 1, r);
  };

  push(-Math.log(rnd()) / lambda, 0, 0);
  while (size > 0 && time[0]! <= until) {
    pop();
    events++;
    const now = topT;
    if (topK === 0) {
      push(now - Math.log(rnd()) / lambda, 0, 0);
      if (model.shared) {
        if (idle.length > 0) start(idle.pop()!, now, now);
        else enqueue(0, now);
      } else {
        let r: number;
        if (model.policy === 'round-robin') r = rr++ % n;
        else if (model.policy === 'random') r = Math.floor(rnd() * n);
        else {
          const a = Math.floor(rnd() * n);
          let b = Math.floor(rnd() * (n - 1));
          if (b >= a) b++;
          r = busy[b]! + qLen[b]! < busy[a]! + qLen[a]! ? b : a;
        }
        if (busy[r] === 0) start(r, now, now);
        else enqueue(r, now);
      }
    } else {
      const r = topP;
      completed++;
      sumResponse += now - startArrival[r]!;
      busy[r] = 0;
      const q = model.shared ? 0 : r;
      if (qLen[q]! > 0) {
        const arrival = qBuf[q]![qHead[q]!]!;
        qHead[q] = (qHead[q]! + 1) % qCap[q]!;
        qLen[q]!--;
        start(r, arrival, now);
      } else if (model.shared) idle.push(r);
    }
  }
  return { completed, events, meanResponse: sumResponse / completed };
}
