/**
 * Variant B of an A/B comparison, as a merge patch of A's scenario document (see merge-patch.ts).
 * The console's form offers a few kinds of change (a service's balancer, its autoscaler, how it is
 * billed); each becomes a patch here, and a free edit of B's whole document becomes the patch
 * between the two. B is then A's document with the patch applied, validated like any scenario:
 * same seed unless the patch changes it.
 */
import { parseScenario, type ScenarioIssue } from '../scenario/validate';
import type { AutoscalerSpecInput, BalancerPolicy, Scenario } from '../scenario/schema';
import { applyMergePatch, isEmptyPatch } from './merge-patch';
import { PriceCatalogue } from '../billing/catalogue';

export type PricingPlan = 'on-demand' | 'spot' | 'reserved';

export type VariantChoice =
  | { kind: 'balancer'; service: string; policy: BalancerPolicy }
  | { kind: 'autoscaler'; service: string; settings: Partial<AutoscalerSpecInput> }
  | { kind: 'pricing'; service: string; plan: PricingPlan; count?: number }
  | { kind: 'patch'; patch: unknown };

/** `warnings`: what B's change does not reach (the comparison still runs). */
export type VariantPatchResult = { ok: true; patch: unknown; warnings?: string[] } | { ok: false; error: string };

export type VariantResult = { ok: true; doc: unknown; scenario: Scenario; patch: unknown; seedChanged: boolean } | { ok: false; errors: ScenarioIssue[] };

type DocService = { id?: unknown; replicas?: unknown; autoscaler?: AutoscalerSpecInput };

function docServices(doc: unknown): DocService[] {
  const s = (doc as { services?: unknown } | null)?.services;
  return Array.isArray(s) ? (s as DocService[]) : [];
}

/** Step rules used when B switches a service to step scaling and A has none. */
const DEFAULT_STEP_RULES = [
  { name: 'busy', operator: '>', threshold: 0.7, for: '1m', change: 2 },
  { name: 'quiet', operator: '<', threshold: 0.3, for: '3m', change: -1 },
] as const;

/** Why a pool is billed per host (its hosts are paid for, whoever runs on them), in words. */
function hostBilledBecause(scenario: Scenario, poolId: string): string {
  const pool = scenario.hostPools.find((p) => p.id === poolId);
  if (!pool) return 'it is billed per host';
  const region = scenario.regions.find((r) => r.zones.some((z) => z.id === pool.zone));
  if (region?.kind === 'private') return 'it is in a private datacenter, whose hosts are paid for whether used or not';
  if (scenario.billing?.pools.some((b) => b.pool === poolId && b.billedAs === 'hosts')) return 'billing.pools sets billedAs: hosts for it';
  if (scenario.clusterAutoscaler?.enabled && (pool.minCount !== undefined || pool.maxCount !== undefined)) return 'the cluster autoscaler resizes it, so its nodes are billed';
  if (pool.dedicatedTo !== undefined) return `it is dedicated to tenant ${pool.dedicatedTo}`;
  return 'a tenant is on dedicated hosts, so hosts are billed whole';
}

/**
 * Spot (and on-demand) pricing applies to instances billed per instance; on a pool billed per host
 * the hosts are paid for and the instance's pricing changes nothing. The pools `svc` may be placed
 * on (its zones, not another tenant's dedicated pool), split by how they are billed.
 */
function poolsByBilling(scenario: Scenario, svc: Scenario['services'][number]): { perInstance: string[]; perHost: string[] } {
  const catalogue = new PriceCatalogue(scenario, scenario.seed);
  const zones = svc.placement?.zones;
  const tenant = svc.placement?.tenant;
  const perInstance: string[] = [];
  const perHost: string[] = [];
  scenario.hostPools.forEach((p, i) => {
    if (zones && zones.length > 0 && !zones.includes(p.zone)) return;
    if (p.dedicatedTo !== undefined && p.dedicatedTo !== tenant) return;
    (catalogue.pools[i]?.billing === 'hosts' ? perHost : perInstance).push(p.id);
  });
  return { perInstance, perHost };
}

/** The merge patch for one kind of change (`scenario`: A validated, `doc`: A as written). */
export function variantPatch(doc: unknown, scenario: Scenario, choice: VariantChoice): VariantPatchResult {
  if (choice.kind === 'patch') {
    if (choice.patch === null || typeof choice.patch !== 'object' || Array.isArray(choice.patch)) return { ok: false, error: 'the patch must be a JSON object (a merge patch of the scenario)' };
    return { ok: true, patch: choice.patch };
  }
  const svc = scenario.services.find((s) => s.id === choice.service);
  if (!svc) return { ok: false, error: `there is no service "${String(choice.service)}" (services: ${scenario.services.map((s) => s.id).join(', ')})` };
  const id = svc.id;
  switch (choice.kind) {
    case 'balancer':
      if (svc.loadBalancer.policy === choice.policy) return { ok: false, error: `${id} already uses ${choice.policy}: pick another policy for B` };
      return { ok: true, patch: { services: { [id]: { loadBalancer: { policy: choice.policy } } } } };
    case 'autoscaler': {
      const current = docServices(doc).find((s) => s.id === id)?.autoscaler;
      const settings: Record<string, unknown> = { ...choice.settings };
      if (!current) {
        // A has no autoscaler: B gets one around A's fixed count.
        settings.policy ??= 'target-tracking';
        settings.minReplicas ??= Math.max(1, Math.floor(svc.replicas / 2));
        settings.maxReplicas ??= Math.max(svc.replicas * 4, 2);
        if (settings.policy === 'target-tracking') settings.target ??= 0.6;
      }
      const policy = settings.policy ?? current?.policy;
      if (policy === 'step' && (current?.rules ?? []).length === 0 && settings.rules === undefined) {
        settings.rules = DEFAULT_STEP_RULES.map((r) => ({ ...r }));
        settings.metric ??= 'cpu';
      }
      if (Object.keys(settings).length === 0) return { ok: false, error: 'no autoscaler setting was changed for B' };
      return { ok: true, patch: { services: { [id]: { autoscaler: settings } } } };
    }
    case 'pricing': {
      if (scenario.hostPools.length === 0) return { ok: false, error: 'this scenario has no host pools, so nothing is billed: a pricing plan changes nothing' };
      if (choice.plan !== 'reserved' && !svc.placement) return { ok: false, error: `${id} is not placed on hosts (it has no placement), so it is not billed per instance: spot or on-demand changes nothing` };
      if (choice.plan === 'spot') {
        if (svc.placement?.pricing === 'spot') return { ok: false, error: `${id} is already billed at spot prices in A: pick another plan for B` };
        const { perInstance, perHost } = poolsByBilling(scenario, svc);
        const why = (pools: string[]) => pools.map((p) => `${p} (${hostBilledBecause(scenario, p)})`).join('; ');
        if (perInstance.length === 0) {
          return {
            ok: false,
            error: `spot changes nothing for ${id}: every pool it can run on is billed per host — ${why(perHost)} — so its hosts are paid for and an instance's pricing does not apply. To compare spot, bill a public-cloud pool per instance (billing.pools: billedAs "instances") in a patch.`,
          };
        }
        const patch = { services: { [id]: { placement: { pricing: 'spot' } } } };
        if (perHost.length === 0) return { ok: true, patch };
        return {
          ok: true,
          patch,
          warnings: [`spot applies to ${id}'s instances on ${perInstance.join(', ')} only: on ${why(perHost)} the hosts are billed, so instances placed there cost the same in A and B.`],
        };
      }
      if (choice.plan === 'on-demand') return { ok: true, patch: { services: { [id]: { placement: { pricing: null } } }, billing: { reserved: [] } } };
      const type = svc.instanceType;
      if (!type) return { ok: false, error: `${id} has no instanceType, so there is nothing a reservation could cover` };
      const zone = svc.zone;
      const region = scenario.regions.find((r) => r.zones.some((z) => z.id === zone))?.id;
      if (!region) return { ok: false, error: `${id} has no zone in a region, so a reservation has no region` };
      const count = choice.count ?? svc.replicas;
      if (!Number.isInteger(count) || count < 1) return { ok: false, error: `the reserved count must be a whole number of at least 1, got ${String(count)}` };
      const existing = (doc as { billing?: { reserved?: unknown[] } } | null)?.billing?.reserved ?? [];
      return { ok: true, patch: { billing: { reserved: [...existing, { region, type, count }] } } };
    }
  }
}

/** B's document and validated scenario: A's document with `patch` applied. Errors carry the schema's paths and messages. */
export function applyVariant(doc: unknown, patch: unknown): VariantResult {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return { ok: false, errors: [{ path: 'patch', message: 'the patch must be a JSON object (a merge patch of the scenario)' }] };
  if (isEmptyPatch(patch)) return { ok: false, errors: [{ path: 'patch', message: 'B is the same as A: the patch changes nothing' }] };
  const merged = applyMergePatch(doc, patch);
  if (!merged.ok) return { ok: false, errors: [{ path: 'patch', message: merged.error }] };
  const parsed = parseScenario(merged.doc);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const seedA = (doc as { seed?: unknown } | null)?.seed;
  const seedB = (merged.doc as { seed?: unknown } | null)?.seed;
  return { ok: true, doc: merged.doc, scenario: parsed.scenario, patch, seedChanged: seedA !== seedB };
}
