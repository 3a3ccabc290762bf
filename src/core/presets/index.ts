import type { ScenarioInput } from '../scenario/schema';
import { COST_MODELS } from './cost-models';
import { ATTACK_PRESET } from './attack';
import { SERVERLESS_PRESETS } from './serverless';
import { TENANCY_PRESETS } from './tenancy';

/**
 * Built-in scenarios. They are stored as written (defaults left out), which keeps their links short.
 * `default` is what the console opens with.
 */
export interface Preset {
  title: string;
  description: string;
  /** For the classroom: what to watch while it runs (one paragraph). */
  watch: string;
  /** For the classroom: a question to ask the class. */
  question: string;
  scenario: ScenarioInput;
}

const region = {
  id: 'eu-west',
  name: 'EU West',
  zones: [{ id: 'eu-west-a' }, { id: 'eu-west-b' }],
};

export const PRESETS: Readonly<Record<string, Preset>> = {
  default: {
    title: 'Web shop with a flash crowd',
    watch:
      "Watch the web tier's queue bars and its p95 line at the 2-minute mark, when the flash crowd nearly doubles its traffic: with 8 slots for about 170 req/s of 60 ms work the tier runs past its capacity, so the queues fill, the p95 climbs toward the 2 s timeout and the drop counter starts moving. The search tier next to it, with one shared queue and the same steady load throughout, stays calm: compare the two panels while the crowd lasts and after it leaves.",
    question: "Why does the web tier's latency stay high for a while after the crowd has gone, and what would you change first: more replicas, more concurrency per replica or a shorter queue?",
    description: 'A storefront of 4 replicas behind round robin, and a search service of 3 replicas sharing one queue. At 2 minutes a flash crowd doubles the storefront traffic for a minute: watch queues, p95 and drops.',
    scenario: {
      cumulo: 1,
      name: 'Web shop with a flash crowd',
      seed: 42,
      duration: '6m',
      regions: [region],
      hostPools: [{ id: 'general', zone: 'eu-west-a', count: 8, shape: { vcpu: 16, memoryGiB: 64 } }],
      services: [
        {
          id: 'web',
          zone: 'eu-west-a',
          instanceType: 'g.medium',
          replicas: 4,
          concurrency: 2,
          work: { type: 'lognormal', mean: 0.06, sd: 0.04 },
          queueLimit: 50,
          timeout: '2s',
        },
        {
          id: 'search',
          zone: 'eu-west-b',
          instanceType: 'c.large',
          replicas: 3,
          concurrency: 4,
          queue: 'shared',
          work: { type: 'exponential', mean: 0.1 },
          queueLimit: 200,
          timeout: '3s',
        },
      ],
      workloads: [
        { id: 'shoppers', target: 'web', arrival: { type: 'spike', base: 90, peak: 170, at: '2m', rampUp: '10s', hold: '1m', rampDown: '20s' } },
        { id: 'searchers', target: 'search', arrival: { type: 'poisson', rate: 95 } },
      ],
    },
  },
  mm1: {
    title: 'M/M/1 queue',
    watch:
      'Watch the mean response time settle toward 50 ms as the run grows long, and the batch-means confidence interval narrow around it; early on the average wanders a lot even though nothing in the system changes. The queue is often empty and sometimes long: at 80 % utilization the waiting time, not the 10 ms of work, makes up most of the response time.',
    question: 'If the arrival rate rose from 80 to 90 req/s (12.5 % more traffic), by how much would the mean response time grow, and why is it not 12.5 %?',
    description: 'One replica, Poisson arrivals at 80 req/s, exponential work of mean 10 ms (ρ = 0.8). Theory: mean response time 1/(μ−λ) = 50 ms.',
    scenario: {
      cumulo: 1,
      name: 'M/M/1 queue (ρ = 0.8)',
      seed: 1,
      duration: '1h',
      warmup: '2m',
      services: [{ id: 'server', replicas: 1, work: { type: 'exponential', mean: 0.01 }, queueLimit: 1_000_000 }],
      workloads: [{ id: 'clients', target: 'server', arrival: { type: 'poisson', rate: 80 } }],
    },
  },
  mmc: {
    title: 'M/M/c queue (Erlang C)',
    watch:
      'Watch the shared queue: ten replicas pull from one line, so a request waits only when all ten are busy, and the mean wait is far below what ten separate M/M/1 queues at the same 80 % utilization would give. Compare the measured mean wait with the Erlang C value in the description as the confidence interval closes.',
    question: 'Ten small servers sharing one queue or one server ten times as fast: which gives the shorter mean response time, and which the shorter wait?',
    description: '10 replicas sharing one queue, Poisson arrivals at 160 req/s, exponential work of mean 50 ms (ρ = 0.8). Theory: the mean wait follows Erlang C.',
    scenario: {
      cumulo: 1,
      name: 'M/M/10 queue (ρ = 0.8)',
      seed: 7,
      duration: '1h',
      warmup: '2m',
      services: [{ id: 'pool', replicas: 10, queue: 'shared', work: { type: 'exponential', mean: 0.05 }, queueLimit: 1_000_000 }],
      workloads: [{ id: 'clients', target: 'pool', arrival: { type: 'poisson', rate: 160 } }],
    },
  },
  'mmc-100': {
    title: 'M/M/100 at ρ = 0.9 (benchmark)',
    watch:
      'Watch the events-per-second counter: this is the benchmark scenario, 100 replicas sharing one queue at 90 % utilization and 1,800 req/s. Despite the high utilization, waits stay short because with so many servers one is almost always about to free up (the economy of scale of pooled capacity).',
    question: 'At 90 % utilization a single server has long queues; why does a pool of 100 servers at the same utilization barely queue at all?',
    description: '100 replicas sharing one queue, 1,800 req/s, exponential work of mean 50 ms. The kernel benchmark scenario.',
    scenario: {
      cumulo: 1,
      name: 'M/M/100 queue (ρ = 0.9)',
      seed: 3,
      duration: '30m',
      warmup: '1m',
      services: [{ id: 'fleet', replicas: 100, queue: 'shared', work: { type: 'exponential', mean: 0.05 }, queueLimit: 1_000_000 }],
      workloads: [{ id: 'clients', target: 'fleet', arrival: { type: 'poisson', rate: 1800 } }],
    },
  },
  'balancers-100': {
    title: '100 replicas, per-replica queues, power of two choices',
    watch:
      'Watch the per-replica heat map and the p99 line: with power of two choices each request looks at two random replicas and takes the less busy, and the queues stay short and even across all 100 replicas. Switch the balancer to random or round robin in the inspector and watch hot spots appear in the heat map and p99 rise, with the same traffic.',
    question: 'Power of two choices looks at only two replicas per request; why is that almost as good as looking at all one hundred, and far better than looking at one?',
    description: '100 replicas each with its own queue, fed by power-of-two-choices balancing at ρ = 0.9. Compare with random or round robin by switching the policy.',
    scenario: {
      cumulo: 1,
      name: 'Power of two choices over 100 replicas',
      seed: 5,
      duration: '10m',
      warmup: '30s',
      services: [
        {
          id: 'fleet',
          replicas: 100,
          work: { type: 'exponential', mean: 0.05 },
          queueLimit: 10_000,
          loadBalancer: { policy: 'power-of-two' },
        },
      ],
      workloads: [{ id: 'clients', target: 'fleet', arrival: { type: 'poisson', rate: 1800 } }],
    },
  },
  'two-tier': {
    title: 'Two-tier microservices with objectives',
    watch:
      "Watch the call edges in the topology and each tier's p99: every API request waits for auth and then (80 % of the time) the database in the other zone, so the API's latency is the sum of its own work, the network hops and the slowest call it makes. The objectives panel counts the windows where p99 went over 250 ms or availability dropped under 99.9 %, and the error budget that is left.",
    question: "Each tier is fast on its own; why is the API's p99 larger than the sum of the tiers' medians, and where does the extra come from?",
    description: 'An API of 20 replicas calls an auth service and then a database tier in another zone, at 1,000 req/s for an hour; objectives: 99.9 % availability and p99 under 250 ms.',
    scenario: {
      cumulo: 1,
      name: 'Two-tier microservices',
      seed: 21,
      duration: '1h',
      warmup: '1m',
      metricsInterval: '5s',
      regions: [region],
      services: [
        {
          id: 'api',
          zone: 'eu-west-a',
          replicas: 20,
          concurrency: 8,
          work: { type: 'lognormal', mean: 0.012, sd: 0.008 },
          calls: { mode: 'sequential', targets: [{ service: 'auth' }, { service: 'db', probability: 0.8 }] },
          loadBalancer: { policy: 'least-connections' },
          timeout: '2s',
          slo: { availability: 0.999, latency: { percentile: 0.99, threshold: '250ms' } },
        },
        { id: 'auth', zone: 'eu-west-a', replicas: 6, concurrency: 4, work: { type: 'exponential', mean: 0.004 }, loadBalancer: { policy: 'power-of-two' } },
        { id: 'db', zone: 'eu-west-b', replicas: 8, concurrency: 4, work: { type: 'lognormal', mean: 0.02, sd: 0.015 }, queue: 'shared', queueLimit: 500 },
      ],
      workloads: [{ id: 'users', target: 'api', arrival: { type: 'poisson', rate: 1000 } }],
    },
  },
  'slow-dependency': {
    title: 'A slow dependency in a microservice chain',
    watch:
      "Watch the payments service, the one slow dependency: its work has a long tail, and before anything breaks the gateway's p99 already follows payments' tail while its p50 stays near 12 ms, although only one request in five goes through payments. At 5 minutes two of the five payments replicas crash for 4 minutes: payments' queue grows and its requests time out after 2 s, checkout holds a slot for every call in progress and fills up, and then the gateway's slots are all waiting too, so even the requests that never touch payments queue and time out. Watch the failures climb from the bottom of the chain to the top, and drain again after the replicas return.",
    question: 'The catalog path never touches payments; why do its requests fail too during the crash, and what would stop that: a shorter timeout, a limit on the calls checkout may have in progress (a bulkhead), or more payment replicas?',
    description:
      'A gateway (10 replicas) calls a catalog service and, for one request in five, a checkout service, which calls a slow payments service in the other zone (5 replicas, long-tailed work, 2 s timeout). At 5 minutes two payments replicas crash for 4 minutes: timeouts, queueing up the chain and the gateway p99 amplified.',
    scenario: {
      cumulo: 1,
      name: 'A slow dependency',
      seed: 31,
      duration: '15m',
      metricsInterval: '5s',
      regions: [region],
      services: [
        {
          id: 'gateway',
          zone: 'eu-west-a',
          replicas: 10,
          concurrency: 16,
          work: { type: 'lognormal', mean: 0.004, sd: 0.002 },
          calls: { mode: 'sequential', targets: [{ service: 'catalog' }, { service: 'checkout', probability: 0.2 }] },
          loadBalancer: { policy: 'least-connections' },
          timeout: '5s',
          slo: { availability: 0.995, latency: { percentile: 0.99, threshold: '800ms' }, window: '1m' },
        },
        { id: 'catalog', zone: 'eu-west-a', replicas: 6, concurrency: 4, work: { type: 'exponential', mean: 0.008 }, loadBalancer: { policy: 'power-of-two' } },
        {
          id: 'checkout',
          zone: 'eu-west-a',
          replicas: 4,
          concurrency: 8,
          work: { type: 'lognormal', mean: 0.01, sd: 0.005 },
          calls: { mode: 'sequential', targets: [{ service: 'payments' }] },
          queueLimit: 200,
          timeout: '4s',
        },
        {
          id: 'payments',
          zone: 'eu-west-b',
          replicas: 5,
          concurrency: 4,
          work: { type: 'lognormal', mean: 0.2, sd: 0.35 },
          queue: 'shared',
          queueLimit: 300,
          timeout: '2s',
          healthCheck: { interval: '2s', unhealthyThreshold: 2, healthyThreshold: 2 },
        },
      ],
      workloads: [{ id: 'shoppers', target: 'gateway', arrival: { type: 'poisson', rate: 400 } }],
      faults: [
        { kind: 'replica-crash', service: 'payments', replica: 0, at: '5m', duration: '4m' },
        { kind: 'replica-crash', service: 'payments', replica: 1, at: '5m', duration: '4m' },
      ],
    },
  },
  'lb-compare': {
    title: 'Load balancers under pressure',
    watch:
      'Watch the p99 line and the per-replica queues under round robin: the traffic alternates between bursts and calmer periods and the work per request is highly variable, so round robin keeps sending requests to replicas that are still busy with a long one, and queues build on a few replicas. Switch to least connections or power of two choices while it runs (or run A/B compare) and watch the p99 drop with the same arrivals.',
    question: 'Round robin gives every replica exactly the same number of requests; why is that not the same as giving them the same amount of work?',
    description: '20 replicas with their own queues at 90 % utilization, behind round robin. Switch the balancer to power of two choices or least connections while it runs and watch p99 fall.',
    scenario: {
      cumulo: 1,
      name: 'Load balancers under pressure',
      seed: 8,
      duration: '30m',
      services: [
        {
          id: 'app',
          replicas: 20,
          work: { type: 'lognormal', mean: 0.05, sd: 0.08 },
          queueLimit: 200,
          loadBalancer: { policy: 'round-robin' },
          slo: { latency: { percentile: 0.99, threshold: '1s' }, window: '30s' },
        },
      ],
      workloads: [{ id: 'clients', target: 'app', arrival: { type: 'mmpp', states: [{ rate: 420, meanDuration: '20s' }, { rate: 300, meanDuration: '20s' }] } }],
    },
  },
  'hot-keys': {
    title: 'Sticky sessions and hot keys',
    watch:
      'Watch the per-replica utilization: consistent hashing sends every request for one key to the same replica, and with Zipf-distributed clients a few keys get most of the traffic, so some replicas run much hotter than others. At 5 minutes replica 3 crashes: watch the health checks take it out of rotation after two failed probes and only its keys move to the neighbours on the ring, while every other key stays where it was.',
    question: 'Consistent hashing keeps caches warm by sending a key to the same replica every time; what does that cost when a few keys are far more popular than the rest?',
    description: 'A cache tier of 10 replicas behind consistent hashing, fed by Zipf-distributed clients: a few hot keys overload their replicas. A replica crashes at 5 minutes; health checks take it out and only its keys move.',
    scenario: {
      cumulo: 1,
      name: 'Sticky sessions and hot keys',
      seed: 13,
      duration: '15m',
      services: [
        {
          id: 'cache',
          replicas: 10,
          concurrency: 4,
          work: { type: 'exponential', mean: 0.01 },
          loadBalancer: { policy: 'consistent-hash' },
          healthCheck: { interval: '2s', unhealthyThreshold: 2, healthyThreshold: 3 },
        },
      ],
      workloads: [{ id: 'sessions', target: 'cache', arrival: { type: 'poisson', rate: 2000 }, clients: { count: 50_000, popularity: 'zipf', skew: 1.1 } }],
      faults: [{ kind: 'replica-crash', service: 'cache', replica: 3, at: '5m', duration: '3m' }],
    },
  },
  'zone-outage': {
    title: 'A zone goes down (topology spread)',
    watch:
      "Watch the infrastructure view at 3 minutes, when zone A fails: the two replicas placed there are lost, the balancer's health checks take them out of rotation and the four in zones B and C keep serving while replacements are scheduled in the surviving zones. The topology spread rule (max skew 1) put two replicas in each zone to begin with; the objectives panel shows how short the availability dip is.",
    question: 'If you removed the spread rule, the bin-packing scheduler would put all six replicas in zone A; what would the same outage do then, and what does design for failure cost in normal times?',
    description: 'Three zones, a web service of 6 replicas spread across them (max skew 1) on a bin-packing scheduler. At 3 minutes zone A fails for 10 minutes: two replicas are lost, the rest keep serving, and replacements come up in the other zones. Remove the spread and the same seed packs every replica into zone A and loses the service.',
    scenario: {
      cumulo: 1,
      name: 'A zone goes down',
      seed: 17,
      duration: '20m',
      regions: [{ id: 'eu-west', name: 'EU West', zones: [{ id: 'eu-west-a' }, { id: 'eu-west-b' }, { id: 'eu-west-c' }] }],
      hostPools: [
        { id: 'pool-a', zone: 'eu-west-a', count: 4, shape: { vcpu: 16, memoryGiB: 64 } },
        { id: 'pool-b', zone: 'eu-west-b', count: 4, shape: { vcpu: 16, memoryGiB: 64 } },
        { id: 'pool-c', zone: 'eu-west-c', count: 4, shape: { vcpu: 16, memoryGiB: 64 } },
      ],
      scheduler: { strategy: 'most-allocated' },
      services: [
        {
          id: 'web',
          zone: 'eu-west-a',
          instanceType: 'g.large',
          replicas: 6,
          concurrency: 4,
          work: { type: 'lognormal', mean: 0.05, sd: 0.03 },
          timeout: '2s',
          loadBalancer: { policy: 'least-connections' },
          healthCheck: { interval: '5s' },
          placement: { kind: 'vm', spread: { maxSkew: 1, hard: true } },
          slo: { availability: 0.99, window: '1m' },
        },
      ],
      workloads: [{ id: 'users', target: 'web', arrival: { type: 'poisson', rate: 200 } }],
      faults: [{ kind: 'zone-outage', zone: 'eu-west-a', at: '3m', duration: '10m' }],
    },
  },
  'hybrid-dc': {
    title: 'Hybrid cloud: a private datacenter bursting to a public region',
    watch:
      "Watch the private datacenter fill up: its 20 hosts have a fixed capacity (with 2× CPU overcommit), the ERP and the tenant acme's database are placed there first with high priority, and the batch VMs that arrive at 10 minutes take whatever room is left, in the datacenter or across the dedicated line in the public region. Hosts fail at random (MTBF 2 hours): open the event log and the placement explanations to see why each instance landed where it did, and what the bill says about the public part.",
    question: 'When is it cheaper to burst to a public region than to buy more hosts for the private datacenter, and what does the dedicated line add to the answer?',
    description: 'A private datacenter of fixed capacity (20 hosts, 2× CPU overcommit, a dedicated pool for one tenant) linked by a dedicated line to a public region. Batch VMs arrive over time, hosts fail at random (MTBF 2 h), and the scheduler places what it can, explaining every decision.',
    scenario: {
      cumulo: 1,
      name: 'Hybrid cloud',
      seed: 29,
      duration: '2h',
      metricsInterval: '10s',
      regions: [
        { id: 'onprem', name: 'Private datacenter', kind: 'private', zones: [{ id: 'onprem-hall-1' }] },
        { id: 'eu-west', name: 'EU West', zones: [{ id: 'eu-west-a' }, { id: 'eu-west-b' }] },
      ],
      network: { links: [{ between: ['onprem', 'eu-west'], latency: '8ms', kind: 'dedicated', bandwidthGbps: 10 }] },
      hostPools: [
        { id: 'dc', zone: 'onprem-hall-1', count: 16, shape: { vcpu: 32, memoryGiB: 128 }, overcommit: { cpu: 2 }, mtbf: '2h', mttr: '15m' },
        { id: 'dc-acme', zone: 'onprem-hall-1', count: 4, shape: { vcpu: 32, memoryGiB: 128 }, dedicatedTo: 'acme' },
        { id: 'cloud-a', zone: 'eu-west-a', count: 10, shape: { vcpu: 16, memoryGiB: 64 } },
        { id: 'cloud-b', zone: 'eu-west-b', count: 10, shape: { vcpu: 16, memoryGiB: 64 }, taints: [{ key: 'spot', effect: 'NoSchedule' }] },
      ],
      instances: [
        { id: 'erp', type: 'm.xlarge', count: 12, placement: { zones: ['onprem-hall-1'], priority: 100 } },
        { id: 'acme-db', type: 'm.large', count: 6, placement: { tenant: 'acme', zones: ['onprem-hall-1'], priority: 100, antiAffinity: true } },
        { id: 'batch', type: 'c.xlarge', count: 40, at: '10m', lifetime: '40m', placement: { priority: 10 } },
        { id: 'spot-workers', type: 'g.large', count: 20, at: '20m', placement: { tolerations: [{ key: 'spot' }], zones: ['eu-west-b'] } },
      ],
    },
  },
  'diurnal-day': {
    title: 'A diurnal day',
    watch:
      'Watch the arrival curve and the utilization follow the daily cycle: quiet nights at 20 req/s, a peak of 180 req/s at 14:00. The six fixed replicas are mostly idle at night and close to saturation in the afternoon, where p95 climbs steeply; the same capacity is both too much and barely enough, depending on the hour.',
    question: 'With a fixed fleet sized for the 14:00 peak, what fraction of the capacity you pay for is used over the day, and how would you measure it here?',
    description: 'One day of traffic following a daily curve between 20 and 180 req/s (peak at 14:00) on 6 replicas: quiet nights, busy afternoons.',
    scenario: {
      cumulo: 1,
      name: 'A diurnal day',
      seed: 11,
      duration: '1d',
      metricsInterval: '1m',
      regions: [region],
      services: [{ id: 'app', zone: 'eu-west-a', replicas: 6, concurrency: 4, work: { type: 'lognormal', mean: 0.1, sd: 0.08 }, timeout: '5s' }],
      workloads: [{ id: 'users', target: 'app', arrival: { type: 'diurnal', peak: 180, trough: 20 } }],
    },
  },
  'flash-crowd': {
    title: 'Autoscaling a flash crowd',
    watch:
      'Watch the chain of delays at 5 minutes, when the crowd sextuples the traffic: the HPA asks for replicas at its next 15 s sync, the new pods wait as pending until the cluster autoscaler has booted hosts for them, and only then start serving; meanwhile the latency objective breaks. After the crowd, the 5-minute stabilization window holds the replicas before the scale-down drains them and empties hosts. Switch the policy to step scaling (or A/B compare the two) and compare how fast each reacts.',
    question: "Which delay hurts most here: the HPA's sync period, the host boot or the application start-up, and which of them could you remove?",
    description:
      'A web tier of 2 containers autoscaled by a Kubernetes-style HPA (CPU target 60 %), on a pool of 3 small hosts that a cluster autoscaler may grow to 10. At 5 minutes a flash crowd sextuples the traffic for 10 minutes. Watch the HPA ask for replicas, the pending ones wait for hosts, new hosts boot, and the latency objective break and recover; then the scale-down, held by the 5-minute stabilization window, drains replicas and empties hosts. Switch the policy to step scaling and compare.',
    scenario: {
      cumulo: 1,
      name: 'Autoscaling a flash crowd',
      seed: 7,
      duration: '30m',
      metricsInterval: 5,
      regions: [region],
      hostPools: [{ id: 'nodes', zone: 'eu-west-a', count: 3, minCount: 2, maxCount: 10, shape: { vcpu: 4, memoryGiB: 16 } }],
      clusterAutoscaler: { expander: 'least-waste', scaleDownUnneededTime: '3m', scaleDownDelayAfterAdd: '3m' },
      services: [
        {
          id: 'web',
          zone: 'eu-west-a',
          instanceType: 'g.medium',
          placement: { kind: 'container' },
          replicas: 2,
          concurrency: 4,
          work: { type: 'lognormal', mean: 0.08, sd: 0.05 },
          queueLimit: 200,
          timeout: '5s',
          slo: { latency: { percentile: 0.95, threshold: '500ms' }, window: 60 },
          autoscaler: { policy: 'target-tracking', metric: 'cpu', target: 0.6, minReplicas: 2, maxReplicas: 20, startup: 10 },
        },
      ],
      workloads: [{ id: 'crowd', target: 'web', arrival: { type: 'spike', base: 40, peak: 240, at: '5m', rampUp: '30s', hold: '10m', rampDown: '1m' } }],
    },
  },
  'diurnal-predictive': {
    title: 'Three days of diurnal traffic, scaled ahead by forecast',
    watch:
      'Watch the forecast line ahead of the demand: on day 1 there is no history, so scaling is purely reactive and objective windows break on the morning ramp; from day 2 a seasonal forecast provisions replicas before the ramp by the boot time, and the HPA covers what the forecast misses. Compare the breached windows of day 1 with days 2 and 3, or A/B compare against target tracking alone.',
    question: 'What would a public holiday, when traffic stays low all day, do to this forecast the next day?',
    description:
      'Three days of a daily curve between 15 and 150 req/s on a service autoscaled by predictive scaling: a forecast of the demand per 10-minute bucket (seasonal naive after the first day, Holt-Winters after the second) provisions replicas ahead of the morning ramp by the VM boot time, and the HPA still covers what the forecast misses. Compare the objective windows breached on day 1 (no history, purely reactive) with days 2 and 3, and against target tracking alone.',
    scenario: {
      cumulo: 1,
      name: 'Diurnal traffic with predictive scaling',
      seed: 21,
      duration: '3d',
      metricsInterval: '1m',
      regions: [region],
      services: [
        {
          id: 'app',
          zone: 'eu-west-a',
          replicas: 3,
          concurrency: 4,
          queue: 'shared',
          work: { type: 'lognormal', mean: 0.1, sd: 0.08 },
          timeout: '5s',
          slo: { latency: { percentile: 0.95, threshold: '300ms' }, window: '5m' },
          autoscaler: {
            policy: 'predictive',
            metric: 'rps',
            target: 28,
            minReplicas: 2,
            maxReplicas: 12,
            provisioning: { type: 'lognormal', mean: 90, sd: 30 },
            startup: 20,
            forecast: { season: '1d', bucket: '10m' },
          },
        },
      ],
      workloads: [{ id: 'users', target: 'app', arrival: { type: 'diurnal', peak: 150, trough: 15, peakAt: '14h' } }],
    },
  },
  'nasa-web': {
    title: 'The NASA web server, July 1995, autoscaled',
    watch:
      'Watch real traffic instead of a formula: the NASA Kennedy Space Center web server in July 1995, with daily cycles, weekend dips and sudden bursts, replayed against an HPA-autoscaled service. The console cannot open files by path, so first use Import trace and choose nasa-http-1995/requests_per_minute.csv; then watch how the replica count lags behind the bursts.',
    question: 'Which days of this trace would a forecast built from the previous day get wrong, and why?',
    description:
      'Replays the real per-minute request counts of the NASA Kennedy Space Center web server (July 1995, ITA archive; the file nasa-http-1995/requests_per_minute.csv of the traces folder, ×60 to stand for a bigger site) against an HPA-autoscaled service. The console cannot open files by path: use Import trace and choose that file. Watch real daily cycles, weekend dips and bursts.',
    scenario: {
      cumulo: 1,
      name: 'NASA web trace, autoscaled',
      seed: 1995,
      duration: '3d',
      metricsInterval: '1m',
      regions: [region],
      services: [
        {
          id: 'site',
          zone: 'eu-west-a',
          replicas: 2,
          concurrency: 2,
          work: { type: 'lognormal', mean: 0.05, sd: 0.03 },
          timeout: '5s',
          slo: { latency: { percentile: 0.95, threshold: '250ms' }, window: '5m' },
          autoscaler: { policy: 'target-tracking', metric: 'cpu', target: 0.6, minReplicas: 1, maxReplicas: 12, provisioning: { type: 'lognormal', mean: 60, sd: 20 }, startup: 15 },
        },
      ],
      workloads: [
        {
          id: 'visitors',
          target: 'site',
          arrival: { type: 'trace', format: 'per-minute', file: 'nasa-http-1995/requests_per_minute.csv', column: 'requests', scale: 60 },
        },
      ],
    },
  },
  'cost-models': COST_MODELS,
  attack: ATTACK_PRESET,
  ...SERVERLESS_PRESETS,
  ...TENANCY_PRESETS,
};

export const DEFAULT_PRESET = 'default';

export function presetNames(): string[] {
  return Object.keys(PRESETS);
}
