/**
 * The audit trail: one entry per authorization, allowed or denied, in the order they were made.
 * Append-only: entries are frozen when recorded and nothing removes or edits them. Bounded: past
 * `limit` entries the newest are counted (dropped) but not kept, so a long run cannot exhaust memory.
 */
import type { ComputeTextCode, SaidParams } from '../compute/said';
import type { Decision, DecisionKind, DecisionParams } from './policy';

export interface AuditEntry {
  /** Position in the trail (0, 1, 2…). */
  seq: number;
  /** Simulated time of the attempt, seconds. */
  time: number;
  principal: string;
  action: string;
  /** The resource's name ("tenant/globex/service/api"). */
  resource: string;
  /** The resource's tenant (null: a platform resource). */
  tenant: string | null;
  allowed: boolean;
  kind: DecisionKind;
  rule: string;
  /** The values `rule` names (see Decision.params), for saying it in another language. */
  params?: DecisionParams;
  /** Who asked: the console (a person at the keyboard) or the scenario's scripted timeline. */
  source: 'console' | 'script';
  /** What an allowed action did ("scaled to 3 replicas"), or why it failed; absent when not run. */
  result?: string;
  /** The result's structure when the compute model said it (see compute/said.ts), for a console in another language. */
  resultCode?: ComputeTextCode;
  resultParams?: SaidParams;
}

export const DEFAULT_AUDIT_LIMIT = 20_000;

export class AuditTrail {
  private readonly list: AuditEntry[] = [];
  private droppedCount = 0;

  constructor(private readonly limit = DEFAULT_AUDIT_LIMIT) {}

  record(e: {
    time: number;
    principal: string;
    action: string;
    resource: string;
    tenant: string | null;
    decision: Decision;
    source: 'console' | 'script';
    result?: string;
    resultCode?: ComputeTextCode;
    resultParams?: SaidParams;
  }): AuditEntry {
    const entry: AuditEntry = Object.freeze({
      seq: this.list.length + this.droppedCount,
      time: e.time,
      principal: e.principal,
      action: e.action,
      resource: e.resource,
      tenant: e.tenant,
      allowed: e.decision.allowed,
      kind: e.decision.kind,
      rule: e.decision.rule,
      ...(e.decision.params !== undefined ? { params: e.decision.params } : {}),
      source: e.source,
      ...(e.result !== undefined ? { result: e.result } : {}),
      ...(e.resultCode !== undefined ? { resultCode: e.resultCode } : {}),
      ...(e.resultParams !== undefined ? { resultParams: e.resultParams } : {}),
    });
    if (this.list.length < this.limit) this.list.push(entry);
    else this.droppedCount++;
    return entry;
  }

  get length(): number {
    return this.list.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** Entries from index `from` on (copies of the frozen entries' references; the trail is not exposed). */
  entries(from = 0): AuditEntry[] {
    return this.list.slice(from);
  }
}
