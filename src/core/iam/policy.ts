/**
 * Identity and access: principals with roles per tenant, optional policy statements, and the
 * evaluation that decides every action and names the rule that decided it.
 *
 * Evaluation follows the documented AWS IAM logic (deny by default; an explicit deny in any
 * applicable statement overrides every allow; otherwise an allow is needed), with two multi-tenant
 * rules in front of the allows, as a permission boundary would do:
 *   1. an unknown principal is denied;
 *   2. an explicit deny statement matching the action and the resource denies;
 *   3. the platform role `admin` allows everything;
 *   4. a platform resource (no tenant) is denied to everybody else;
 *   5. a resource of a tenant the principal has no role on is denied (cross-tenant), whatever
 *      its statements say: statements never reach past the principal's tenants;
 *   6. a role of the principal on the resource's tenant whose action set holds the action allows;
 *   7. an allow statement matching the action and the resource allows;
 *   8. otherwise the action is implicitly denied.
 * Pure: no clock, no randomness; the audit trail is kept by the caller (audit.ts).
 */

/** Every action the console and the scripted timeline can ask for. */
export const IAM_ACTIONS = [
  'instance:create',
  'instance:resize',
  'instance:migrate',
  'instance:delete',
  'instance:read',
  'service:scale',
  'service:delete',
  'service:read',
  'host:read',
  'function:read',
  'policy:change',
  'host:fault',
  'bill:read',
  'scenario:edit',
] as const;
export type IamAction = (typeof IAM_ACTIONS)[number];

/** Tenant roles, and the platform role of the console's default user. */
export const TENANT_ROLES = ['owner', 'operator', 'viewer', 'billing'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];
export type Role = TenantRole | 'admin';

/**
 * Least privilege: each role holds only what its job needs. An operator runs the tenant's
 * machines and services but cannot read its bills or take a service down; a viewer only reads;
 * billing only reads bills. Patterns may end in `*` (like IAM's `ec2:*`).
 */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly string[]>> = {
  owner: ['instance:*', 'service:*', 'host:read', 'function:read', 'policy:change', 'host:fault', 'bill:read'],
  operator: ['instance:create', 'instance:resize', 'instance:migrate', 'instance:delete', 'instance:read', 'service:scale', 'service:read', 'host:read', 'function:read', 'policy:change', 'host:fault'],
  viewer: ['instance:read', 'service:read', 'host:read', 'function:read'],
  billing: ['bill:read'],
  admin: ['*'],
};

export type PrincipalKind = 'person' | 'service-account';

export interface RoleBinding {
  role: Role;
  /** The tenant the role applies to (absent only for the platform role admin). */
  tenant?: string;
}

export interface PolicyStatement {
  effect: 'allow' | 'deny';
  /** Action patterns: exact names, `*`, or a prefix ending in `*` ("instance:*"). */
  actions: readonly string[];
  /** Resource patterns such as "tenant/acme/service/web", "tenant/acme/*" or "*" (default every resource). */
  resources?: readonly string[];
}

export interface Principal {
  id: string;
  kind: PrincipalKind;
  name?: string;
  bindings: readonly RoleBinding[];
  /** The principal's own policy (its id names it in decisions). */
  statements?: readonly PolicyStatement[];
}

/** What an action is on. `tenant` null: a platform resource (shared hosts, the scenario itself). */
export interface Resource {
  kind: 'service' | 'instance' | 'host' | 'function' | 'bill' | 'tenant' | 'scenario' | 'zone' | 'link';
  id: string;
  tenant: string | null;
}

export type DecisionKind = 'unknown-principal' | 'explicit-deny' | 'platform-admin' | 'platform-resource' | 'cross-tenant' | 'role' | 'statement' | 'implicit-deny';

export interface Decision {
  allowed: boolean;
  kind: DecisionKind;
  /** The rule that decided, in words ("role operator of tenant acme allows service:scale"). */
  rule: string;
  /** Role decisions: the binding's tenant. Statement decisions: the statement's index (1-based). */
  tenant?: string;
  statement?: number;
  /**
   * The values the rule's sentence names, so a console can say it in another language from `kind`
   * and these (the English `rule` stays for the CLI and the audit export): principal, action,
   * resource, tenant, role, roles (comma-separated) and statement, as the kind uses them.
   */
  params?: DecisionParams;
}

export type DecisionParams = Readonly<Record<string, string | number>>;

/**
 * The resource's name as statements match it: "tenant/acme/service/web", "platform/host/pool-a-0",
 * "tenant/acme/bill" (its invoices), "tenant/acme" (the tenant itself: creating instances for it).
 */
export function resourceName(r: Resource): string {
  if (r.kind === 'tenant') return r.tenant === null ? 'platform/shared' : `tenant/${r.tenant}`;
  if (r.kind === 'bill' && r.tenant !== null) return `tenant/${r.tenant}/bill`;
  return r.tenant === null ? `platform/${r.kind}/${r.id}` : `tenant/${r.tenant}/${r.kind}/${r.id}`;
}

/** Glob match where `*` stands for any run of characters (slashes included, as in IAM). */
export function globMatch(pattern: string, text: string): boolean {
  if (pattern === '*') return true;
  // `tenant/acme/*` covers the tenant itself too (what an instance:create names), not only what is under it
  if (pattern.endsWith('/*') && text === pattern.slice(0, -2)) return true;
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  let pos = 0;
  const first = parts[0]!;
  if (!text.startsWith(first)) return false;
  pos = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const at = text.indexOf(parts[i]!, pos);
    if (at < 0) return false;
    pos = at + parts[i]!.length;
  }
  const last = parts[parts.length - 1]!;
  return text.length - pos >= last.length && text.endsWith(last);
}

const matchesAny = (patterns: readonly string[], text: string): boolean => patterns.some((p) => globMatch(p, text));

/** Whether a role's action set holds an action. */
export function roleAllows(role: Role, action: string): boolean {
  return matchesAny(ROLE_ACTIONS[role], action);
}

function statementMatches(s: PolicyStatement, action: string, resource: string): boolean {
  return matchesAny(s.actions, action) && matchesAny(s.resources ?? ['*'], resource);
}

/** The tenants a principal holds a role on. */
export function tenantsOf(p: Principal): Set<string> {
  return new Set(p.bindings.flatMap((b) => (b.tenant === undefined ? [] : [b.tenant])));
}

export const isPlatformAdmin = (p: Principal): boolean => p.bindings.some((b) => b.role === 'admin');

/** Decides one action of `principal` (undefined: unknown) on `resource`. */
export function authorize(principal: Principal | undefined, principalId: string, action: string, resource: Resource): Decision {
  if (!principal) return { allowed: false, kind: 'unknown-principal', rule: `unknown principal "${principalId}"`, params: { principal: principalId } };
  const name = resourceName(resource);
  const statements = principal.statements ?? [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (s.effect === 'deny' && statementMatches(s, action, name))
      return { allowed: false, kind: 'explicit-deny', rule: `explicit deny in policy ${principal.id} statement ${i + 1}`, statement: i + 1, params: { principal: principal.id, statement: i + 1 } };
  }
  if (isPlatformAdmin(principal)) return { allowed: true, kind: 'platform-admin', rule: `platform role admin of ${principal.id} allows ${action}`, params: { principal: principal.id, action } };
  if (resource.tenant === null)
    return { allowed: false, kind: 'platform-resource', rule: `platform resource: ${name} belongs to no tenant, only the platform admin may ${action} it`, params: { resource: name, action } };
  if (!tenantsOf(principal).has(resource.tenant))
    return { allowed: false, kind: 'cross-tenant', rule: `cross-tenant: principal ${principal.id} has no role on tenant ${resource.tenant}`, tenant: resource.tenant, params: { principal: principal.id, tenant: resource.tenant } };
  const mine = principal.bindings.filter((b) => b.tenant === resource.tenant);
  const granting = mine.find((b) => roleAllows(b.role, action));
  if (granting) return { allowed: true, kind: 'role', rule: `role ${granting.role} of tenant ${resource.tenant} allows ${action}`, tenant: resource.tenant, params: { role: granting.role, tenant: resource.tenant, action } };
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (s.effect === 'allow' && statementMatches(s, action, name))
      return { allowed: true, kind: 'statement', rule: `allow in policy ${principal.id} statement ${i + 1}`, tenant: resource.tenant, statement: i + 1, params: { principal: principal.id, statement: i + 1 } };
  }
  const roles = mine.map((b) => b.role).join(', ');
  return { allowed: false, kind: 'implicit-deny', rule: `implicit deny: no rule allows ${action}; role ${roles} of tenant ${resource.tenant} does not include it`, tenant: resource.tenant, params: { action, roles, tenant: resource.tenant } };
}

/** The console's default user when the scenario defines no principal called "admin". */
export const DEFAULT_ADMIN: Principal = { id: 'admin', kind: 'person', name: 'Platform admin', bindings: [{ role: 'admin' }] };
