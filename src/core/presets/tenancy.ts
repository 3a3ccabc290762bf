/**
 * Tenancy presets: noisy neighbours on overcommitted shared hosts (and the same with the web tenant
 * on dedicated hosts), and the SaaS tenancy types side by side.
 */
import type { ScenarioInput } from '../scenario/schema';
import type { Preset } from './index';

const zone = 'eu-west-a';
const region = { id: 'eu-west', name: 'EU West', zones: [{ id: zone }] };

/**
 * Six hosts of 4 physical vCPU, CPU overcommitted 2× (8 allocatable). Tenant `web`: a storefront of
 * 4 replicas (2 vCPU each, light load). Tenant `batch`: 8 burstable workers (2 vCPU requested,
 * limits 3× by the tenant's LimitRange default) kept busy, under a 16 vCPU quota; at 2 minutes it
 * asks for one more worker VM, which the quota refuses.
 */
export function noisyNeighbours(webIsolation: 'shared' | 'dedicated-hosts'): ScenarioInput {
  return {
    cumulo: 1,
    name: webIsolation === 'shared' ? 'Noisy neighbours (shared hosts)' : 'Noisy neighbours (web on dedicated hosts)',
    seed: 7,
    duration: '6m',
    warmup: '30s',
    metricsInterval: 5,
    regions: [region],
    hostPools: [{ id: 'shared', zone, count: 6, shape: { vcpu: 4, memoryGiB: 32 }, overcommit: { cpu: 2 } }],
    tenants: [
      { id: 'web', isolation: webIsolation },
      { id: 'batch', quota: { vcpu: 16 }, limitDefaults: { containerLimitFactor: 3 } },
    ],
    services: [
      {
        id: 'storefront',
        zone,
        instanceType: 'g.medium',
        placement: { kind: 'container', tenant: 'web' },
        replicas: 4,
        concurrency: 2,
        work: { type: 'lognormal', mean: 0.05, sd: 0.02 },
        queueLimit: 200,
        timeout: '5s',
      },
      {
        id: 'crunch',
        zone,
        instanceType: 'g.medium',
        placement: { kind: 'container', tenant: 'batch' },
        replicas: 8,
        concurrency: 1,
        work: { type: 'exponential', mean: 1 },
        queueLimit: 100_000,
        timeout: '1h',
      },
    ],
    workloads: [
      { id: 'shoppers', target: 'storefront', arrival: { type: 'poisson', rate: 40 } },
      { id: 'jobs', target: 'crunch', arrival: { type: 'poisson', rate: 12 } },
    ],
    instances: [{ id: 'batch-extra', type: 'g.medium', count: 1, at: '2m', placement: { tenant: 'batch' } }],
  };
}

export const TENANCY_PRESETS: Readonly<Record<string, Preset>> = {
  'noisy-neighbours': {
    title: 'Noisy neighbours: a batch tenant next to a web tenant on overcommitted hosts',
    description:
      'Six hosts with 4 physical vCPU each, CPU overcommitted 2×. The web tenant\'s storefront (4 replicas) shares them with the batch tenant\'s 8 burstable workers, kept busy. When a host\'s containers want more CPU than it has, all of them slow down in proportion, the storefront too. At 2 minutes the batch tenant asks for one more VM, and its quota refuses it. The preset "noisy-neighbours-dedicated" is the same with the web tenant on dedicated hosts.',
    watch:
      'Watch the storefront\'s p99 and the tenancy panel: the batch tenant\'s dominant share, Jain\'s index, and the refused create with its reason. Then open "noisy-neighbours-dedicated" (or set tenants[0].isolation to dedicated-hosts) and compare the storefront\'s p99 and the web tenant\'s bill.',
    question: 'The storefront barely uses its CPU. Why does its p99 depend on what another tenant does, and what does it cost to make it stop depending on it?',
    scenario: noisyNeighbours('shared'),
  },
  'noisy-neighbours-dedicated': {
    title: 'Noisy neighbours, with the web tenant on dedicated hosts',
    description:
      'The noisy-neighbours scenario with the web tenant\'s isolation set to dedicated-hosts: its replicas only go on hosts no other tenant holds, and those hosts take no one else. The batch workers crowd onto the remaining hosts. The web tenant pays for its hosts whole: their unrequested capacity is its cost, not shared idle.',
    watch:
      'Compare with "noisy-neighbours": the storefront\'s p99 falls back to its own work time, the batch workers get slower (they now share two hosts), and in the bill the web tenant pays for four whole hosts instead of four containers.',
    question: 'Who pays for the isolation, and would a separate pool or a quota on the batch tenant\'s CPU limits have been cheaper?',
    scenario: noisyNeighbours('dedicated-hosts'),
  },
  'saas-tenancy': {
    title: 'SaaS tenancy: three tenants sharing one database',
    description:
      'A CRM application (an app tier calling a database tier) serves three tenants; bigco\'s traffic more than triples from 2 to 4 minutes. The saas block\'s model is shared-database: one app deployment and one database, so every tenant\'s requests wait in the same queues. To switch, edit saas[0].model to shared-schema (an app per tenant, one database), separate-database (an app and a database per tenant, on shared hosts) or separate-instance (the whole stack per tenant on dedicated hosts): the scenario expands into other services, and the bill and the quiet tenants\' p99 change with it.',
    watch:
      'Watch the p99 of acme and globex (the quiet tenants) during bigco\'s spike, and the bill. Headless figures (vitest src/core/scenario/saas.test.ts): acme p99 about 10 s, 1.6 s, 0.5 s and 0.17 s from shared-database to separate-instance, while the bill rises from $0.039 to $0.098 for the 6 minutes.',
    question: 'Which tenancy type would you sell to bigco, and which to a hundred small tenants? What would you charge each for it?',
    scenario: saasTenancy('shared-database'),
  },
};

/**
 * One SaaS application (app tier calling a database tier) with three tenants: two steady ones and
 * `bigco`, whose traffic triples for two minutes. Four hosts of 4 vCPU with 2× CPU overcommit.
 */
export function saasTenancy(model: 'shared-database' | 'shared-schema' | 'separate-database' | 'separate-instance'): ScenarioInput {
  return {
    cumulo: 1,
    name: `SaaS tenancy: ${model}`,
    seed: 11,
    duration: '6m',
    warmup: '30s',
    metricsInterval: 5,
    regions: [region],
    hostPools: [{ id: 'shared', zone, count: 4, shape: { vcpu: 4, memoryGiB: 32 }, overcommit: { cpu: 2 } }],
    // Bin packing: containers fill a host before the next one is used (tenants with their own hosts pack them).
    scheduler: { strategy: 'most-allocated' },
    // bigco's containers burst to twice their CPU request (LimitRange default) when their host has room.
    tenants: [{ id: 'bigco', limitDefaults: { containerLimitFactor: 2 } }],
    saas: [
      {
        id: 'crm',
        model,
        zone,
        app: { instanceType: 'g.medium', replicas: 2, concurrency: 4, work: { type: 'lognormal', mean: 0.02, sd: 0.01 } },
        database: { instanceType: 'g.medium', replicas: 2, concurrency: 4, work: { type: 'exponential', mean: 0.03 } },
        timeout: '10s',
        tenants: [
          { id: 'bigco', arrival: { type: 'spike', base: 60, peak: 200, at: '2m', rampUp: '10s', hold: '2m', rampDown: '10s' } },
          { id: 'acme', arrival: { type: 'poisson', rate: 40 } },
          { id: 'globex', arrival: { type: 'poisson', rate: 40 } },
        ],
      },
    ],
  };
}
