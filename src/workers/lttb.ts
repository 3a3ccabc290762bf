/**
 * Downsampling for display: largest-triangle-three-buckets (Steinarsson 2013), run in the worker so
 * that at most a few hundred points per series cross to the page. Pure functions over typed arrays;
 * no simulation logic (it only chooses which recorded samples to show).
 */

/** The indices of the points of (x, y) whose x and y are both finite, in order. */
function finiteIndices(x: ArrayLike<number>, y: ArrayLike<number>, n: number): Int32Array {
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) out[m++] = i;
  }
  return out.subarray(0, m);
}

/**
 * Indices of at most `threshold` points of the first `n` points of (x, y) that keep the shape of the
 * line: the first and last finite points, one point per bucket in between chosen by LTTB, and the
 * global minimum and maximum (pinned: each replaces the choice in its bucket when LTTB missed it).
 * Points whose x or y is not finite (gaps) are skipped. Indices come back sorted ascending.
 * With n ≤ threshold every finite point is returned.
 */
export function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, n: number, threshold: number): Int32Array {
  const count = Math.max(0, Math.min(n, x.length, y.length));
  const idx = finiteIndices(x, y, count);
  const m = idx.length;
  const limit = Math.max(0, Math.floor(threshold));
  if (m <= limit) return idx;
  if (limit === 0) return new Int32Array(0);
  if (limit === 1) return Int32Array.of(idx[0]!);
  if (limit === 2) return Int32Array.of(idx[0]!, idx[m - 1]!);

  // Positions (into idx) of the chosen points; slot k (1..limit-2) covers bucket [start[k], end[k]).
  const chosen = new Int32Array(limit);
  const start = new Int32Array(limit);
  const end = new Int32Array(limit);
  chosen[0] = 0;
  start[0] = 0;
  end[0] = 1;
  chosen[limit - 1] = m - 1;
  start[limit - 1] = m - 1;
  end[limit - 1] = m;
  const every = (m - 2) / (limit - 2);
  let a = 0;
  for (let k = 1; k <= limit - 2; k++) {
    const s = Math.floor((k - 1) * every) + 1;
    const e = Math.min(m - 1, Math.floor(k * every) + 1);
    start[k] = s;
    end[k] = e;
    // Average of the next bucket (the last point for the last bucket).
    const ns = e;
    const ne = k === limit - 2 ? m : Math.min(m - 1, Math.floor((k + 1) * every) + 1);
    let avgX = 0;
    let avgY = 0;
    const len = Math.max(1, ne - ns);
    for (let j = ns; j < ne; j++) {
      const p = idx[j]!;
      avgX += x[p]!;
      avgY += y[p]!;
    }
    avgX /= len;
    avgY /= len;
    const pa = idx[a]!;
    const ax = x[pa]!;
    const ay = y[pa]!;
    let best = s;
    let bestArea = -1;
    for (let j = s; j < e; j++) {
      const p = idx[j]!;
      const area = Math.abs((ax - avgX) * (y[p]! - ay) - (ax - x[p]!) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    chosen[k] = best;
    a = best;
  }

  // Pin the global extremes.
  let lo = 0;
  let hi = 0;
  for (let j = 1; j < m; j++) {
    const v = y[idx[j]!]!;
    if (v < y[idx[lo]!]!) lo = j;
    if (v > y[idx[hi]!]!) hi = j;
  }
  const pinned = new Uint8Array(limit);
  pinned[0] = 1;
  pinned[limit - 1] = 1;
  for (const ext of [hi, lo]) {
    let have = false;
    for (let k = 0; k < limit; k++) {
      if (chosen[k] === ext) {
        pinned[k] = 1;
        have = true;
        break;
      }
    }
    if (have) continue;
    let slot = -1;
    for (let k = 1; k <= limit - 2; k++) {
      if (ext >= start[k]! && ext < end[k]!) {
        slot = k;
        break;
      }
    }
    // Its own bucket's slot is taken by the other extreme: use the nearest free slot.
    if (slot < 0 || pinned[slot]) {
      const from = slot < 0 ? 1 : slot;
      slot = -1;
      for (let d = 1; d < limit && slot < 0; d++) {
        if (from - d >= 1 && !pinned[from - d]) slot = from - d;
        else if (from + d <= limit - 2 && !pinned[from + d]) slot = from + d;
      }
    }
    if (slot < 0) continue; // limit 3 with both extremes inside: keep the one already pinned
    chosen[slot] = ext;
    pinned[slot] = 1;
  }

  const out = new Int32Array(limit);
  for (let k = 0; k < limit; k++) out[k] = idx[chosen[k]!]!;
  out.sort();
  // Replacing slots can duplicate an index: drop repeats.
  let w = 0;
  for (let k = 0; k < limit; k++) if (k === 0 || out[k] !== out[w - 1]) out[w++] = out[k]!;
  return out.subarray(0, w);
}

/**
 * Indices shared by several series over the same x (a chart with one x axis and a tooltip): the
 * union of each series' LTTB choice with an equal share of `maxPoints`, so every series keeps its
 * own shape and the total stays ≤ `maxPoints`. With n ≤ maxPoints every point is kept (gaps too).
 */
export function sharedIndices(x: ArrayLike<number>, ys: ReadonlyArray<ArrayLike<number>>, n: number, maxPoints: number): Int32Array {
  const count = Math.max(0, Math.min(n, x.length));
  if (count <= maxPoints) {
    const all = new Int32Array(count);
    for (let i = 0; i < count; i++) all[i] = i;
    return all;
  }
  const share = Math.max(2, Math.floor(maxPoints / Math.max(1, ys.length)));
  const mark = new Uint8Array(count);
  for (const y of ys) for (const i of lttbIndices(x, y, count, share)) mark[i] = 1;
  let total = 0;
  for (let i = 0; i < count; i++) total += mark[i]!;
  if (total === 0) {
    // No finite value anywhere: keep the ends so the time axis still spans the run.
    return count > 1 ? Int32Array.of(0, count - 1) : Int32Array.of(0);
  }
  const out = new Int32Array(total);
  let w = 0;
  for (let i = 0; i < count; i++) if (mark[i]) out[w++] = i;
  return out.subarray(0, Math.min(w, maxPoints));
}

/** `src` at the given indices, as a new array. */
export function pick(src: ArrayLike<number>, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const v = src[indices[k]!];
    out[k] = v === undefined ? Number.NaN : v;
  }
  return out;
}
