/**
 * The compute event log's bound: it keeps the newest entries. Once it holds more than `limit`, the
 * oldest are dropped in one chunk (an eighth of the limit beyond the excess), so an append costs
 * O(1) amortized: a drop moves at most `limit` entries once every `limit / 8` appends, never per
 * append. Entries are numbered by a sequence that never goes back: the entry at position `i` has
 * sequence `dropped + i`, and `dropped + length` entries were ever appended.
 */

/** Entries the compute model keeps by default. */
export const LOG_LIMIT = 200_000;

/** How far below the limit a drop goes, so the next drop is that many appends away. */
export function dropChunk(limit: number): number {
  return Math.floor(limit / 8);
}

/**
 * Appends `entry` and, when `log` then holds more than `limit` entries, drops the oldest down to
 * `limit - dropChunk(limit)` (at least one entry, the newest, is always kept). Returns how many
 * entries were dropped (0 almost always).
 */
export function appendBounded<T>(log: T[], entry: T, limit: number): number {
  log.push(entry);
  if (log.length <= limit) return 0;
  const keep = Math.max(1, limit - dropChunk(limit));
  const drop = log.length - keep;
  log.copyWithin(0, drop);
  log.length = keep;
  return drop;
}

/** Checks a log limit given to the model: a whole number of at least 1. */
export function checkLogLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the event log's limit must be a whole number of at least 1, got ${String(limit)}`);
  return limit;
}

/**
 * The entries with sequence in [from, to) that are still kept, oldest first, each with its
 * sequence. `from` below the first kept sequence starts at the first kept entry.
 */
export function logRange<T>(log: readonly T[], dropped: number, from: number, to: number): Array<{ seq: number; entry: T }> {
  const start = Math.max(from, dropped);
  const end = Math.min(to, dropped + log.length);
  const out: Array<{ seq: number; entry: T }> = [];
  for (let s = start; s < end; s++) out.push({ seq: s, entry: log[s - dropped]! });
  return out;
}
