import type { Preset } from './index';

/**
 * On-demand, reserved and spot side by side, with money left on the table on purpose: an
 * over-provisioned web tier (rightsize), a steady baseline on demand (reserve), batch work and
 * replicated services on demand (spot), and a forgotten service nobody calls (scale to zero).
 */
export const COST_MODELS: Preset = {
  title: 'Cost models: on-demand, reserved, spot, and what to save',
  description:
    'A shop (web on 4 × g.xlarge, far bigger than its load; an API on 3 × g.large) and an analytics team (a nightly report batch of 6 × c.large for 45 minutes, and a legacy service nobody calls) in one public region, all on demand, one g.large already reserved. The bill shows each tenant\'s invoice, data egress to the internet, budgets with alerts, and four kinds of recommendation with their estimated savings; "Apply and re-run" checks each on the same seed.',
  watch:
    'Open the bill while it plays: the shop\'s forecast crosses its monthly budget within minutes, and the analytics sandbox ($1.50 a month) passes half of it about an hour in, when the report batch starts burning. At the end, compare the recommendations: rightsizing the web tier saves the most per month; reserving the baseline saves a steady 37 %; spot is cheapest but only for work that survives an interruption. Apply rightsizing and reserving together and re-run: the real saving lands on the estimate, and the web SLO still holds.',
  question:
    'Why does the re-run decide the commitments only after rightsizing, and what would a reservation bought for the old instance type cost you after you rightsize?',
  scenario: {
    cumulo: 1,
    name: 'Cost models',
    seed: 7,
    duration: '2h',
    metricsInterval: '30s',
    regions: [{ id: 'eu-west', name: 'EU West', zones: [{ id: 'eu-west-a' }, { id: 'eu-west-b' }] }],
    hostPools: [
      { id: 'general-a', zone: 'eu-west-a', count: 6, shape: { vcpu: 16, memoryGiB: 64 } },
      { id: 'general-b', zone: 'eu-west-b', count: 6, shape: { vcpu: 16, memoryGiB: 64 } },
    ],
    services: [
      {
        id: 'web',
        zone: 'eu-west-a',
        instanceType: 'g.xlarge',
        replicas: 4,
        concurrency: 8,
        work: { type: 'lognormal', mean: 0.04, sd: 0.02 },
        timeout: '2s',
        loadBalancer: { policy: 'least-connections' },
        placement: { tenant: 'shop', spread: { maxSkew: 1 } },
        slo: { availability: 0.999, latency: { percentile: 0.95, threshold: '200ms' }, window: '5m' },
      },
      {
        id: 'api',
        zone: 'eu-west-a',
        instanceType: 'g.large',
        replicas: 3,
        concurrency: 2,
        work: { type: 'lognormal', mean: 0.08, sd: 0.04 },
        timeout: '2s',
        placement: { tenant: 'shop' },
        slo: { availability: 0.999, window: '5m' },
      },
      {
        id: 'legacy',
        zone: 'eu-west-b',
        instanceType: 'g.medium',
        replicas: 2,
        concurrency: 4,
        work: { type: 'exponential', mean: 0.05 },
        placement: { tenant: 'analytics' },
      },
    ],
    instances: [{ id: 'reports', type: 'c.large', count: 6, at: '30m', lifetime: '45m', placement: { tenant: 'analytics' } }],
    workloads: [
      { id: 'shoppers', target: 'web', arrival: { type: 'poisson', rate: 60 } },
      { id: 'partners', target: 'api', arrival: { type: 'poisson', rate: 40 } },
    ],
    billing: {
      reserved: [{ region: 'eu-west', type: 'g.large', count: 1, tenant: 'shop' }],
      egress: {
        responses: [
          { service: 'web', kb: 8 },
          { service: 'api', kb: 4 },
        ],
      },
      budgets: [
        { tenant: 'shop', monthly: 1500, forecastAfter: '10m' },
        { tenant: 'analytics', monthly: 1.5, thresholds: [0.5, 0.8] },
      ],
    },
  },
};
