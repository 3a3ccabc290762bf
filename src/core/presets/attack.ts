import type { Preset } from './index';

const svc = (id: string, tenant: string) => ({
  id,
  zone: 'eu-west-a',
  instanceType: 'g.medium',
  placement: { kind: 'container' as const, tenant },
  replicas: 2,
  concurrency: 4,
  work: { type: 'lognormal' as const, mean: 0.05, sd: 0.03 },
  timeout: '5s',
  autoscaler: { policy: 'target-tracking' as const, metric: 'cpu' as const, target: 0.6, minReplicas: 2, maxReplicas: 6, startup: 5 },
});

/**
 * Identity and access: three tenants share a cluster; an acme operator key (a service account,
 * compromised) tries the other tenants' resources. Every foreign attempt is denied with its rule
 * and audited; its own tenant's operations go through.
 */
export const ATTACK_PRESET: Preset = {
  title: 'Compromised operator key (identity and access)',
  description:
    'Three tenants (acme, globex, initech) share a cluster; each has a service and its owners. At 2 minutes the acme CI deploy key, an operator service account, is stolen: the attacker tries to scale globex\'s API to zero, delete its database, switch its balancer, read its bill, take initech\'s app down, kill a host dedicated to globex and provision instances billed to globex. Every attempt is denied by a rule (cross-tenant, platform resource, explicit deny, implicit deny) and recorded in the audit trail; the key\'s legitimate acme work before and after is allowed and takes effect. Act as another principal (top bar) and try actions in their name.',
  watch:
    'Open the audit log and filter to denied: each attempt of acme-ops-key on globex or initech names the rule that stopped it ("cross-tenant: principal acme-ops-key has no role on tenant globex"), and nothing happens to globex-api — its replicas and balancer stay as they were. Its read of acme\'s own bill is denied too: an operator runs machines, it does not read invoices (least privilege). Compare with acme-web, which it scaled to 4 replicas at 1 minute, and the c.large it created for acme at 4 minutes.',
  question:
    'The key was only an operator of acme, yet it could still scale acme-web to the maximum and create instances billed to acme. What would you change — roles, explicit deny statements, quotas — to limit the damage a stolen key can do inside its own tenant?',
  scenario: {
    cumulo: 1,
    name: 'Compromised operator key',
    seed: 41,
    duration: '10m',
    metricsInterval: 5,
    regions: [{ id: 'eu-west', name: 'EU West', zones: [{ id: 'eu-west-a' }, { id: 'eu-west-b' }] }],
    hostPools: [
      { id: 'shared-a', zone: 'eu-west-a', count: 4, shape: { vcpu: 16, memoryGiB: 64 } },
      { id: 'shared-b', zone: 'eu-west-b', count: 4, shape: { vcpu: 16, memoryGiB: 64 } },
      { id: 'globex-dedicated', zone: 'eu-west-b', count: 2, shape: { vcpu: 16, memoryGiB: 64 }, dedicatedTo: 'globex' },
    ],
    tenants: [{ id: 'acme' }, { id: 'globex' }, { id: 'initech' }],
    services: [svc('acme-web', 'acme'), svc('globex-api', 'globex'), svc('initech-app', 'initech')],
    instances: [
      { id: 'globex-db', type: 'm.large', count: 2, placement: { tenant: 'globex', zones: ['eu-west-b'] } },
      { id: 'acme-batch', type: 'c.large', count: 2, placement: { tenant: 'acme' } },
    ],
    workloads: [
      { id: 'acme-users', target: 'acme-web', arrival: { type: 'poisson', rate: 60 } },
      { id: 'globex-users', target: 'globex-api', arrival: { type: 'poisson', rate: 80 } },
      { id: 'initech-users', target: 'initech-app', arrival: { type: 'poisson', rate: 30 } },
    ],
    principals: [
      { id: 'acme-owner', name: 'Ana (acme owner)', roles: [{ role: 'owner', tenant: 'acme' }] },
      {
        id: 'acme-ops-key',
        kind: 'service-account',
        name: 'acme CI deploy key',
        roles: [{ role: 'operator', tenant: 'acme' }],
        statements: [{ effect: 'deny', actions: ['instance:delete'], resources: ['tenant/acme/instance/acme-batch-*'] }],
      },
      { id: 'acme-viewer', name: 'Vic (acme viewer)', roles: [{ role: 'viewer', tenant: 'acme' }] },
      { id: 'acme-finance', name: 'Fay (acme billing)', roles: [{ role: 'billing', tenant: 'acme' }] },
      { id: 'globex-owner', name: 'Gus (globex owner)', roles: [{ role: 'owner', tenant: 'globex' }] },
      { id: 'initech-owner', name: 'Ivy (initech owner)', roles: [{ role: 'owner', tenant: 'initech' }] },
    ],
    actions: [
      { at: '1m', principal: 'acme-ops-key', action: 'service:scale', target: 'service/acme-web', params: { replicas: 4 } },
      { at: '2m', principal: 'acme-ops-key', action: 'service:scale', target: 'service/globex-api', params: { replicas: 0 } },
      { at: '2m10s', principal: 'acme-ops-key', action: 'instance:delete', target: 'instance/globex-db-0' },
      { at: '2m20s', principal: 'acme-ops-key', action: 'policy:change', target: 'service/globex-api', params: { balancer: 'random' } },
      { at: '2m30s', principal: 'acme-ops-key', action: 'bill:read', target: 'bill/globex' },
      { at: '2m40s', principal: 'acme-ops-key', action: 'service:delete', target: 'service/initech-app' },
      { at: '2m50s', principal: 'acme-ops-key', action: 'host:fault', target: 'host/globex-dedicated-0' },
      { at: '3m', principal: 'acme-ops-key', action: 'host:fault', target: 'host/shared-a-0' },
      { at: '3m10s', principal: 'acme-ops-key', action: 'instance:create', target: 'tenant/globex', params: { type: 'c.xlarge', count: 4 } },
      { at: '3m20s', principal: 'acme-ops-key', action: 'bill:read', target: 'bill/acme' },
      { at: '3m30s', principal: 'acme-ops-key', action: 'instance:delete', target: 'instance/acme-batch-1' },
      { at: '3m40s', principal: 'acme-ops-key', action: 'service:delete', target: 'service/acme-web' },
      { at: '4m', principal: 'acme-ops-key', action: 'instance:create', target: 'tenant/acme', params: { type: 'c.large' } },
      { at: '4m30s', principal: 'acme-ops-key', action: 'policy:change', target: 'service/acme-web', params: { balancer: 'least-connections' } },
      { at: '5m', principal: 'globex-owner', action: 'service:scale', target: 'service/globex-api', params: { replicas: 3 } },
      { at: '5m30s', principal: 'acme-finance', action: 'bill:read', target: 'bill/acme' },
    ],
  },
};
