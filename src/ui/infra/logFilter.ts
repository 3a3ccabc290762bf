/** The compute event log on the page: kept short, filtered by kind and text, newest first. Display only. */
import type { ComputeLogEntry } from '../../workers/sim.worker';

export type LogKind = ComputeLogEntry['kind'];
export const LOG_KINDS: readonly LogKind[] = ['instance', 'host', 'zone', 'link', 'invariant', 'operation'];

/** Entries the page keeps (the worker sends at most 200 new ones per push). */
export const LOG_KEEP = 500;

/** Appends new entries (oldest first) to what is kept, dropping the oldest beyond `keep`. */
export function appendLog(kept: readonly ComputeLogEntry[], entries: readonly ComputeLogEntry[], keep = LOG_KEEP): ComputeLogEntry[] {
  if (entries.length === 0) return kept as ComputeLogEntry[];
  // Skip anything already kept (a resent window after a resubscription).
  const lastSeq = kept.length > 0 ? kept[kept.length - 1]!.seq : -1;
  const fresh = entries.filter((e) => e.seq > lastSeq);
  const all = kept.concat(fresh);
  return all.length > keep ? all.slice(all.length - keep) : all;
}

export interface LogFilter {
  /** Kinds shown; empty = all. */
  kinds: ReadonlySet<LogKind>;
  /** Case-insensitive text matched against subject, reason and states. */
  text: string;
  /** The entry as the page shows it in another language (reason, states, kind), searched too. */
  shown?: (e: ComputeLogEntry) => string;
}

export function matches(e: ComputeLogEntry, f: LogFilter): boolean {
  if (f.kinds.size > 0 && !f.kinds.has(e.kind)) return false;
  const q = f.text.trim().toLowerCase();
  if (q === '') return true;
  const terms = q.split(/\s+/);
  const hay = `${e.subject} ${e.reason} ${e.from ?? ''} ${e.to ?? ''} ${e.kind}${f.shown ? ` ${f.shown(e)}` : ''}`.toLowerCase();
  return terms.every((t) => hay.includes(t));
}

/** The entries that pass the filter, newest first, at most `limit`. */
export function filterLog(entries: readonly ComputeLogEntry[], f: LogFilter, limit = 200): ComputeLogEntry[] {
  const out: ComputeLogEntry[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const e = entries[i]!;
    if (matches(e, f)) out.push(e);
  }
  return out;
}

/** How many kept entries of each kind (for the filter chips). */
export function countKinds(entries: readonly ComputeLogEntry[]): Record<LogKind, number> {
  const out: Record<LogKind, number> = { instance: 0, host: 0, zone: 0, link: 0, invariant: 0, operation: 0 };
  for (const e of entries) out[e.kind]++;
  return out;
}
