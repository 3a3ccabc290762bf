import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { authorize, globMatch, IAM_ACTIONS, resourceName, ROLE_ACTIONS, roleAllows, TENANT_ROLES, type Principal, type Resource } from './policy';
import { AuditTrail } from './audit';

const svc = (tenant: string | null, id = 'web'): Resource => ({ kind: 'service', id, tenant });
const person = (id: string, bindings: Principal['bindings'], statements: Principal['statements'] = []): Principal => ({ id, kind: 'person', bindings, statements });

describe('glob matching', () => {
  it('matches *, prefixes and infixes, slashes included', () => {
    expect(globMatch('*', 'anything/at/all')).toBe(true);
    expect(globMatch('instance:*', 'instance:delete')).toBe(true);
    expect(globMatch('instance:*', 'service:scale')).toBe(false);
    expect(globMatch('tenant/acme/*', 'tenant/acme/service/web')).toBe(true);
    expect(globMatch('tenant/acme/*', 'tenant/acmex/service/web')).toBe(false);
    // a trailing /* covers the tenant itself (instance:create names tenant/acme), not a longer name
    expect(globMatch('tenant/acme/*', 'tenant/acme')).toBe(true);
    expect(globMatch('tenant/acme/*', 'tenant/acmex')).toBe(false);
    expect(globMatch('tenant/*/service/web', 'tenant/globex/service/web')).toBe(true);
    expect(globMatch('service:scale', 'service:scale')).toBe(true);
    expect(globMatch('service:scale', 'service:scaled')).toBe(false);
    expect(globMatch('a*b*c', 'abc')).toBe(true);
    expect(globMatch('a*b*c', 'acb')).toBe(false);
  });
});

describe('roles are least-privilege action sets', () => {
  it('gives each role only its job', () => {
    expect(roleAllows('operator', 'service:scale')).toBe(true);
    expect(roleAllows('operator', 'bill:read')).toBe(false);
    expect(roleAllows('operator', 'service:delete')).toBe(false);
    expect(roleAllows('viewer', 'service:read')).toBe(true);
    expect(roleAllows('viewer', 'service:scale')).toBe(false);
    expect(roleAllows('viewer', 'bill:read')).toBe(false);
    expect(roleAllows('billing', 'bill:read')).toBe(true);
    expect(roleAllows('billing', 'instance:read')).toBe(false);
    expect(roleAllows('owner', 'service:delete')).toBe(true);
    expect(roleAllows('owner', 'scenario:edit')).toBe(false);
    // Every pattern of every role names real actions.
    for (const patterns of Object.values(ROLE_ACTIONS)) for (const p of patterns) expect(IAM_ACTIONS.some((a) => globMatch(p, a))).toBe(true);
  });
});

describe('authorize: each rule, and the rule named', () => {
  const ops = person('ops-key', [{ role: 'operator', tenant: 'acme' }]);

  it('denies an unknown principal', () => {
    const d = authorize(undefined, 'mallory', 'service:read', svc('acme'));
    expect(d).toMatchObject({ allowed: false, kind: 'unknown-principal', rule: 'unknown principal "mallory"' });
  });

  it('allows by a role of the resource tenant, naming the role and tenant', () => {
    const d = authorize(ops, ops.id, 'service:scale', svc('acme'));
    expect(d).toMatchObject({ allowed: true, kind: 'role', tenant: 'acme', rule: 'role operator of tenant acme allows service:scale' });
  });

  it('denies cross-tenant, whatever the role could do at home', () => {
    const d = authorize(ops, ops.id, 'service:scale', svc('globex'));
    expect(d).toMatchObject({ allowed: false, kind: 'cross-tenant', rule: 'cross-tenant: principal ops-key has no role on tenant globex' });
  });

  it('does not let an allow statement reach another tenant', () => {
    const p = person('greedy', [{ role: 'viewer', tenant: 'acme' }], [{ effect: 'allow', actions: ['*'], resources: ['*'] }]);
    expect(authorize(p, p.id, 'service:scale', svc('globex')).kind).toBe('cross-tenant');
    expect(authorize(p, p.id, 'service:scale', svc('acme'))).toMatchObject({ allowed: true, kind: 'statement', rule: 'allow in policy greedy statement 1' });
  });

  it('denies platform resources to everybody but the admin', () => {
    const host: Resource = { kind: 'host', id: 'shared-0', tenant: null };
    expect(authorize(ops, ops.id, 'host:fault', host)).toMatchObject({ allowed: false, kind: 'platform-resource' });
    const admin = person('root', [{ role: 'admin' }]);
    expect(authorize(admin, admin.id, 'host:fault', host)).toMatchObject({ allowed: true, kind: 'platform-admin' });
    expect(authorize(admin, admin.id, 'bill:read', { kind: 'bill', id: 'globex', tenant: 'globex' }).allowed).toBe(true);
  });

  it('implicitly denies what no role or statement allows', () => {
    const v = person('vic', [{ role: 'viewer', tenant: 'acme' }]);
    const d = authorize(v, v.id, 'service:scale', svc('acme'));
    expect(d).toMatchObject({ allowed: false, kind: 'implicit-deny' });
    expect(d.rule).toBe('implicit deny: no rule allows service:scale; role viewer of tenant acme does not include it');
    expect(authorize(v, v.id, 'bill:read', { kind: 'bill', id: 'acme', tenant: 'acme' }).allowed).toBe(false);
  });

  it('lets an explicit deny beat a role, a statement and even the admin', () => {
    const deny = { effect: 'deny' as const, actions: ['instance:delete'], resources: ['tenant/acme/instance/db-*'] };
    const owner = person('ana', [{ role: 'owner', tenant: 'acme' }], [{ effect: 'allow', actions: ['instance:*'] }, deny]);
    const db: Resource = { kind: 'instance', id: 'db-3', tenant: 'acme' };
    expect(authorize(owner, owner.id, 'instance:delete', db)).toMatchObject({ allowed: false, kind: 'explicit-deny', rule: 'explicit deny in policy ana statement 2', statement: 2 });
    // Other instances and other actions are untouched by the statement.
    expect(authorize(owner, owner.id, 'instance:delete', { kind: 'instance', id: 'web-0', tenant: 'acme' }).allowed).toBe(true);
    expect(authorize(owner, owner.id, 'instance:resize', db).allowed).toBe(true);
    const admin = person('root', [{ role: 'admin' }], [deny]);
    expect(authorize(admin, admin.id, 'instance:delete', db).kind).toBe('explicit-deny');
  });

  it('names resources as statements match them', () => {
    expect(resourceName(svc('acme'))).toBe('tenant/acme/service/web');
    expect(resourceName({ kind: 'host', id: 'h-0', tenant: null })).toBe('platform/host/h-0');
    expect(resourceName({ kind: 'bill', id: 'acme', tenant: 'acme' })).toBe('tenant/acme/bill');
    expect(resourceName({ kind: 'tenant', id: 'acme', tenant: 'acme' })).toBe('tenant/acme');
  });
});

describe('authorize: properties', () => {
  const tenants = ['acme', 'globex', 'initech'];
  const tenant = fc.constantFrom(...tenants);
  const binding = fc.oneof(
    { weight: 9, arbitrary: fc.record({ role: fc.constantFrom(...TENANT_ROLES), tenant }) },
    { weight: 1, arbitrary: fc.constant({ role: 'admin' as const }) },
  );
  const actionPattern = fc.oneof(fc.constantFrom(...IAM_ACTIONS), fc.constantFrom('*', 'instance:*', 'service:*', 'bill:*'));
  const resourcePattern = fc.oneof(fc.constant('*'), tenant.map((t) => `tenant/${t}/*`), fc.constantFrom('tenant/*/service/*', 'platform/*'));
  const statement = fc.record({ effect: fc.constantFrom('allow' as const, 'deny' as const), actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }), resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }) });
  const principal = fc.record({
    id: fc.constantFrom('p1', 'p2'),
    kind: fc.constantFrom('person' as const, 'service-account' as const),
    bindings: fc.array(binding, { maxLength: 3 }),
    statements: fc.array(statement, { maxLength: 3 }),
  });
  const resource = fc.record({
    kind: fc.constantFrom('service' as const, 'instance' as const, 'host' as const, 'bill' as const),
    id: fc.constantFrom('web', 'db-1', 'h-0'),
    tenant: fc.oneof(tenant, fc.constant(null)),
  });
  const action = fc.constantFrom(...IAM_ACTIONS);

  it('an allowed action always has an allowing rule of the resource tenant; cross-tenant never; deny wins', () => {
    fc.assert(
      fc.property(principal, action, resource, (p, a, r) => {
        const d = authorize(p, p.id, a, r);
        const admin = p.bindings.some((b) => b.role === 'admin');
        const mine = new Set(p.bindings.flatMap((b) => ('tenant' in b && b.tenant !== undefined ? [b.tenant] : [])));
        const name = resourceName(r);
        const denied = p.statements.some((s) => s.effect === 'deny' && s.actions.some((x) => globMatch(x, a)) && s.resources.some((x) => globMatch(x, name)));
        if (denied) expect(d.allowed).toBe(false);
        if (!admin && (r.tenant === null || !mine.has(r.tenant))) expect(d.allowed).toBe(false);
        if (d.allowed) {
          if (d.kind === 'role') {
            expect(d.tenant).toBe(r.tenant);
            expect(p.bindings.some((b) => 'tenant' in b && b.tenant === r.tenant && roleAllows(b.role, a))).toBe(true);
          } else if (d.kind === 'statement') {
            const s = p.statements[d.statement! - 1]!;
            expect(s.effect).toBe('allow');
            expect(mine.has(r.tenant!)).toBe(true);
          } else expect(d.kind).toBe('platform-admin');
        }
        expect(d.rule.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('audit trail', () => {
  it('appends frozen entries in order and counts past its limit', () => {
    const t = new AuditTrail(2);
    const decision = { allowed: false, kind: 'cross-tenant' as const, rule: 'r' };
    const a = t.record({ time: 1, principal: 'p', action: 'service:scale', resource: 'tenant/x/service/s', tenant: 'x', decision, source: 'script' });
    t.record({ time: 2, principal: 'p', action: 'service:scale', resource: 'tenant/x/service/s', tenant: 'x', decision, source: 'console' });
    t.record({ time: 3, principal: 'p', action: 'service:scale', resource: 'tenant/x/service/s', tenant: 'x', decision, source: 'console' });
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => {
      (a as { allowed: boolean }).allowed = true;
    }).toThrow();
    expect(t.entries().map((e) => e.seq)).toEqual([0, 1]);
    expect(t.dropped).toBe(1);
    // The copy handed out does not change the trail.
    t.entries().pop();
    expect(t.length).toBe(2);
  });
});

describe('decisions carry the values their rule names', () => {
  it('gives each kind the params its sentence uses, matching the English rule', () => {
    const ops = person('ops-key', [{ role: 'operator', tenant: 'acme' }], [
      { effect: 'deny', actions: ['service:delete'] },
      { effect: 'allow', actions: ['bill:read'], resources: ['tenant/acme/*'] },
    ]);
    const admin = person('root', [{ role: 'admin' }]);
    const cases = [
      [authorize(undefined, 'mallory', 'service:read', svc('acme')), { principal: 'mallory' }],
      [authorize(ops, ops.id, 'service:delete', svc('acme')), { principal: 'ops-key', statement: 1 }],
      [authorize(admin, admin.id, 'service:scale', svc('acme')), { principal: 'root', action: 'service:scale' }],
      [authorize(ops, ops.id, 'host:fault', { kind: 'host', id: 'h-0', tenant: null }), { resource: 'platform/host/h-0', action: 'host:fault' }],
      [authorize(ops, ops.id, 'service:scale', svc('globex')), { principal: 'ops-key', tenant: 'globex' }],
      [authorize(ops, ops.id, 'service:scale', svc('acme')), { role: 'operator', tenant: 'acme', action: 'service:scale' }],
      [authorize(ops, ops.id, 'bill:read', { kind: 'bill', id: 'acme', tenant: 'acme' }), { principal: 'ops-key', statement: 2 }],
      [authorize(ops, ops.id, 'scenario:edit', svc('acme')), { action: 'scenario:edit', roles: 'operator', tenant: 'acme' }],
    ] as const;
    expect(cases.map(([d]) => d.kind)).toEqual(['unknown-principal', 'explicit-deny', 'platform-admin', 'platform-resource', 'cross-tenant', 'role', 'statement', 'implicit-deny']);
    for (const [d, params] of cases) {
      expect(d.params).toEqual(params);
      for (const v of Object.values(params)) expect(d.rule).toContain(String(v));
    }
  });

  it('keeps them in the audit entry', () => {
    const t = new AuditTrail();
    const d = authorize(person('ops-key', [{ role: 'operator', tenant: 'acme' }]), 'ops-key', 'service:scale', svc('globex'));
    const e = t.record({ time: 1, principal: 'ops-key', action: 'service:scale', resource: 'tenant/globex/service/web', tenant: 'globex', decision: d, source: 'console' });
    expect(e.params).toEqual({ principal: 'ops-key', tenant: 'globex' });
  });
});
