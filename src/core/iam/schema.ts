/**
 * The scenario's identity and access blocks: `principals` (people and service accounts with
 * roles per tenant and optional policy statements) and `actions` (a scripted timeline run through
 * the authorizer at its simulated time). Defined here and added to the scenario document by
 * scenario/schema.ts; `checkIam` holds the cross-references a per-field schema cannot see.
 */
import { z } from 'zod';
import { BALANCER_NAMES } from '../traffic/balancers/index';
import { DURATION_PATTERN, durationSeconds } from '../scenario/duration';
import { globMatch, IAM_ACTIONS, TENANT_ROLES } from './policy';

const d = (text: string) => ({ description: text });

const principalId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'must be an id: 1 to 40 lowercase letters, digits or dashes, starting with a letter' })
  .meta(d('Principal id: lowercase letters, digits and dashes, starting with a letter.'));

const duration = z
  .union([z.number().min(0), z.string().regex(new RegExp(DURATION_PATTERN), { error: 'must be a duration such as "30s", "5m" or a number of seconds' })])
  .meta(d('A duration: seconds, or a string with units ms, s, m, h, d.'));

const bindingSchema = z.strictObject({
  role: z
    .enum([...TENANT_ROLES, 'admin'])
    .meta(d('owner: everything on the tenant\'s resources, bills included; operator: instances, scaling, policies and faults of dedicated hosts, no bills, no deleting services; viewer: read only; billing: bills only; admin: the platform role (every tenant and the shared hosts), no tenant.')),
  tenant: z.string().min(1).max(63).optional().meta(d('The tenant the role applies to (required except for admin).')),
});

const statementSchema = z.strictObject({
  effect: z.enum(['allow', 'deny']).meta(d('allow grants within the principal\'s own tenants; deny always wins, even over a role or admin.')),
  actions: z
    .array(z.string().min(1).max(60))
    .min(1)
    .max(50)
    .meta(d('Action patterns: names such as "service:scale", "*", or a prefix ending in * ("instance:*").')),
  resources: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(50)
    .default(['*'])
    .meta(d('Resource patterns such as "tenant/acme/service/web", "tenant/acme/*" or "platform/host/*" (* matches any characters); default every resource.')),
});

export const principalSchema = z.strictObject({
  id: principalId,
  kind: z.enum(['person', 'service-account']).default('person').meta(d('A person, or a service account (an API key used by software).')),
  name: z.string().max(80).optional().meta(d('Display name.')),
  roles: z.array(bindingSchema).max(50).default([]).meta(d('Role bindings: a role on a tenant (or the platform role admin).')),
  statements: z
    .array(statementSchema)
    .max(50)
    .default([])
    .meta(d('The principal\'s own policy, evaluated like AWS IAM: an explicit deny beats every allow; no allow means an implicit deny.')),
});

export const principalsSchema = z
  .array(principalSchema)
  .max(200)
  .optional()
  .meta(
    d('Identity and access: people and service accounts with roles per tenant. The console acts as one of them (a platform admin, id "admin", is added unless defined); every action is authorized or denied with the rule that decided it and recorded in the audit trail.'),
  );

const paramsSchema = z.strictObject({
  replicas: z.int().min(0).max(10_000).optional().meta(d('service:scale: pin the service at this many replicas (its autoscaler\'s minReplicas = maxReplicas). 0 is refused when it runs (an autoscaler keeps at least 1: service:delete takes a service down).')),
  minReplicas: z.int().min(0).max(10_000).optional().meta(d('service:scale: a new minimum.')),
  maxReplicas: z.int().min(1).max(10_000).optional().meta(d('service:scale: a new maximum.')),
  balancer: z.enum(BALANCER_NAMES).optional().meta(d('policy:change: the balancing policy to switch to.')),
  type: z.string().min(1).max(40).optional().meta(d('instance:create and instance:resize: the instance type.')),
  count: z.int().min(1).max(1000).optional().meta(d('instance:create: how many (default 1).')),
  host: z.string().min(1).max(80).optional().meta(d('instance:migrate: the target host (absent: the scheduler picks).')),
});

export const IAM_TARGET_KINDS = ['service', 'instance', 'host', 'bill', 'tenant'] as const;

const actionSchema = z.strictObject({
  at: duration.meta(d('When the principal tries it (simulated time).')),
  principal: principalId.meta(d('Who tries it (a principal id, or "admin").')),
  action: z
    .enum(IAM_ACTIONS)
    .meta(d('The action (scenario:edit, host:read and function:read are the console\'s only). service:delete takes a service (autoscaled or with a fixed replica count) down to 0 replicas for good (its requests fail from then on; a running simulation cannot remove it from the graph).')),
  target: z
    .string()
    .regex(/^(service|instance|host|bill|tenant)\/[A-Za-z0-9._~-]{1,80}$/, { error: 'must be "service/<id>", "instance/<name>", "host/<id>", "bill/<tenant>" or "tenant/<tenant>"' })
    .meta(d('What it is tried on: service/<id>, instance/<name>, host/<id>, bill/<tenant> (bill:read) or tenant/<tenant> (instance:create).')),
  params: paramsSchema.default({}).meta(d('What the action sets (replicas, balancer, type…).')),
});

export const iamActionsSchema = z
  .array(actionSchema)
  .max(10_000)
  .optional()
  .meta(d('A scripted timeline of actions by principals, each authorized at its time: allowed ones take effect, denied ones are only audited.'));

export type PrincipalSpec = z.output<typeof principalSchema>;
export type IamActionSpec = z.output<typeof actionSchema>;

/** Which target kind each action takes. */
export const TARGET_OF: Readonly<Record<string, (typeof IAM_TARGET_KINDS)[number]>> = {
  'instance:create': 'tenant',
  'instance:resize': 'instance',
  'instance:migrate': 'instance',
  'instance:delete': 'instance',
  'instance:read': 'instance',
  'service:scale': 'service',
  'service:delete': 'service',
  'service:read': 'service',
  'policy:change': 'service',
  'host:fault': 'host',
  'bill:read': 'bill',
};

/** The parts of a scenario the checks read (kept structural so scenario/schema.ts can import this file). */
interface IamScenarioView {
  duration: number | string;
  principals?: PrincipalSpec[] | undefined;
  actions?: IamActionSpec[] | undefined;
  tenants?: Array<{ id: string }> | undefined;
  services: Array<{ id: string; placement?: { tenant?: string | undefined } | undefined }>;
  instances: Array<{ id: string; placement: { tenant?: string | undefined } }>;
  hostPools: Array<{ id: string; count: number; maxCount?: number | undefined; dedicatedTo?: string | undefined }>;
}

/** Every tenant the scenario names (the tenants block, placements, dedicated pools). */
export function knownTenants(s: Pick<IamScenarioView, 'tenants' | 'services' | 'instances' | 'hostPools'>): Set<string> {
  const out = new Set<string>();
  for (const t of s.tenants ?? []) out.add(t.id);
  for (const x of s.services) if (x.placement?.tenant) out.add(x.placement.tenant);
  for (const x of s.instances) if (x.placement.tenant) out.add(x.placement.tenant);
  for (const p of s.hostPools) if (p.dedicatedTo) out.add(p.dedicatedTo);
  return out;
}

export function checkIam(s: IamScenarioView, ctx: z.RefinementCtx): void {
  const tenants = knownTenants(s);
  const tenantList = [...tenants].join(', ') || 'none';
  const ids = new Set<string>();
  (s.principals ?? []).forEach((p, i) => {
    if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['principals', i, 'id'], message: `duplicate principal id "${p.id}"` });
    ids.add(p.id);
    p.roles.forEach((b, j) => {
      const at = ['principals', i, 'roles', j];
      if (b.role === 'admin' && b.tenant !== undefined)
        ctx.addIssue({ code: 'custom', path: [...at, 'tenant'], message: 'admin is the platform role: it takes no tenant' });
      if (b.role !== 'admin' && b.tenant === undefined) ctx.addIssue({ code: 'custom', path: [...at, 'tenant'], message: `role ${b.role} needs a tenant (tenants: ${tenantList})` });
      if (b.tenant !== undefined && !tenants.has(b.tenant)) ctx.addIssue({ code: 'custom', path: [...at, 'tenant'], message: `unknown tenant "${b.tenant}" (tenants: ${tenantList})` });
    });
    p.statements.forEach((st, j) => {
      st.actions.forEach((a, k) => {
        if (!IAM_ACTIONS.some((x) => globMatch(a, x)))
          ctx.addIssue({ code: 'custom', path: ['principals', i, 'statements', j, 'actions', k], message: `"${a}" matches no action (actions: ${IAM_ACTIONS.join(', ')})` });
      });
    });
  });
  ids.add('admin');
  const services = new Map(s.services.map((x) => [x.id, x]));
  const groups = [...s.services.map((x) => x.id), ...s.instances.map((x) => x.id), 'manual'];
  const hosts = new Set(s.hostPools.flatMap((p) => Array.from({ length: Math.max(p.count, p.maxCount ?? 0) }, (_, k) => `${p.id}-${k}`)));
  const end = durationSeconds(s.duration);
  (s.actions ?? []).forEach((a, i) => {
    const at = ['actions', i];
    if (!ids.has(a.principal)) ctx.addIssue({ code: 'custom', path: [...at, 'principal'], message: `unknown principal "${a.principal}" (principals: ${[...ids].join(', ')})` });
    if (durationSeconds(a.at) >= end) ctx.addIssue({ code: 'custom', path: [...at, 'at'], message: `must be before the end of the run (${end}s), got ${durationSeconds(a.at)}s` });
    const want = TARGET_OF[a.action];
    const slash = a.target.indexOf('/');
    const kind = a.target.slice(0, slash);
    const name = a.target.slice(slash + 1);
    if (want === undefined) {
      ctx.addIssue({ code: 'custom', path: [...at, 'action'], message: `${a.action} is a console action; it cannot be scripted` });
      return;
    }
    if (kind !== want) {
      ctx.addIssue({ code: 'custom', path: [...at, 'target'], message: `${a.action} takes a ${want}/… target, got "${a.target}"` });
      return;
    }
    const tp = [...at, 'target'];
    if ((kind === 'tenant' || kind === 'bill') && !tenants.has(name)) ctx.addIssue({ code: 'custom', path: tp, message: `unknown tenant "${name}" (tenants: ${tenantList})` });
    if (kind === 'service' && !services.has(name)) ctx.addIssue({ code: 'custom', path: tp, message: `unknown service "${name}" (services: ${[...services.keys()].join(', ')})` });
    if (kind === 'host' && !hosts.has(name)) ctx.addIssue({ code: 'custom', path: tp, message: `unknown host "${name}" (hosts are named <pool>-<index>)` });
    if (kind === 'instance' && !groups.some((g) => name.startsWith(`${g}-`)))
      ctx.addIssue({ code: 'custom', path: tp, message: `unknown instance "${name}" (instances are named <service or instance group>-<index>)` });
    const p = a.params;
    const pp = [...at, 'params'];
    if (a.action === 'service:scale' && p.replicas === undefined && p.minReplicas === undefined && p.maxReplicas === undefined)
      ctx.addIssue({ code: 'custom', path: pp, message: 'service:scale needs replicas, or minReplicas and/or maxReplicas' });
    if (a.action === 'policy:change' && p.balancer === undefined) ctx.addIssue({ code: 'custom', path: pp, message: 'policy:change needs balancer (the policy to switch to)' });
    if ((a.action === 'instance:create' || a.action === 'instance:resize') && p.type === undefined)
      ctx.addIssue({ code: 'custom', path: pp, message: `${a.action} needs type (an instance type)` });
  });
}
