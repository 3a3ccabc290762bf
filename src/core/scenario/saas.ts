/**
 * SaaS tenancy types, as a scenario expansion step. A `saas` block describes one multi-tenant
 * application (an app tier calling a database tier) and its tenants with their traffic, and picks
 * how much the tenants share; `expandSaas` turns it, deterministically, into ordinary services,
 * workloads and tenants, so cost (instances, databases, whole hosts) and isolation (queues shared
 * or not, CPU contention on shared hosts) follow from the simulation rather than from constants.
 *
 * From most shared to least (the tiers each tenant shares with the others):
 * - `shared-database`: one app deployment and one database with shared tables (a tenant column);
 *   every tenant's requests wait in the same app queue and the same database queue.
 * - `shared-schema`: one database and schema (shared database queue), but each tenant gets its own
 *   app deployment (its own app queue), ⌈app replicas / tenants⌉ replicas each.
 * - `separate-database`: an app deployment and a database per tenant (no queue shared); they may
 *   still share hosts, so a busy tenant slows co-located ones on overcommitted hosts.
 * - `separate-instance`: the whole stack per tenant on dedicated hosts (tenant isolation
 *   `dedicated-hosts`): no queue and no host shared; each tenant pays for whole hosts.
 *
 * Names: `<id>-app`, `<id>-db` (shared tiers), `<id>-app-<tenant>`, `<id>-db-<tenant>` (per tenant);
 * one workload `<id>-<tenant>` per tenant. Tenants are added to `tenants` when not declared there.
 */
import { z } from 'zod';
import { saasSchema, SAAS_MODELS, type SaasModel } from './schema';

export { saasSchema, SAAS_MODELS, type SaasModel };

export type SaasSpec = z.input<typeof saasSchema>;

export type SaasIssue = { path: string; message: string };

type Doc = Record<string, unknown>;

/**
 * Expands `doc.saas` (an array of SaaS blocks) into services, workloads and tenants appended to the
 * document's own; returns the new document without `saas`, or the issues found in the blocks.
 * A document without `saas` is returned as it is.
 */
export function expandSaas(doc: unknown): { ok: true; doc: unknown } | { ok: false; errors: SaasIssue[] } {
  if (typeof doc !== 'object' || doc === null || !('saas' in doc)) return { ok: true, doc };
  const { saas, ...rest } = doc as Doc;
  const parsed = z.array(saasSchema).max(20).safeParse(saas);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ path: ['saas', ...i.path].join('.'), message: i.message })) };
  const services = Array.isArray(rest['services']) ? [...(rest['services'] as unknown[])] : [];
  const workloads = Array.isArray(rest['workloads']) ? [...(rest['workloads'] as unknown[])] : [];
  const tenants = Array.isArray(rest['tenants']) ? [...(rest['tenants'] as Doc[])] : [];
  const errors: SaasIssue[] = [];
  parsed.data.forEach((b, k) => {
    const seen = new Set<string>();
    b.tenants.forEach((t, j) => {
      if (seen.has(t.id)) errors.push({ path: `saas.${k}.tenants.${j}.id`, message: `duplicate tenant "${t.id}"` });
      seen.add(t.id);
    });
    const out = expandOne(b);
    services.push(...out.services);
    workloads.push(...out.workloads);
    for (const t of out.tenants) {
      const at = tenants.findIndex((x) => x['id'] === t.id);
      const have = at >= 0 ? tenants[at]! : undefined;
      if (!have) tenants.push({ ...t });
      // a new object: the caller's document is never written to
      else if (t.isolation && have['isolation'] === undefined) tenants[at] = { ...have, isolation: t.isolation };
    }
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, doc: { ...rest, services, workloads, ...(tenants.length ? { tenants } : {}) } };
}

/** One block's services, workloads and tenants. */
export function expandOne(input: z.input<typeof saasSchema>): { services: Doc[]; workloads: Doc[]; tenants: Array<{ id: string; isolation?: string }> } {
  const b = saasSchema.parse(input);
  const T = b.tenants.length;
  const perTenant = (n: number) => Math.max(1, Math.ceil(n / T));
  const zone = b.zone !== undefined ? { zone: b.zone } : {};
  const timeout = b.timeout !== undefined ? { timeout: b.timeout } : {};
  const tier = (id: string, t: z.output<typeof saasSchema>['app'], replicas: number, tenant: string | null, calls: string | null): Doc => ({
    id,
    ...zone,
    instanceType: t.instanceType,
    replicas,
    concurrency: t.concurrency,
    queue: 'shared',
    queueLimit: t.queueLimit,
    work: t.work,
    ...timeout,
    placement: { kind: 'container', ...(tenant !== null ? { tenant } : {}) },
    ...(calls !== null ? { calls: { targets: [{ service: calls }] } } : {}),
  });
  const services: Doc[] = [];
  const sharedApp = b.model === 'shared-database';
  const sharedDb = b.model === 'shared-database' || b.model === 'shared-schema';
  const own = b.model === 'separate-instance';
  if (sharedDb) services.push(tier(`${b.id}-db`, b.database, b.database.replicas, null, null));
  if (sharedApp) services.push(tier(`${b.id}-app`, b.app, b.app.replicas, null, `${b.id}-db`));
  for (const t of b.tenants) {
    const tenant = own ? t.id : null;
    if (!sharedDb) services.push(tier(`${b.id}-db-${t.id}`, b.database, perTenant(b.database.replicas), tenant, null));
    if (!sharedApp) services.push(tier(`${b.id}-app-${t.id}`, b.app, perTenant(b.app.replicas), tenant, sharedDb ? `${b.id}-db` : `${b.id}-db-${t.id}`));
  }
  const workloads = b.tenants.map((t) => ({ id: `${b.id}-${t.id}`, target: sharedApp ? `${b.id}-app` : `${b.id}-app-${t.id}`, arrival: t.arrival }));
  const tenants = b.tenants.map((t) => (own ? { id: t.id, isolation: 'dedicated-hosts' } : { id: t.id }));
  return { services, workloads, tenants };
}
