import { z } from 'zod';
import { parseCron } from '../elasticity/scheduled';
import { BALANCER_NAMES } from '../traffic/balancers/index';
import { DURATION_PATTERN, durationSeconds } from './duration';
import { checkIam, iamActionsSchema, principalsSchema } from '../iam/schema';
import { EGRESS_PER_GB, FUNCTION_PRICES, RESERVED_DISCOUNTS, SPOT_DEFAULTS, STORAGE_PER_GB_MONTH, type FunctionPrices } from '../billing/defaults';

/**
 * The scenario format, version 1. This zod schema is the single source of truth: validation,
 * the TypeScript types, the published JSON Schema (schema/scenario.schema.json) and the field
 * reference in docs/scenario.md are all derived from it.
 *
 * Compatibility rule: a later capability may add OPTIONAL fields (with defaults that keep the old
 * behaviour) without changing the version. A change that alters the meaning of an existing
 * document bumps `cumulo` and adds a migration in migrate.ts.
 */
export const SCENARIO_VERSION = 1 as const;

const d = (text: string) => ({ description: text });

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, {
    error: 'must be an id: 1 to 40 lowercase letters, digits or dashes, starting with a letter',
  })
  .meta(d('Identifier, unique within its list: lowercase letters, digits and dashes, starting with a letter.'));

export const durationSchema = z
  .union([
    z.number().min(0).meta(d('Seconds.')),
    z.string().regex(new RegExp(DURATION_PATTERN), {
      error: 'must be a duration such as "250ms", "30s", "5m", "1h30m" or a number of seconds',
    }),
  ])
  .meta(d('A duration: a number of seconds, or a string with units ms, s, m, h, d (e.g. "1h30m").'));

const nonNeg = z.number().min(0);
const pos = z.number().gt(0);
/** Requests per second; the cap keeps a typo from freezing a run in events that never advance time. */
const rate = z.number().min(0).max(10_000_000);

// ---------------------------------------------------------------- distributions
const constantDist = z
  .strictObject({ type: z.literal('constant'), value: nonNeg.meta(d('The value every draw returns.')) })
  .meta(d('Always the same value.'));
const uniformDist = z
  .strictObject({ type: z.literal('uniform'), min: nonNeg.meta(d('Lowest value.')), max: nonNeg.meta(d('Highest value.')) })
  .meta(d('Uniform between min and max.'));
const exponentialDist = z
  .strictObject({ type: z.literal('exponential'), mean: pos.meta(d('Mean of the distribution.')) })
  .meta(d('Exponential (memoryless) with the given mean.'));
const normalDist = z
  .strictObject({
    type: z.literal('normal'),
    mean: z.number().meta(d('Mean.')),
    sd: nonNeg.meta(d('Standard deviation.')),
    min: z.number().optional().meta(d('Draws below this are clamped to it (work is never negative: default 0).')),
    max: z.number().optional().meta(d('Draws above this are clamped to it.')),
  })
  .meta(d('Normal (Gaussian), clamped into [min, max].'));
const lognormalDist = z
  .strictObject({
    type: z.literal('lognormal'),
    mean: pos.meta(d('Mean of the variable itself (not of its logarithm).')),
    sd: nonNeg.meta(d('Standard deviation of the variable itself.')),
  })
  .meta(d('Lognormal, given by the mean and standard deviation of the variable.'));
const paretoDist = z
  .strictObject({
    type: z.literal('bounded-pareto'),
    alpha: pos.meta(d('Shape (tail index); smaller means a heavier tail.')),
    min: pos.meta(d('Lower bound.')),
    max: pos.meta(d('Upper bound; must exceed min.')),
  })
  .meta(d('Bounded Pareto: heavy-tailed between min and max.'));
const empiricalDist = z
  .strictObject({
    type: z.literal('empirical'),
    samples: z.array(nonNeg).min(1).max(100_000).meta(d('Observed values to draw from.')),
    interpolate: z
      .boolean()
      .optional()
      .meta(d('false (default): draw one of the samples; true: interpolate the empirical CDF between them.')),
  })
  .meta(d('Draws from observed samples.'));

export const distributionSchema = z
  .discriminatedUnion('type', [constantDist, uniformDist, exponentialDist, normalDist, lognormalDist, paretoDist, empiricalDist])
  .meta(d('A probability distribution, chosen by "type".'));

// ---------------------------------------------------------------- infrastructure
const zoneSchema = z.strictObject({
  id,
  name: z.string().max(80).optional().meta(d('Display name.')),
});

const regionSchema = z.strictObject({
  id,
  name: z.string().max(80).optional().meta(d('Display name.')),
  kind: z
    .enum(['public', 'private', 'edge'])
    .default('public')
    .meta(d('public: a cloud region; private: an on-premises datacenter of fixed capacity; edge: an edge location.')),
  zones: z.array(zoneSchema).min(1).max(20).meta(d('Availability zones (or rooms of a datacenter).')),
});

const shapeSchema = z.strictObject({
  vcpu: pos.meta(d('Virtual CPUs per host.')),
  memoryGiB: pos.meta(d('Memory per host, GiB.')),
  gpu: z.int().min(0).optional().meta(d('GPUs per host.')),
});

const taintSchema = z.strictObject({
  key: z.string().min(1).max(63).meta(d('Taint key, e.g. "gpu".')),
  value: z.string().max(63).optional().meta(d('Taint value.')),
  effect: z
    .enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'])
    .meta(d('NoSchedule: only tolerating instances land here; PreferNoSchedule: avoided when possible; NoExecute: also evicts running instances that do not tolerate it.')),
});

const tolerationSchema = z.strictObject({
  key: z.string().min(1).max(63).meta(d('Taint key tolerated.')),
  value: z.string().max(63).optional().meta(d('Taint value tolerated (absent: any value).')),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional().meta(d('Effect tolerated (absent: every effect).')),
});

const hostPoolSchema = z.strictObject({
  id,
  zone: id.meta(d('The zone the pool sits in (a zone id from regions[].zones).')),
  count: z.int().min(0).max(100_000).meta(d('Number of identical hosts.')),
  shape: shapeSchema.meta(d('Capacity of one host.')),
  overcommit: z
    .strictObject({
      cpu: z.number().min(1).max(16).default(1).meta(d('CPU overcommit ratio: allocatable vCPU = vCPU × ratio.')),
      memory: z.number().min(1).max(4).default(1).meta(d('Memory overcommit ratio.')),
    })
    .default({ cpu: 1, memory: 1 })
    .meta(d('Overcommit ratios of the pool.')),
  taints: z.array(taintSchema).max(20).default([]).meta(d('Taints every host of the pool carries.')),
  dedicatedTo: z.string().min(1).max(63).optional().meta(d('Dedicated hosts: only this tenant\'s instances may run here.')),
  mtbf: durationSchema.optional().meta(d('Mean time between failures of each host: hosts fail at random (exponential), and come back after mttr.')),
  mttr: durationSchema.default('10m').meta(d('Mean time to repair a failed host (exponential).')),
  minCount: z
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .meta(d('Cluster autoscaler: the fewest hosts it may scale the pool down to (default 0); at most count. A pool with minCount or maxCount is resized by an enabled clusterAutoscaler; other pools keep their count.')),
  maxCount: z
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .meta(
      d('Cluster autoscaler: the most hosts it may scale the pool up to (default count: the pool never grows). Hosts beyond count start not provisioned: they cost nothing and take nothing until the autoscaler provisions them. Ignored without an enabled clusterAutoscaler.'),
    ),
  pricePerHour: z
    .number()
    .min(0)
    .max(1_000_000)
    .optional()
    .meta(
      d('Price of one host per hour, USD (the cheapest expander compares it). Default, an assumption until billing is modelled: vCPU × 0.04 + memory GiB × 0.005 + GPUs × 0.5.'),
    ),
}).superRefine((p, ctx) => {
  if (p.maxCount !== undefined && p.maxCount < p.count)
    ctx.addIssue({ code: 'custom', path: ['maxCount'], message: `must be at least count (${p.count}), got ${p.maxCount}` });
  if (p.minCount !== undefined && p.minCount > p.count)
    ctx.addIssue({ code: 'custom', path: ['minCount'], message: `must be at most count (${p.count}), got ${p.minCount}` });
});

const placementSchema = z.strictObject({
  kind: z.enum(['vm', 'container']).default('vm').meta(d('Virtual machine (boots in tens of seconds) or container (seconds).')),
  zones: z.array(id).max(20).optional().meta(d('Zones the instances may run in (absent: any).')),
  tolerations: z.array(tolerationSchema).max(20).default([]).meta(d('Taints the instances tolerate.')),
  spread: z
    .strictObject({
      maxSkew: z.int().min(1).max(1000).default(1).meta(d('Most the count in one zone may exceed the least-loaded zone.')),
      hard: z.boolean().default(true).meta(d('true: DoNotSchedule (a rule); false: ScheduleAnyway (a preference).')),
    })
    .optional()
    .meta(d('Topology spread across zones.')),
  antiAffinity: z.boolean().default(false).meta(d('Never two instances of the group on one host.')),
  affinity: z.array(id).max(10).default([]).meta(d('Run only on hosts that already run an instance of these groups (service or instance-group ids).')),
  priority: z.int().min(-1000).max(1_000_000).default(0).meta(d('Scheduling priority; higher may preempt lower.')),
  tenant: z.string().min(1).max(63).optional().meta(d('Owning tenant (dedicated hosts take only their tenant).')),
  pricing: z
    .enum(['on-demand', 'spot'])
    .optional()
    .meta(
      d('Billing: on-demand (default; reserved commitments cover matching usage first) or spot (the spot price in force each second; interrupted with a notice when the price passes spotMaxPrice or capacity is reclaimed). Applies to instances billed per instance, not to those sharing billed hosts.'),
    ),
  spotMaxPrice: z.number().gt(0).max(1_000_000).optional().meta(d('Spot: the most you pay per hour, USD (default: the on-demand price); a higher spot price interrupts the instance.')),
  limits: z
    .strictObject({
      vcpu: pos.optional().meta(d('CPU limit, vCPU (at least the type\'s vCPU, the request).')),
      memoryGiB: pos.optional().meta(d('Memory limit, GiB (at least the type\'s memory).')),
    })
    .optional()
    .meta(
      d('Containers only: limits above the requests (Kubernetes QoS Burstable). A replica may then use idle CPU of its host up to its CPU limit and serves faster; without limits it is held to its request (Guaranteed). The scheduler places on requests only.'),
    ),
});

const instanceGroupSchema = z.strictObject({
  id,
  type: z.string().meta(d('Instance type (built-in catalogue or instanceTypes).')),
  count: z.int().min(1).max(200_000).default(1).meta(d('How many instances.')),
  at: durationSchema.default(0).meta(d('When they are created (at 0 they start running, already provisioned).')),
  placement: placementSchema.default({ kind: 'vm', tolerations: [], antiAffinity: false, affinity: [], priority: 0 }).meta(d('Where and how they may run.')),
  lifetime: durationSchema.optional().meta(d('Terminated this long after they start running (absent: they run to the end).')),
});

const instanceTypeSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9.-]{0,39}$/, { error: 'must be an instance-type name such as "m.large"' })
    .meta(d('Name, e.g. "m.large".')),
  family: z.enum(['general', 'compute', 'memory', 'gpu']).meta(d('Instance family.')),
  vcpu: pos.meta(d('Virtual CPUs.')),
  memoryGiB: pos.meta(d('Memory, GiB.')),
  gpu: z.int().min(0).optional().meta(d('GPUs.')),
});

// ---------------------------------------------------------------- services
/** The balancing policies, one file each in traffic/balancers (the registry lists them). */
export const BALANCER_POLICIES = BALANCER_NAMES;

const loadBalancerSchema = z.strictObject({
  policy: z
    .enum(BALANCER_POLICIES)
    .default('round-robin')
    .meta(d('How requests are spread over replicas (ignored with a shared queue, where the next free replica takes the next request).')),
  choices: z.int().min(2).max(16).optional().meta(d('power-of-two: how many random replicas to compare (default 2).')),
  virtualNodes: z.int().min(1).max(10_000).optional().meta(d('consistent-hash: points on the ring per replica (default 160; at least 1024 points in all).')),
  tableSize: z.int().min(7).max(1_000_003).optional().meta(d('maglev: lookup-table size, a prime (default 65537).')),
  alpha: z.number().gt(0).max(1).optional().meta(d('least-response-time: weight of the newest response in the moving average (default 0.2).')),
});

const healthCheckSchema = z.strictObject({
  interval: durationSchema.default(5).meta(d('Time between two checks of each replica.')),
  unhealthyThreshold: z.int().min(1).max(100).default(3).meta(d('Consecutive failed checks that take a replica out of rotation.')),
  healthyThreshold: z.int().min(1).max(100).default(2).meta(d('Consecutive passed checks that put it back.')),
  maxQueue: z
    .int()
    .min(0)
    .optional()
    .meta(d('A replica with more waiting requests than this fails its check (overloaded); absent: only a down replica fails.')),
});

const callsSchema = z.strictObject({
  mode: z
    .enum(['sequential', 'parallel'])
    .default('sequential')
    .meta(d('sequential: one call after another; parallel: all at once, answering when the last returns.')),
  targets: z
    .array(
      z.strictObject({
        service: id.meta(d('The called service (id).')),
        probability: z.number().gt(0).max(1).default(1).meta(d('Chance that a request makes this call (default always).')),
      }),
    )
    .min(1)
    .max(20)
    .meta(d('The services called, in order.')),
});

const sloSchema = z.strictObject({
  availability: z
    .number()
    .gt(0)
    .lt(1)
    .optional()
    .meta(d('Fraction of requests that must succeed (e.g. 0.999); drops, timeouts and errors count against it.')),
  latency: z
    .strictObject({
      percentile: z.number().gt(0).lt(1).meta(d('Which percentile, e.g. 0.99 for p99.')),
      threshold: durationSchema.meta(d('The most that percentile may be, e.g. "300ms".')),
    })
    .optional()
    .meta(d('Latency objective: the given percentile of successful requests stays under the threshold.')),
  window: durationSchema.default(60).meta(d('Length of the windows the objectives are checked over.')),
});

// ---------------------------------------------------------------- autoscaling
export const AUTOSCALER_METRICS = ['cpu', 'rps', 'concurrency', 'queue', 'p95-latency'] as const;
const autoscalerMetric = z
  .enum(AUTOSCALER_METRICS)
  .meta(
    d('cpu: busy fraction of the replicas\' slots (like CPU utilization of requests); rps: requests per second per replica; concurrency: requests in progress per replica; queue: waiting requests per replica; p95-latency: the service\'s 95th percentile latency, seconds.'),
  );

const scalingRulesSchema = z.strictObject({
  stabilizationWindow: durationSchema.optional().meta(d('Stabilization window (Kubernetes: 0 s up, 300 s down).')),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional().meta(d('Max: the policy allowing the largest change; Min: the smallest; Disabled: no scaling this way.')),
  policies: z
    .array(
      z.strictObject({
        type: z.enum(['Pods', 'Percent']).meta(d('Pods: at most value replicas per period; Percent: at most value % of the count at the start of the period.')),
        value: z.int().min(1).max(100_000).meta(d('How many replicas, or what percentage.')),
        period: durationSchema.meta(d('The period, at most 30 minutes.')),
      }),
    )
    .min(1)
    .max(10)
    .optional()
    .meta(d('Rate limits (Kubernetes defaults: up 4 pods or 100 % per 15 s; down 100 % per 15 s).')),
});

const stepRuleSchema = z.strictObject({
  name: z.string().min(1).max(60).optional().meta(d('A name for the decision log (default "rule N").')),
  operator: z.enum(['>', '>=', '<', '<=']).meta(d('How the metric compares with the threshold.')),
  threshold: z.number().min(0).meta(d('The threshold.')),
  for: durationSchema.default(60).meta(d('How long the condition must hold before the rule fires.')),
  change: z.int().min(-10_000).max(10_000).optional().meta(d('Add (positive) or remove (negative) this many replicas.')),
  changePercent: z.number().min(-100).max(10_000).optional().meta(d('Or: change by this percent of the current count (at least one replica).')),
  setTo: z.int().min(0).max(10_000).optional().meta(d('Or: set the count to exactly this.')),
});

export const autoscalerSchema = z
  .strictObject({
    policy: z
      .enum(['target-tracking', 'step', 'scheduled', 'predictive'])
      .meta(
        d('target-tracking: the Kubernetes HPA; step: threshold rules held for a duration, with a cooldown; scheduled: cron actions; predictive: forecast demand from history and scale ahead of it by the provisioning delay.'),
      ),
    minReplicas: z.int().min(0).max(10_000).default(1).meta(d('Fewest replicas (0 allows scale to zero).')),
    maxReplicas: z.int().min(1).max(10_000).meta(d('Most replicas.')),
    metric: autoscalerMetric.default('cpu').meta(d('The metric the policy reads (target-tracking, step, predictive).')),
    target: z.number().gt(0).optional().meta(d('Target value per replica (target-tracking, predictive): 0.8 for cpu (80 %), requests/s for rps, seconds for p95-latency. Default 0.8 for cpu.')),
    tolerance: z.number().min(0).max(1).default(0.1).meta(d('No change while |metric / target − 1| ≤ tolerance (Kubernetes 0.1).')),
    syncPeriod: durationSchema.default(15).meta(d('How often the autoscaler decides (Kubernetes 15 s).')),
    scaleUp: scalingRulesSchema.optional().meta(d('Scale-up behavior (target-tracking, predictive).')),
    scaleDown: scalingRulesSchema.optional().meta(d('Scale-down behavior (target-tracking, predictive).')),
    rules: z.array(stepRuleSchema).max(20).default([]).meta(d('Step rules, checked in order; the first that fires acts (step).')),
    cooldown: durationSchema.default(300).meta(d('After a step action, no other for this long (step; AWS default 300 s).')),
    schedule: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(60).optional().meta(d('A name for the decision log.')),
          cron: z.string().min(1).max(120).meta(d('Five-field cron (minute hour day-of-month month day-of-week) on the simulated calendar, which starts on Monday 00:00.')),
          replicas: z.int().min(0).max(10_000).optional().meta(d('Desired replicas from then on.')),
          minReplicas: z.int().min(0).max(10_000).optional().meta(d('Or/and a new minimum.')),
          maxReplicas: z.int().min(1).max(10_000).optional().meta(d('Or/and a new maximum.')),
        }),
      )
      .max(50)
      .default([])
      .meta(d('Scheduled actions (scheduled).')),
    forecast: z
      .strictObject({
        model: z.enum(['auto', 'holt-winters', 'seasonal-naive', 'linear']).default('auto').meta(d('auto: Holt-Winters once two seasons are known, seasonal naive after one, a linear trend before.')),
        season: durationSchema.default('1d').meta(d('Length of the season (the daily cycle).')),
        bucket: durationSchema.default('5m').meta(d('The demand history is kept per bucket of this length.')),
        lead: durationSchema.optional().meta(d('How far ahead to provision (default: the mean provisioning plus start-up delay).')),
      })
      .default({ model: 'auto', season: '1d', bucket: '5m' })
      .meta(d('The forecaster (predictive).')),
    provisioning: distributionSchema
      .default({ type: 'lognormal', mean: 45, sd: 15 })
      .meta(d('Seconds before a new replica\'s machine is up, for services not placed on hosts (placed ones take the compute model\'s boot time).')),
    startup: durationSchema.default(10).meta(d('Application start-up after the machine is up, before the replica takes traffic.')),
  })
  .meta(d('Horizontal autoscaling of the replicas.'));

const serviceSchema = z.strictObject({
  id,
  name: z.string().max(80).optional().meta(d('Display name.')),
  zone: id.optional().meta(d('Zone the replicas run in (a zone id).')),
  instanceType: z.string().optional().meta(d('Instance type of each replica (built-in catalogue or instanceTypes).')),
  replicas: z.int().min(1).max(10_000).meta(d('Number of replicas serving the service.')),
  work: distributionSchema.meta(d('Work per request, in seconds of service at one replica slot.')),
  concurrency: z.int().min(1).max(10_000).default(1).meta(d('Requests one replica serves at once.')),
  queue: z
    .enum(['per-replica', 'shared'])
    .default('per-replica')
    .meta(
      d('per-replica: the balancer assigns each request to a replica on arrival, and each replica queues its own (M/M/1 per replica); shared: one queue for the service, served by whichever replica frees first (M/M/c).'),
    ),
  queueLimit: z
    .int()
    .min(0)
    .max(1_000_000)
    .default(1000)
    .meta(d('Maximum waiting requests per replica (or for the whole service with a shared queue); arrivals beyond it are dropped.')),
  timeout: durationSchema.optional().meta(d('Client timeout: a request not answered within it counts as timed out (no timeout when absent).')),
  loadBalancer: loadBalancerSchema.default({ policy: 'round-robin' }).meta(d('The load balancer in front of the replicas.')),
  weights: z
    .array(z.number().gt(0).max(1000))
    .optional()
    .meta(d('Per-replica weights for weighted policies (one per replica; default all 1).')),
  placement: placementSchema
    .optional()
    .meta(d('With host pools: each replica is an instance of instanceType placed by the scheduler; it serves only while its instance runs.')),
  calls: callsSchema
    .optional()
    .meta(d('Microservices: after its own work, a request calls these services and answers when they have; its slot is held meanwhile.')),
  slo: sloSchema.optional().meta(d('Service-level objectives, verified per window and over the run.')),
  healthCheck: healthCheckSchema.optional().meta(d('Active health checks: replicas that fail them leave the balancer\'s rotation until they pass again.')),
  autoscaler: autoscalerSchema.optional().meta(d('Horizontal autoscaling: the replica count moves between minReplicas and maxReplicas; "replicas" is the count at the start.')),
});

// ---------------------------------------------------------------- workloads
const ratePointSchema = z.strictObject({
  at: durationSchema.meta(d('Time of the point from the start (or from the start of each period).')),
  rate: rate.meta(d('Requests per second at that time.')),
});

const poissonArrival = z
  .strictObject({ type: z.literal('poisson'), rate: rate.meta(d('Requests per second.')) })
  .meta(d('Poisson arrivals at a constant rate.'));
const piecewiseArrival = z
  .strictObject({
    type: z.literal('piecewise'),
    points: z.array(ratePointSchema).min(1).max(10_000).meta(d('Rate points, in increasing time order.')),
    interpolation: z
      .enum(['step', 'linear'])
      .default('step')
      .meta(d('step: the rate holds until the next point; linear: it moves linearly between points.')),
    period: durationSchema.optional().meta(d('When set, the curve repeats with this period.')),
  })
  .meta(d('Poisson arrivals whose rate follows a piecewise curve (non-homogeneous Poisson process).'));
const diurnalArrival = z
  .strictObject({
    type: z.literal('diurnal'),
    peak: rate.meta(d('Highest rate, requests per second.')),
    trough: rate.meta(d('Lowest rate, requests per second.')),
    period: durationSchema.default(86400).meta(d('Length of one cycle (default one day).')),
    peakAt: durationSchema.default(50400).meta(d('Time of the peak within the cycle (default 14:00).')),
  })
  .meta(d('Poisson arrivals whose rate follows a sinusoidal day between trough and peak.'));
const spikeArrival = z
  .strictObject({
    type: z.literal('spike'),
    base: rate.meta(d('Rate before and after the spike.')),
    peak: rate.meta(d('Rate at the top of the spike.')),
    at: durationSchema.meta(d('When the spike starts.')),
    rampUp: durationSchema.default(0).meta(d('Time to climb from base to peak.')),
    hold: durationSchema.meta(d('Time the peak lasts.')),
    rampDown: durationSchema.default(0).meta(d('Time to fall back to base.')),
  })
  .meta(d('A flash crowd: a base rate with one spike.'));
const mmppArrival = z
  .strictObject({
    type: z.literal('mmpp'),
    states: z
      .array(
        z.strictObject({
          rate: rate.meta(d('Requests per second while in this state.')),
          meanDuration: durationSchema.meta(d('Mean time spent in the state (exponentially distributed).')),
        }),
      )
      .min(2)
      .max(16)
      .meta(d('The states, visited in a cycle (two states: on/off).')),
  })
  .meta(d('Bursty traffic: a Markov-modulated Poisson process (MMPP) cycling through states of different rates.'));
const traceArrival = z
  .strictObject({
    type: z.literal('trace'),
    format: z
      .enum(['per-minute', 'timestamps', 'swf'])
      .meta(
        d('per-minute: data[i] requests arrive during minute i; timestamps: data holds arrival times in seconds; swf: a Standard Workload Format job log (file only; job submit times become arrivals).'),
      ),
    data: z.array(nonNeg).max(2_000_000).optional().meta(d('The trace itself (counts per minute, or arrival times in seconds).')),
    file: z
      .string()
      .optional()
      .meta(d('Instead of data: a trace file the CLI reads (CSV or one number per line), relative to the scenario file.')),
    column: z.string().optional().meta(d('CSV column to read from file (default: the last column).')),
    scale: pos.default(1).meta(d('Multiplies the request counts (per-minute) or divides the time between arrivals (timestamps).')),
    minuteSeconds: pos.default(60).meta(d('Simulated seconds one trace minute lasts (60 replays in real time; 1 replays a minute per second).')),
    spread: z
      .enum(['uniform', 'poisson'])
      .default('uniform')
      .meta(d('per-minute only: uniform places exactly the counted arrivals at random in their minute; poisson draws a Poisson process at the minute\'s rate.')),
    loop: z.boolean().default(false).meta(d('Replay the trace again when it ends.')),
  })
  .meta(d('Replay of a recorded trace.'));

export const arrivalSchema = z
  .discriminatedUnion('type', [poissonArrival, piecewiseArrival, diurnalArrival, spikeArrival, mmppArrival, traceArrival])
  .meta(d('The arrival process, chosen by "type".'));

const clientsSchema = z.strictObject({
  count: z.int().min(1).max(1_000_000).default(10_000).meta(d('Number of distinct clients (session / affinity keys).')),
  popularity: z
    .enum(['uniform', 'zipf'])
    .default('uniform')
    .meta(d('uniform: every client equally active; zipf: client k sends in proportion to 1/k^skew (hot keys).')),
  skew: z.number().min(0).max(5).default(1).meta(d('Zipf exponent (1 is classic Zipf).')),
});

const workloadSchema = z.strictObject({
  id,
  name: z.string().max(80).optional().meta(d('Display name.')),
  target: id.meta(d('The service (id) the requests go to.')),
  arrival: arrivalSchema,
  from: id
    .optional()
    .meta(d('Where the clients sit: a zone or region id (an edge location, say); network latency to the service is added both ways. Absent: next to the service.')),
  clients: clientsSchema
    .default({ count: 10_000, popularity: 'uniform', skew: 1 })
    .meta(d('Who sends the requests: each request carries its client\'s affinity key, which hash-based balancers route on.')),
});

const networkSchema = z.strictObject({
  sameZone: durationSchema.default(0.0001).meta(d('One-way latency within a zone (default 0.1 ms).')),
  crossZone: durationSchema.default(0.0005).meta(d('One-way latency between zones of a region (default 0.5 ms).')),
  crossRegion: durationSchema.default(0.04).meta(d('One-way latency between regions without a listed link (default 40 ms).')),
  hostBandwidthGbps: z.number().gt(0).max(1000).default(25).meta(d('Bandwidth between hosts of a region (live migration), Gbit/s.')),
  links: z
    .array(
      z.strictObject({
        between: z.tuple([id, id]).meta(d('Two region ids.')),
        latency: durationSchema.meta(d('One-way latency between them.')),
        kind: z.enum(['backbone', 'vpn', 'dedicated']).default('backbone').meta(d('backbone: the provider\'s network; vpn: over the internet; dedicated: a leased line (hybrid cloud).')),
        bandwidthGbps: z.number().gt(0).max(1000).default(10).meta(d('Bandwidth, Gbit/s (live migrations across it take memory / bandwidth).')),
      }),
    )
    .max(10_000)
    .default([])
    .meta(d('Latency between specific regions (e.g. a hybrid VPN or a dedicated line).')),
});

const faultSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('replica-crash'),
        at: durationSchema.meta(d('When the replica crashes.')),
        service: id.meta(d('The service (id).')),
        replica: z.int().min(0).meta(d('Replica index (0-based).')),
        duration: durationSchema.optional().meta(d('How long until it is back; absent: it stays down.')),
      })
      .meta(d('A replica crashes: requests in it fail, and requests sent to it fail until health checks take it out.')),
    z
      .strictObject({
        kind: z.literal('host-failure'),
        at: durationSchema.meta(d('When the host fails.')),
        pool: id.meta(d('The host pool (id).')),
        host: z.int().min(0).meta(d('Host index within the pool (0-based).')),
        duration: durationSchema.optional().meta(d('How long until it is repaired; absent: it stays down.')),
      })
      .meta(d('A host fails: its instances are lost and replaced where policy allows.')),
    z
      .strictObject({
        kind: z.literal('zone-outage'),
        at: durationSchema.meta(d('When the zone goes down.')),
        zone: id.meta(d('The zone (id).')),
        duration: durationSchema.optional().meta(d('How long the outage lasts; absent: to the end.')),
      })
      .meta(d('Every host of a zone fails at once.')),
    z
      .strictObject({
        kind: z.literal('link-cut'),
        at: durationSchema.meta(d('When the link is cut.')),
        between: z.tuple([id, id]).meta(d('The two regions of the link.')),
        duration: durationSchema.optional().meta(d('How long until it is restored; absent: to the end.')),
      })
      .meta(d('The network link between two regions is cut: calls across it fail, migrations across it are impossible.')),
  ])
  .meta(d('A fault injected at a given time, chosen by "kind".'));

// ---------------------------------------------------------------- cluster autoscaler
/** The expanders: how the cluster autoscaler picks the pool to grow. */
export const CLUSTER_AUTOSCALER_EXPANDERS = ['random', 'least-waste', 'cheapest'] as const;

const clusterAutoscalerSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta(d('false keeps every pool at its count.')),
    expander: z
      .enum(CLUSTER_AUTOSCALER_EXPANDERS)
      .default('random')
      .meta(
        d('Which pool grows when several could: random; least-waste: the least idle cpu and memory after placing the pending instances; cheapest: the lowest price per pending instance placed.'),
      ),
    scanInterval: durationSchema.default(10).meta(d('Time between two scans for pending instances and unneeded hosts.')),
    scaleDownUtilizationThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .meta(d('A host is unneeded when its cpu and its memory requests are each below this share of allocatable (and its instances fit elsewhere).')),
    scaleDownUnneededTime: durationSchema.default('10m').meta(d('How long a host must stay unneeded before it is removed.')),
    scaleDownDelayAfterAdd: durationSchema.default('10m').meta(d('No scale-down for this long after a scale-up.')),
    provisioningTime: z
      .union([durationSchema, distributionSchema])
      .default(120)
      .meta(d('Time a new host takes to boot and join before it takes instances: a duration, or a distribution of seconds.')),
  })
  .superRefine((c, ctx) => {
    const scan = durationSeconds(c.scanInterval);
    if (!(scan > 0)) ctx.addIssue({ code: 'custom', path: ['scanInterval'], message: `must be greater than 0, got ${String(c.scanInterval)}` });
  });

// ---------------------------------------------------------------- billing
const usd = z.number().min(0).max(1_000_000);
const discountSchema = z.number().min(0).max(0.95);
const upfrontDiscounts = (dflt: { none: number; partial: number; all: number }) =>
  z.strictObject({
    none: discountSchema.default(dflt.none).meta(d('No upfront payment.')),
    partial: discountSchema.default(dflt.partial).meta(d('Part paid upfront.')),
    all: discountSchema.default(dflt.all).meta(d('All paid upfront.')),
  });

const billingSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta(d('false: no metering and no bill.')),
    regions: z
      .array(
        z.strictObject({
          region: id.meta(d('The region (id).')),
          priceMultiplier: z.number().gt(0).max(100).default(1).meta(d('Multiplies the default on-demand prices in this region.')),
          instanceTypes: z
            .array(
              z.strictObject({
                type: z.string().meta(d('Instance type.')),
                onDemand: usd.meta(d('On-demand price per hour, USD.')),
              }),
            )
            .max(1000)
            .default([])
            .meta(d('Exact on-demand prices of instance types in this region (others: the default formula).')),
        }),
      )
      .max(100)
      .default([])
      .meta(d('Price catalogue overrides per public region. Default on-demand price per hour: $0.0365 per vCPU + $0.0031 per GiB + $2.58 per GPU (a fit to AWS m5/c5/r5/p3 list prices).')),
    pools: z
      .array(
        z.strictObject({
          pool: id.meta(d('The host pool (id).')),
          billedAs: z
            .enum(['instances', 'hosts'])
            .optional()
            .meta(
              d('instances: each instance is billed at its type\'s price (a public cloud\'s VMs); hosts: the hosts are billed and their cost is shared by the instances on them by their requests, the rest is idle (Kubernetes nodes, dedicated hosts). Default: hosts for private datacenters, dedicated pools and pools the cluster autoscaler resizes; instances otherwise.'),
            ),
          monthly: usd.optional().meta(d('Private datacenter: fixed cost of one host per month, used or not (default 730 × pricePerHour, else 40 % of the on-demand price of its shape).')),
        }),
      )
      .max(1000)
      .default([])
      .meta(d('How host pools are billed.')),
    reserved: z
      .array(
        z.strictObject({
          region: id.meta(d('Region of the commitment.')),
          type: z.string().meta(d('Instance type it covers.')),
          count: z.int().min(1).max(1_000_000).meta(d('Instances covered at once: up to count × 3600 instance-seconds of matching on-demand usage per clock hour.')),
          term: z.enum(['1y', '3y']).default('1y').meta(d('Term of the commitment.')),
          upfront: z.enum(['none', 'partial', 'all']).default('none').meta(d('Upfront payment option (amortised over the term into an effective hourly rate).')),
          tenant: z.string().min(1).max(63).optional().meta(d('Tenant that pays for unused hours (absent: unused hours are idle cost).')),
        }),
      )
      .max(1000)
      .default([])
      .meta(d('Reserved commitments, paid every hour whether used or not; they cover matching usage (same region and type) before on-demand.')),
    discounts: z
      .strictObject({
        '1y': upfrontDiscounts(RESERVED_DISCOUNTS['1y']).default({ ...RESERVED_DISCOUNTS['1y'] }).meta(d('One-year term.')),
        '3y': upfrontDiscounts(RESERVED_DISCOUNTS['3y']).default({ ...RESERVED_DISCOUNTS['3y'] }).meta(d('Three-year term.')),
      })
      .optional()
      .meta(d('Reserved discounts off on-demand (default 1 year: 37 / 40 / 42 %, 3 years: 57 / 60 / 62 % for no / partial / all upfront).')),
    spot: z
      .strictObject({
        fraction: z.number().gt(0).max(1).default(SPOT_DEFAULTS.fraction).meta(d('Long-run spot price as a fraction of on-demand.')),
        volatility: z.number().min(0).max(2).default(SPOT_DEFAULTS.volatility).meta(d('Standard deviation of one step of the log price.')),
        reversion: z.number().gt(0).max(1).default(SPOT_DEFAULTS.reversion).meta(d('Share of the gap to the long-run price closed at each step.')),
        step: durationSchema.default(SPOT_DEFAULTS.step).meta(d('How long a spot price holds (default 5 minutes; at least 1 minute).')),
        interruptionRate: z.number().min(0).max(3600).default(SPOT_DEFAULTS.interruptionRate).meta(d('Capacity reclaims per spot instance-hour, whatever the price (Poisson; 0: only the price interrupts).')),
        notice: durationSchema.default(SPOT_DEFAULTS.notice).meta(d('Interruption notice before the termination (AWS: 2 minutes).')),
      })
      .default({ ...SPOT_DEFAULTS })
      .meta(d('The spot market: per region and type, a seeded mean-reverting random walk of the log price around fraction × on-demand, constant over each step, never above on-demand.')),
    storage: z
      .strictObject({
        perGBMonth: usd.default(STORAGE_PER_GB_MONTH).meta(d('Price per GB-month (730 hours).')),
        volumes: z
          .array(
            z.strictObject({
              group: id.meta(d('Service or instance group (id).')),
              sizeGB: z.number().gt(0).max(1_000_000).meta(d('Size of the volume of each instance, GB.')),
            }),
          )
          .max(1000)
          .default([])
          .meta(d('A volume per instance of a group, billed while the instance holds a host.')),
      })
      .default({ perGBMonth: STORAGE_PER_GB_MONTH, volumes: [] })
      .meta(d('Block storage.')),
    egress: z
      .strictObject({
        internetPerGB: usd.default(EGRESS_PER_GB.internet).meta(d('Data out to the internet (clients without "from", or at an edge location), per GB.')),
        crossRegionPerGB: usd.default(EGRESS_PER_GB.crossRegion).meta(d('Data out to another region, per GB (within a region it is free).')),
        hybridPerGB: usd
          .default(EGRESS_PER_GB.hybrid)
          .meta(d('Data out of a public region to a private datacenter over the hybrid link, per GB (AWS Direct Connect: $0.02). Data sent from a private datacenter is free (its own line).')),
        responses: z
          .array(
            z.strictObject({
              service: id.meta(d('The service (id).')),
              kb: z.number().gt(0).max(10_000_000).meta(d('Size of one response it sends (to a calling service or to a workload\'s clients), KiB.')),
              requestKB: z
                .number()
                .min(0)
                .max(10_000_000)
                .optional()
                .meta(d('Size of one call other services send it, KiB (default 1 KiB).')),
            }),
          )
          .max(1000)
          .default([])
          .meta(
            d('Message sizes per service. Metered from the run\'s events: every call sent to a listed service, every response it sends back to a caller, every response it sends to a workload\'s clients, charged per GB to the sender\'s tenant by destination. Unlisted services move no metered bytes.'),
          ),
      })
      .default({ internetPerGB: EGRESS_PER_GB.internet, crossRegionPerGB: EGRESS_PER_GB.crossRegion, hybridPerGB: EGRESS_PER_GB.hybrid, responses: [] })
      .meta(d('Data egress, by destination.')),
    functions: z
      .strictObject({
        perMillionRequests: usd.default(FUNCTION_PRICES.perMillionRequests).meta(d('Per million invocations (AWS Lambda: $0.20).')),
        perGbSecond: usd.default(FUNCTION_PRICES.perGbSecond).meta(d('Per GB-second (AWS Lambda: $0.0000166667).')),
      })
      .optional()
      .meta(
        d('Function prices for the serverless block\'s functions: one price list serves both the invoices and the serverless live cost. Absent: serverless.prices, or AWS Lambda\'s ($0.20 per million requests, $0.0000166667 per GB-second). Setting both this and serverless.prices to different figures is refused.'),
      ),
    idleSplit: z
      .enum(['proportional', 'even'])
      .default('proportional')
      .meta(d('How idle cost (billed host capacity nobody requested, unused commitments) is shared out, hour by hour: in proportion to each tenant\'s cost, or evenly (OpenCost).')),
    budgets: z
      .array(
        z.strictObject({
          tenant: z.string().min(1).max(63).meta(d('The tenant ("shared" for untenanted usage).')),
          monthly: z.number().gt(0).max(1_000_000_000).meta(d('Budget per month (730 hours), USD.')),
          thresholds: z.array(z.number().gt(0).max(10)).min(1).max(10).default([0.8, 1]).meta(d('Alert when spend reaches these shares of the budget.')),
          forecastAfter: durationSchema.default('1h').meta(d('Forecast alerts (spend so far extrapolated linearly to the month) start after this much time.')),
        }),
      )
      .max(1000)
      .default([])
      .meta(d('Budgets per tenant, with alerts on actual and forecast spend.')),
  })
  .meta(d('Metering and billing: prices, commitments, spot, storage, egress, budgets.'));

// ---------------------------------------------------------------- tenancy
const quotaFields = {
  vcpu: nonNeg.optional().meta(d('Most vCPU the tenant\'s live instances may request together (Kubernetes requests.cpu).')),
  memoryGiB: nonNeg.optional().meta(d('Most memory, GiB, the tenant\'s live instances may request together (requests.memory).')),
  instances: z.int().min(0).optional().meta(d('Most live instances (object count).')),
};
const tenantSchema = z.strictObject({
  id: z.string().min(1).max(63).meta(d('The tenant, as instances name it in placement.tenant.')),
  quota: z
    .strictObject({
      ...quotaFields,
      perRegion: z
        .array(z.strictObject({ region: id.meta(d('The region (id).')), ...quotaFields }))
        .max(100)
        .default([])
        .meta(d('Quotas within one region: an instance counts in the region of its host once placed, before that in every region its zones allow.')),
    })
    .optional()
    .meta(d('Hard caps (Kubernetes ResourceQuota) on the requests of the tenant\'s live (not terminated or failed) instances; a create that would pass one is refused at admission with the reason; existing instances are never touched.')),
  weight: pos.max(1_000_000).default(1).meta(d('Weight for weighted fair shares (Jain\'s index is computed over dominant share / weight).')),
  isolation: z
    .enum(['shared', 'dedicated-hosts', 'separate-pool'])
    .default('shared')
    .meta(d('shared: any host, next to anyone (busy neighbours slow it on overcommitted hosts); dedicated-hosts: only hosts holding no other tenant\'s instances, which then take no one else while it is there, and it pays for them whole; separate-pool: only pools dedicatedTo it.')),
  limitDefaults: z
    .strictObject({
      containerLimitFactor: z.number().min(1).max(100).optional().meta(d('Containers of the tenant without placement.limits get limits of this factor × their requests (LimitRange default).')),
    })
    .optional()
    .meta(d('Defaults injected into the tenant\'s instances (Kubernetes LimitRange).')),
});

// ---------------------------------------------------------------- serverless
/**
 * The serverless block (functions, an API gateway, timers, queues, topics, buckets and tables). The
 * model lives in src/core/serverless (scenario.ts builds it on the Simulation's kernel); the live
 * view the Simulation exposes is typed in src/core/serverless/live.ts.
 */
export const FUNCTION_RUNTIMES = ['node', 'python', 'java', 'dotnet', 'go'] as const;
const percentilesDist = z
  .strictObject({
    type: z.literal('percentiles'),
    points: z
      .array(z.tuple([z.number().min(0).max(1), nonNeg]))
      .min(2)
      .max(100)
      .meta(d('[probability, seconds] pairs, probabilities rising strictly from 0 to 1, values not falling (e.g. the Azure trace\'s duration percentiles).')),
  })
  .meta(d('A distribution given by percentile points (piecewise-linear inverse CDF).'));
const eventTargetSchema = z
  .union([
    z.strictObject({ function: id.meta(d('Invoke this function (asynchronously) with the event.')) }),
    z.strictObject({ queue: id.meta(d('Send the event as a message to this queue.')) }),
    z.strictObject({ topic: id.meta(d('Publish the event on this topic.')) }),
  ])
  .meta(d('Where an event goes: exactly one of function, queue or topic.'));
const attributesSchema = z
  .record(z.string().min(1).max(40), z.array(z.string().min(1).max(40)).min(1).max(50))
  .meta(d('Message attributes: for each name, the values one is drawn from (uniformly, seeded) for every message.'));
const functionOutputSchema = z.strictObject({
  to: eventTargetSchema,
  probability: z.number().min(0).max(1).default(1).meta(d('Share of successful invocations that emit this event.')),
  attributes: attributesSchema.optional(),
  messageGroups: z.int().min(1).max(10_000).optional().meta(d('FIFO queues: messages are spread over this many message groups (ordering holds within a group). Default 1.')),
});
const functionSchema = z.strictObject({
  id,
  app: z.string().min(1).max(80).optional().meta(d('Application the function belongs to (the hybrid keep-alive keeps one idle-time histogram per application). Default: the function id.')),
  runtime: z.enum(FUNCTION_RUNTIMES).default('node').meta(d('Language runtime (feeds the cold-start model).')),
  memoryMb: z.int().min(128).max(10240).default(128).meta(d('Configured memory, MB (Lambda: 128 to 10,240): held by every environment, billed per GB-second.')),
  timeout: durationSchema.default(3).meta(d('An invocation running longer is stopped at this time (Lambda default 3 s, at most 900 s).')),
  packageMb: z.number().min(0).max(10240).default(5).meta(d('Deployment package size, MB (feeds the cold-start model).')),
  duration: z.union([distributionSchema, percentilesDist]).meta(d('Execution time of one invocation, seconds.')),
  init: distributionSchema.optional().meta(d('Cold-start (INIT) time, seconds (capped at 10 s). Default: from runtime, memory and package size.')),
  provisioned: z.int().min(0).max(100_000).default(0).meta(d('Provisioned concurrency: environments kept initialised at all times.')),
  reserved: z.int().min(0).max(100_000).optional().meta(d('Reserved concurrency: at most this many invocations at once, set aside from the account limit (0 stops the function).')),
  failureRate: z.number().min(0).max(1).default(0).meta(d('Probability that an invocation fails (an error after running its duration): queue messages are then retried, asynchronous events retried twice.')),
  tenant: z.string().min(1).max(63).optional().meta(d('Tenant the function\'s cost is charged to.')),
  outputs: z.array(functionOutputSchema).max(20).default([]).meta(d('Events a successful invocation emits (to a topic, a queue or another function).')),
  trace: z
    .strictObject({
      perMinute: z.array(z.int().min(0)).max(100_000).meta(d('Invocations in each minute (from time 0), spread uniformly at random inside the minute.')),
    })
    .optional()
    .meta(d('Direct invocations replayed from a trace (e.g. the Azure Functions 2019 per-minute counts).')),
});
const keepAliveSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('fixed'), ttl: durationSchema.default('10m').meta(d('How long an idle environment is kept (AWS about 10 min, Azure 20 min).')) }).meta(d('Fixed keep-alive (TTL).')),
    z
      .strictObject({
        type: z.literal('hybrid'),
        range: durationSchema.default('4h').meta(d('Idle-time histogram range (paper: 4 h).')),
        bin: durationSchema.default('1m').meta(d('Histogram bin width (paper: 1 min).')),
        head: z.number().gt(0).lt(1).default(0.05).meta(d('Percentile giving the pre-warm window (paper: 5th).')),
        tail: z.number().gt(0).max(1).default(0.99).meta(d('Percentile giving the keep-alive window (paper: 99th).')),
        margin: z.number().min(0).max(1).default(0.1).meta(d('Safety margin on both windows (paper: 10 %).')),
        fallbackTtl: durationSchema.default('10m').meta(d('Fixed keep-alive while a histogram is not representative. Default 10 min: the hybrid policy then differs from fixed-10m only where it has a pattern (the paper uses a generous keep-alive; 4h is its range).')),
      })
      .meta(d('The hybrid histogram policy of "Serverless in the Wild" (Shahrad et al., 2020).')),
  ])
  .meta(d('Keep-alive policy of idle execution environments.'));
const gatewaySchema = z.strictObject({
  id,
  auth: z.enum(['none', 'api-key']).default('api-key').meta(d('none: every request is accepted; api-key: requests need a known client\'s key (none: 401; revoked key: 403).')),
  rateLimit: z
    .strictObject({
      rate: z.number().gt(0).max(1_000_000).meta(d('Requests per second each client may sustain (token refill rate).')),
      burst: z.int().min(1).max(1_000_000).meta(d('Bucket size: requests a client may send at once.')),
    })
    .optional()
    .meta(d('Default per-client token bucket (absent: no limit); over it: 429.')),
  clients: z
    .array(
      z.strictObject({
        id,
        revoked: z.boolean().default(false).meta(d('The key is known but revoked: 403.')),
        rateLimit: z
          .strictObject({
            rate: z.number().gt(0).max(1_000_000).meta(d('Requests per second the client may sustain.')),
            burst: z.int().min(1).max(1_000_000).meta(d('Requests the client may send at once.')),
          })
          .optional()
          .meta(d('This client\'s own token bucket (usage plan), overriding the gateway\'s.')),
      }),
    )
    .max(1000)
    .default([])
    .meta(d('Clients holding API keys.')),
  routes: z
    .array(z.strictObject({ path: z.string().regex(/^\/[A-Za-z0-9/_{}.-]*$/).max(120).meta(d('Route path, e.g. "/orders".')), function: id.meta(d('The function (id) serving the route (synchronous invocation; its 429 becomes the response).')) }))
    .min(1)
    .max(200)
    .meta(d('Routes to functions.')),
});
const httpSourceSchema = z.strictObject({
  id,
  gateway: id.meta(d('The gateway (id).')),
  route: z.string().max(120).meta(d('The route path requests go to.')),
  arrival: arrivalSchema,
  clients: z
    .array(
      z.strictObject({
        client: z.string().min(1).max(40).meta(d('A client id of the gateway, or any other name (an unknown key: 401).')),
        share: z.number().gt(0).meta(d('Relative share of the requests.')),
        noKey: z.boolean().default(false).meta(d('Sends no API key at all (401 when the gateway wants one).')),
      }),
    )
    .min(1)
    .max(1000)
    .meta(d('Who sends the requests, and in what shares.')),
});
const queueSchema = z.strictObject({
  id,
  type: z.enum(['standard', 'fifo']).default('standard').meta(d('standard: at-least-once, best-effort order, occasional duplicate deliveries; fifo: exactly-once processing per message, ordered within a message group.')),
  visibilityTimeout: durationSchema.default(30).meta(d('A received message is hidden this long; not deleted by then, it becomes visible again (another receive).')),
  maxReceives: z.int().min(1).max(1000).default(5).meta(d('Receives before a failing message moves to the dead-letter queue (redrive policy maxReceiveCount).')),
  deadLetter: id.optional().meta(d('Dead-letter queue (id of another queue); absent: a failing message is dropped after maxReceives and counted as lost.')),
  retry: z
    .strictObject({
      base: durationSchema.default(1).meta(d('Delay before the first retry.')),
      factor: z.number().min(1).max(10).default(2).meta(d('Each further retry waits this many times longer.')),
      max: durationSchema.default(300).meta(d('Longest delay.')),
    })
    .optional()
    .meta(d('Retry with exponential backoff: a failed message becomes visible again after the delay instead of the visibility timeout.')),
  duplicateRate: z.number().min(0).max(0.5).default(0).meta(d('standard only: probability that a receive also delivers a second copy of the message (at-least-once).')),
  consumer: z
    .strictObject({
      function: id.meta(d('The function invoked with each batch.')),
      batchSize: z.int().min(1).max(10_000).default(10).meta(d('Messages per invocation (Lambda SQS default 10).')),
      maxConcurrency: z.int().min(1).max(10_000).default(100).meta(d('Most invocations at once.')),
      scaleUpPerMinute: z.int().min(1).max(10_000).default(60).meta(d('Pollers added per minute while the backlog grows (Lambda: 60 per minute).')),
      pollInterval: durationSchema.default(1).meta(d('Time between two polls of an idle poller.')),
    })
    .optional()
    .meta(d('A function consuming the queue, scaled on the backlog.')),
  serviceConsumer: z
    .strictObject({
      service: id.meta(d('The service (id, from the scenario\'s services) each message is sent to as one request; an OK response deletes it, a failed, dropped or timed-out one counts as a failed receive.')),
      maxConcurrency: z.int().min(1).max(10_000).default(10).meta(d('Most messages at the service at once.')),
      scaleUpPerMinute: z.int().min(1).max(10_000).default(60).meta(d('Pollers added per minute while the backlog grows.')),
    })
    .optional()
    .meta(d('Instead of a function: a service consuming the queue (one message per request), scaled on the backlog.')),
});
const topicSchema = z.strictObject({
  id,
  subscriptions: z
    .array(
      z.strictObject({
        to: eventTargetSchema,
        filter: z.record(z.string().min(1).max(40), z.array(z.string().min(1).max(40)).min(1).max(50)).optional().meta(d('Delivered only when, for every name, the message attribute is one of the values.')),
      }),
    )
    .max(100)
    .meta(d('Subscriptions: each message is delivered to every subscription whose filter matches (fan-out).')),
});
const timerSchema = z
  .strictObject({
    id,
    function: id.meta(d('The function invoked.')),
    cron: z.string().max(120).optional().meta(d('Five-field cron expression (minute hour day month weekday), simulated time.')),
    every: durationSchema.optional().meta(d('Or: a fixed period.')),
  })
  .meta(d('A timer trigger: exactly one of cron or every.'));
const storeSchema = (what: string, eventName: string) =>
  z.strictObject({
    id,
    writes: arrivalSchema.optional().meta(d(`Writes to the ${what} from outside (an arrival process); functions may write too (outputs).`)),
    notify: z.array(eventTargetSchema).max(20).default([]).meta(d(`Where each ${eventName} event goes.`)),
  });

const serverlessSchema = z
  .strictObject({
    account: z
      .strictObject({
        concurrencyLimit: z.int().min(1).max(1_000_000).default(1000).meta(d('Invocations running at once across the account (Lambda default 1,000); above it: 429.')),
        scaling: z
          .strictObject({
            environments: z.int().min(1).max(1_000_000).default(1000).meta(d('New environments a function may start per period (Lambda: 1,000 per 10 s).')),
            per: durationSchema.default(10).meta(d('The period.')),
          })
          .default({ environments: 1000, per: 10 })
          .meta(d('Scaling rate limit: new environments per function per period (beyond it: 429).')),
      })
      .default({ concurrencyLimit: 1000, scaling: { environments: 1000, per: 10 } })
      .meta(d('Account limits.')),
    keepAlive: keepAliveSchema.default({ type: 'fixed', ttl: '10m' }),
    prices: z
      .strictObject({
        perMillionRequests: usd.default(FUNCTION_PRICES.perMillionRequests).meta(d('USD per million requests (Lambda: 0.20).')),
        perGbSecond: usd.default(FUNCTION_PRICES.perGbSecond).meta(d('USD per GB-second (Lambda x86: 0.0000166667).')),
      })
      .optional()
      .meta(
        d('Function prices, used for the live cost and the invoices alike. billing.functions, when set, is the price list instead (set one of the two, or both to the same figures); absent both: AWS Lambda\'s.'),
      ),
    functions: z.array(functionSchema).max(10_000).default([]).meta(d('Functions.')),
    azureTrace: z
      .strictObject({
        folder: z.string().min(1).max(400).meta(d('Folder with invocations.csv, durations.csv and memory.csv in the Azure Functions 2019 format, relative to the scenario file (presets: to the traces folder).')),
        minutes: z.int().min(1).max(20_160).optional().meta(d('Replay only the first minutes.')),
        runtime: z.enum(FUNCTION_RUNTIMES).default('node').meta(d('Runtime assumed for every function (the trace does not say).')),
      })
      .optional()
      .meta(d('Replay the Azure Functions 2019 trace: the CLI reads the folder and adds one function per row (ids "az-" + 12 hex digits of the hash) with its per-minute counts, duration percentiles and memory.')),
    gateways: z.array(gatewaySchema).max(100).default([]).meta(d('API gateways (HTTP triggers).')),
    http: z.array(httpSourceSchema).max(1000).default([]).meta(d('HTTP traffic to gateway routes (the scenario\'s workloads keep going to services).')),
    queues: z.array(queueSchema).max(1000).default([]).meta(d('Message queues.')),
    topics: z.array(topicSchema).max(1000).default([]).meta(d('Event-bus topics (publish/subscribe).')),
    timers: z.array(timerSchema).max(1000).default([]).meta(d('Timer (cron) triggers.')),
    buckets: z.array(storeSchema('bucket', 'object-created')).max(1000).default([]).meta(d('Object-storage buckets emitting an event per object written.')),
    tables: z.array(storeSchema('table', 'change (stream record)')).max(1000).default([]).meta(d('Database tables emitting a change event per write.')),
  })
  .meta(d('Serverless: functions with cold starts, keep-alive and concurrency limits; API gateway, timers, queues, topics, storage and database events.'));

// ---------------------------------------------------------------- SaaS tenancy types (expanded by scenario/saas.ts)
export const SAAS_MODELS = ['shared-database', 'shared-schema', 'separate-database', 'separate-instance'] as const;
export type SaasModel = (typeof SAAS_MODELS)[number];

const saasTierSchema = z.strictObject({
  instanceType: z.string().default('g.medium').meta(d('Instance type of each replica (a container).')),
  replicas: z.int().min(1).max(1000).meta(d('Replicas of a shared deployment; a per-tenant deployment gets ⌈replicas / tenants⌉.')),
  concurrency: z.int().min(1).max(10_000).default(4).meta(d('Requests one replica serves at once.')),
  work: distributionSchema.meta(d('Work per request, seconds at the replica\'s CPU request.')),
  queueLimit: z.int().min(0).max(1_000_000).default(1000).meta(d('Most requests waiting in the deployment\'s (shared) queue.')),
});

export const saasSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, { error: 'must be a short lower-case id such as "crm"' }).meta(d('The application; generated names start with it.')),
  model: z.enum(SAAS_MODELS).meta(d('What tenants share: shared-database (one app, one database: shared queues), shared-schema (an app per tenant, one database), separate-database (an app and a database per tenant, hosts shared), separate-instance (the whole stack per tenant on dedicated hosts).')),
  zone: z.string().optional().meta(d('Zone of every generated service.')),
  app: saasTierSchema.meta(d('The application tier (calls the database tier).')),
  database: saasTierSchema.meta(d('The database tier.')),
  timeout: durationSchema.optional().meta(d('Client timeout of every generated service.')),
  tenants: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, { error: 'must be a short lower-case id such as "acme"' }).meta(d('The tenant (a tenants entry is added unless declared).')), arrival: arrivalSchema.meta(d('The tenant\'s traffic.')) }))
    .min(1)
    .max(50)
    .meta(d('The tenants and their traffic (one workload each).')),
});

// ---------------------------------------------------------------- the document
const scenarioObject = z.strictObject({
  cumulo: z.literal(SCENARIO_VERSION).meta(d('Format version of the scenario.')),
  name: z.string().min(1).max(120).meta(d('Scenario name, shown in the console.')),
  description: z.string().max(4000).optional().meta(d('What the scenario shows.')),
  seed: z.int().min(0).max(4294967295).default(1).meta(d('Seed of all random streams (0 to 2^32−1).')),
  duration: durationSchema.meta(d('Simulated time the run lasts.')),
  warmup: durationSchema.default(0).meta(d('Initial period whose requests are left out of the results (steady-state statistics).')),
  metricsInterval: durationSchema.default(1).meta(d('Simulated time between two samples of the metric series.')),
  regions: z.array(regionSchema).max(100).default([]).meta(d('Regions (public, private datacenter or edge) with their zones.')),
  hostPools: z.array(hostPoolSchema).max(1000).default([]).meta(d('Pools of identical hosts, per zone.')),
  instanceTypes: z.array(instanceTypeSchema).max(1000).default([]).meta(d('Instance types added to the built-in catalogue.')),
  services: z.array(serviceSchema).max(1000).default([]).meta(d('Request-serving services.')),
  workloads: z.array(workloadSchema).max(1000).default([]).meta(d('Traffic sources, each sending to one service.')),
  instances: z.array(instanceGroupSchema).max(10_000).default([]).meta(d('Instances (VMs or containers) created on the hosts, outside any service (IaaS).')),
  scheduler: z
    .strictObject({
      strategy: z
        .enum(['least-allocated', 'most-allocated', 'balanced', 'first-fit', 'random', 'zone-round-robin'])
        .default('least-allocated')
        .meta(d('least-allocated: spread (Kubernetes default); most-allocated: bin packing (best fit); balanced: even cpu/memory use; first-fit; random; zone-round-robin.')),
      percentageOfNodesToScore: z
        .number()
        .min(0)
        .max(100)
        .default(0)
        .meta(d('Stop filtering once this share of hosts is found feasible (0: Kubernetes\' adaptive default, 50 − hosts/125, at least 5 %, at least 100 hosts).')),
      preemption: z.boolean().default(true).meta(d('Evict lower-priority instances when nothing fits.')),
      queue: z
        .enum(['fifo', 'drf', 'weighted'])
        .default('fifo')
        .meta(d('Order of pending instances of equal priority: fifo (oldest first); drf (next from the tenant with the lowest dominant share, Dominant Resource Fairness); weighted (lowest dominant share / tenant weight).')),
    })
    .default({ strategy: 'least-allocated', percentageOfNodesToScore: 0, preemption: true, queue: 'fifo' })
    .meta(d('The scheduler that places instances on hosts.')),
  provisioning: z
    .strictObject({
      vm: distributionSchema.default({ type: 'lognormal', mean: 45, sd: 15 }).meta(d('Boot time of a VM, seconds.')),
      container: distributionSchema.default({ type: 'lognormal', mean: 3, sd: 1 }).meta(d('Start time of a container, seconds.')),
      detection: durationSchema.default(30).meta(d('Time before a lost instance is noticed and replaced (controller resync).')),
    })
    .default({ vm: { type: 'lognormal', mean: 45, sd: 15 }, container: { type: 'lognormal', mean: 3, sd: 1 }, detection: 30 })
    .meta(d('Provisioning delays.')),
  faults: z.array(faultSchema).max(10_000).default([]).meta(d('Faults injected during the run.')),
  clusterAutoscaler: clusterAutoscalerSchema
    .optional()
    .meta(d('The cluster autoscaler (Kubernetes cluster-autoscaler rules): adds hosts to pools with room (maxCount) when instances cannot be placed, and removes underused hosts.')),
  network: networkSchema
    .default({ sameZone: 0.0001, crossZone: 0.0005, crossRegion: 0.04, hostBandwidthGbps: 25, links: [] })
    .meta(d('Network latency between zones and regions, added to every hop between clients and services or between services.')),
  billing: billingSchema
    .optional()
    .meta(d('Metering and billing (on with the defaults whenever there are host pools; this block changes prices, adds commitments, spot settings, storage, egress and budgets).')),
  tenants: z
    .array(tenantSchema)
    .max(1000)
    .optional()
    .meta(d('Tenants: quotas enforced at admission, weights for fair shares, limit defaults. Instances name their tenant with placement.tenant; fairness metrics (dominant shares, Jain\'s index) are sampled for these tenants.')),
  principals: principalsSchema,
  actions: iamActionsSchema,
  serverless: serverlessSchema.optional(),
  saas: z
    .array(saasSchema)
    .max(20)
    .optional()
    .meta(d('SaaS applications with a tenancy type: expanded, before validation, into services, workloads and tenants (scenario/saas.ts); the expansion decides what tenants share.')),
});

export type ScenarioInput = z.input<typeof scenarioObject>;
export type Scenario = z.output<typeof scenarioObject>;
export type ServiceSpec = Scenario['services'][number];
export type AutoscalerSpec = NonNullable<ServiceSpec['autoscaler']>;
export type AutoscalerSpecInput = z.input<typeof autoscalerSchema>;
export type WorkloadSpec = Scenario['workloads'][number];
export type ArrivalSpec = z.output<typeof arrivalSchema>;
export type DistributionSpecInput = z.output<typeof distributionSchema>;
export type BalancerPolicy = (typeof BALANCER_POLICIES)[number];
export type ServerlessSpec = NonNullable<Scenario['serverless']>;
export type FunctionScenarioSpec = ServerlessSpec['functions'][number];
export type QueueScenarioSpec = ServerlessSpec['queues'][number];
export type EventTargetSpec = z.output<typeof eventTargetSchema>;

/** The built-in instance-type catalogue (scenarios may add to it). */
export const BUILTIN_INSTANCE_TYPES: ReadonlyArray<z.output<typeof instanceTypeSchema>> = [
  { id: 'g.small', family: 'general', vcpu: 1, memoryGiB: 4 },
  { id: 'g.medium', family: 'general', vcpu: 2, memoryGiB: 8 },
  { id: 'g.large', family: 'general', vcpu: 4, memoryGiB: 16 },
  { id: 'g.xlarge', family: 'general', vcpu: 8, memoryGiB: 32 },
  { id: 'c.large', family: 'compute', vcpu: 4, memoryGiB: 8 },
  { id: 'c.xlarge', family: 'compute', vcpu: 8, memoryGiB: 16 },
  { id: 'm.large', family: 'memory', vcpu: 4, memoryGiB: 32 },
  { id: 'm.xlarge', family: 'memory', vcpu: 8, memoryGiB: 64 },
  { id: 'p.xlarge', family: 'gpu', vcpu: 8, memoryGiB: 61, gpu: 1 },
];

/** Cross-references that a per-field schema cannot see. */
export const scenarioSchema = scenarioObject.superRefine((s, ctx) => {
  const duration = durationSeconds(s.duration);
  if (!(duration > 0)) ctx.addIssue({ code: 'custom', path: ['duration'], message: `must be greater than 0, got ${String(s.duration)}` });
  else if (duration > 10 * 365 * 86400) ctx.addIssue({ code: 'custom', path: ['duration'], message: `must be at most 10 years, got ${String(s.duration)}` });
  const warmup = durationSeconds(s.warmup);
  if (duration > 0 && warmup >= duration)
    ctx.addIssue({ code: 'custom', path: ['warmup'], message: `must be shorter than the duration (${duration}s), got ${warmup}s` });
  const interval = durationSeconds(s.metricsInterval);
  if (!(interval > 0)) ctx.addIssue({ code: 'custom', path: ['metricsInterval'], message: `must be greater than 0, got ${String(s.metricsInterval)}` });
  else if (duration / interval > 1_000_000)
    ctx.addIssue({ code: 'custom', path: ['metricsInterval'], message: `gives ${Math.ceil(duration / interval)} samples; at most 1,000,000 (use at least ${Math.ceil(duration / 1_000_000)}s)` });
  const dup = (list: ReadonlyArray<{ id: string }>, where: string) => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [where, i, 'id'],
          message: `duplicate id "${item.id}" (already used by ${where}[${first}])`,
        });
      } else seen.set(item.id, i);
    });
  };
  dup(s.regions, 'regions');
  dup(s.hostPools, 'hostPools');
  dup(s.instanceTypes, 'instanceTypes');
  dup(s.services, 'services');
  dup(s.workloads, 'workloads');
  dup(s.instances, 'instances');
  const zones = new Set(s.regions.flatMap((r) => r.zones.map((z) => z.id)));
  const zoneList = [...zones].join(', ') || 'none defined';
  s.regions.forEach((r, i) => {
    const seen = new Set<string>();
    r.zones.forEach((z, j) => {
      if (seen.has(z.id)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'zones', j, 'id'], message: `duplicate zone id "${z.id}"` });
      seen.add(z.id);
    });
  });
  s.hostPools.forEach((p, i) => {
    if (!zones.has(p.zone)) ctx.addIssue({ code: 'custom', path: ['hostPools', i, 'zone'], message: `unknown zone "${p.zone}" (zones: ${zoneList})` });
  });
  const types = new Set([...BUILTIN_INSTANCE_TYPES.map((t) => t.id), ...s.instanceTypes.map((t) => t.id)]);
  const services = new Set(s.services.map((x) => x.id));
  s.services.forEach((svc, i) => {
    if (svc.zone !== undefined && !zones.has(svc.zone))
      ctx.addIssue({ code: 'custom', path: ['services', i, 'zone'], message: `unknown zone "${svc.zone}" (zones: ${zoneList})` });
    if (svc.instanceType !== undefined && !types.has(svc.instanceType))
      ctx.addIssue({ code: 'custom', path: ['services', i, 'instanceType'], message: `unknown instance type "${svc.instanceType}"` });
    const w = svc.work;
    if (svc.weights !== undefined && svc.weights.length !== svc.replicas)
      ctx.addIssue({ code: 'custom', path: ['services', i, 'weights'], message: `needs one weight per replica (${svc.replicas}), got ${svc.weights.length}` });
    if (w.type === 'uniform' && w.min > w.max)
      ctx.addIssue({ code: 'custom', path: ['services', i, 'work', 'max'], message: `must be at least min (${w.min}), got ${w.max}` });
    if (w.type === 'bounded-pareto' && w.min >= w.max)
      ctx.addIssue({ code: 'custom', path: ['services', i, 'work', 'max'], message: `must be greater than min (${w.min}), got ${w.max}` });
    if (w.type === 'normal' && w.min !== undefined && w.max !== undefined && w.min > w.max)
      ctx.addIssue({ code: 'custom', path: ['services', i, 'work', 'max'], message: `must be at least min (${w.min}), got ${w.max}` });
  });
  const regionIds = new Set(s.regions.map((r) => r.id));
  s.services.forEach((svc, i) => {
    svc.calls?.targets.forEach((t, j) => {
      if (!services.has(t.service))
        ctx.addIssue({ code: 'custom', path: ['services', i, 'calls', 'targets', j, 'service'], message: `unknown service "${t.service}"` });
    });
  });
  // Calls must not loop (A → B → A would never answer).
  const callGraph = new Map(s.services.map((x) => [x.id, (x.calls?.targets ?? []).map((t) => t.service)]));
  const state = new Map<string, 1 | 2>();
  const visit = (node: string, trail: string[]): string[] | null => {
    if (state.get(node) === 2) return null;
    if (state.get(node) === 1) return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, 1);
    for (const next of callGraph.get(node) ?? []) {
      const cycle = visit(next, [...trail, node]);
      if (cycle) return cycle;
    }
    state.set(node, 2);
    return null;
  };
  for (const [i, svc] of s.services.entries()) {
    const cycle = visit(svc.id, []);
    if (cycle) {
      ctx.addIssue({ code: 'custom', path: ['services', i, 'calls'], message: `calls go round in a loop: ${cycle.join(' → ')}` });
      break;
    }
  }
  s.network.links.forEach((l, i) => {
    l.between.forEach((r, j) => {
      if (!regionIds.has(r)) ctx.addIssue({ code: 'custom', path: ['network', 'links', i, 'between', j], message: `unknown region "${r}"` });
    });
  });
  s.workloads.forEach((w, i) => {
    if (w.from !== undefined && !zones.has(w.from) && !regionIds.has(w.from))
      ctx.addIssue({ code: 'custom', path: ['workloads', i, 'from'], message: `unknown zone or region "${w.from}"` });
  });
  const pools = new Map(s.hostPools.map((p) => [p.id, p]));
  const groupIds = new Set([...s.services.map((x) => x.id), ...s.instances.map((x) => x.id)]);
  s.faults.forEach((f, i) => {
    const at = ['faults', i];
    switch (f.kind) {
      case 'replica-crash': {
        const svc = s.services.find((x) => x.id === f.service);
        if (!svc) ctx.addIssue({ code: 'custom', path: [...at, 'service'], message: `unknown service "${f.service}"` });
        else if (f.replica >= svc.replicas)
          ctx.addIssue({ code: 'custom', path: [...at, 'replica'], message: `service "${f.service}" has replicas 0 to ${svc.replicas - 1}, got ${f.replica}` });
        break;
      }
      case 'host-failure': {
        const pool = pools.get(f.pool);
        if (!pool) ctx.addIssue({ code: 'custom', path: [...at, 'pool'], message: `unknown host pool "${f.pool}"` });
        else if (f.host >= pool.count)
          ctx.addIssue({ code: 'custom', path: [...at, 'host'], message: `pool "${f.pool}" has hosts 0 to ${pool.count - 1}, got ${f.host}` });
        break;
      }
      case 'zone-outage':
        if (!zones.has(f.zone)) ctx.addIssue({ code: 'custom', path: [...at, 'zone'], message: `unknown zone "${f.zone}" (zones: ${zoneList})` });
        break;
      case 'link-cut':
        f.between.forEach((r, j) => {
          if (!regionIds.has(r)) ctx.addIssue({ code: 'custom', path: [...at, 'between', j], message: `unknown region "${r}"` });
        });
        break;
    }
  });
  const checkPlacement = (pl: z.output<typeof placementSchema> | undefined, path: (string | number)[], typeId?: string) => {
    if (!pl) return;
    if (pl.limits) {
      if (pl.kind !== 'container') ctx.addIssue({ code: 'custom', path: [...path, 'limits'], message: 'applies to containers only (a VM is sized by its instance type)' });
      const t = typeId === undefined ? undefined : [...s.instanceTypes, ...BUILTIN_INSTANCE_TYPES].find((x) => x.id === typeId);
      if (t && pl.limits.vcpu !== undefined && pl.limits.vcpu < t.vcpu)
        ctx.addIssue({ code: 'custom', path: [...path, 'limits', 'vcpu'], message: `must be at least the request (${t.vcpu} vCPU of ${typeId}), got ${pl.limits.vcpu}` });
      if (t && pl.limits.memoryGiB !== undefined && pl.limits.memoryGiB < t.memoryGiB)
        ctx.addIssue({ code: 'custom', path: [...path, 'limits', 'memoryGiB'], message: `must be at least the request (${t.memoryGiB} GiB of ${typeId}), got ${pl.limits.memoryGiB}` });
    }
    pl.zones?.forEach((zn, j) => {
      if (!zones.has(zn)) ctx.addIssue({ code: 'custom', path: [...path, 'zones', j], message: `unknown zone "${zn}" (zones: ${zoneList})` });
    });
    pl.affinity.forEach((g, j) => {
      if (!groupIds.has(g)) ctx.addIssue({ code: 'custom', path: [...path, 'affinity', j], message: `unknown service or instance group "${g}"` });
    });
  };
  s.services.forEach((svc, i) => {
    checkPlacement(svc.placement, ['services', i, 'placement'], svc.instanceType);
    if (svc.placement && svc.instanceType === undefined)
      ctx.addIssue({ code: 'custom', path: ['services', i, 'instanceType'], message: 'is required when the replicas are placed on hosts (placement)' });
    if (svc.placement && s.hostPools.length === 0)
      ctx.addIssue({ code: 'custom', path: ['services', i, 'placement'], message: 'needs host pools to place the replicas on' });
    const a = svc.autoscaler;
    if (a) {
      const at = ['services', i, 'autoscaler'];
      if (a.minReplicas > a.maxReplicas) ctx.addIssue({ code: 'custom', path: [...at, 'minReplicas'], message: `must not exceed maxReplicas (${a.maxReplicas}), got ${a.minReplicas}` });
      if (svc.replicas > a.maxReplicas) ctx.addIssue({ code: 'custom', path: ['services', i, 'replicas'], message: `must not exceed autoscaler.maxReplicas (${a.maxReplicas}), got ${svc.replicas}` });
      if ((a.policy === 'target-tracking' || a.policy === 'predictive') && a.target === undefined && a.metric !== 'cpu')
        ctx.addIssue({ code: 'custom', path: [...at, 'target'], message: `is required for metric "${a.metric}" (only cpu has a default, 0.8)` });
      if (a.metric === 'cpu' && a.target !== undefined && a.target > 1)
        ctx.addIssue({ code: 'custom', path: [...at, 'target'], message: `cpu is a fraction of the replicas' capacity: at most 1, got ${a.target}` });
      if (a.policy === 'predictive' && a.metric !== 'rps' && a.metric !== 'cpu')
        ctx.addIssue({ code: 'custom', path: [...at, 'metric'], message: `predictive scaling forecasts demand: use "rps" or "cpu", got "${a.metric}"` });
      if (a.policy === 'step' && a.rules.length === 0) ctx.addIssue({ code: 'custom', path: [...at, 'rules'], message: 'step scaling needs at least one rule' });
      a.rules.forEach((r, j) => {
        const n = (r.change !== undefined ? 1 : 0) + (r.changePercent !== undefined ? 1 : 0) + (r.setTo !== undefined ? 1 : 0);
        if (n !== 1) ctx.addIssue({ code: 'custom', path: [...at, 'rules', j], message: `needs exactly one of "change", "changePercent" or "setTo", got ${n}` });
      });
      if (a.policy === 'scheduled' && a.schedule.length === 0) ctx.addIssue({ code: 'custom', path: [...at, 'schedule'], message: 'scheduled scaling needs at least one action' });
      a.schedule.forEach((act, j) => {
        if (act.replicas === undefined && act.minReplicas === undefined && act.maxReplicas === undefined)
          ctx.addIssue({ code: 'custom', path: [...at, 'schedule', j], message: 'sets nothing: give replicas, minReplicas or maxReplicas' });
        const c = parseCron(act.cron);
        if (!c.ok) ctx.addIssue({ code: 'custom', path: [...at, 'schedule', j, 'cron'], message: c.errors.join('; ') });
      });
      const sync = durationSeconds(a.syncPeriod);
      if (!(sync > 0)) ctx.addIssue({ code: 'custom', path: [...at, 'syncPeriod'], message: `must be greater than 0, got ${String(a.syncPeriod)}` });
      const f = a.forecast;
      const season = durationSeconds(f.season);
      const bucket = durationSeconds(f.bucket);
      if (!(bucket > 0)) ctx.addIssue({ code: 'custom', path: [...at, 'forecast', 'bucket'], message: `must be greater than 0, got ${String(f.bucket)}` });
      else if (!(season >= 2 * bucket) || Math.abs(season / bucket - Math.round(season / bucket)) > 1e-9)
        ctx.addIssue({ code: 'custom', path: [...at, 'forecast', 'season'], message: `must be a whole number (at least 2) of buckets (${bucket}s), got ${season}s` });
      for (const dir of ['scaleUp', 'scaleDown'] as const) {
        a[dir]?.policies?.forEach((p, j) => {
          const period = durationSeconds(p.period);
          if (!(period > 0 && period <= 1800)) ctx.addIssue({ code: 'custom', path: [...at, dir, 'policies', j, 'period'], message: `must be within (0, 30m], got ${String(p.period)}` });
        });
        const w = a[dir]?.stabilizationWindow;
        if (w !== undefined && durationSeconds(w) > 3600) ctx.addIssue({ code: 'custom', path: [...at, dir, 'stabilizationWindow'], message: `must be at most 1h, got ${String(w)}` });
      }
    }
  });
  s.instances.forEach((g, i) => {
    checkPlacement(g.placement, ['instances', i, 'placement'], g.type);
    if (!types.has(g.type)) ctx.addIssue({ code: 'custom', path: ['instances', i, 'type'], message: `unknown instance type "${g.type}"` });
    if (s.hostPools.length === 0) ctx.addIssue({ code: 'custom', path: ['instances', i], message: 'needs host pools to run on' });
  });
  const ids = new Set<string>();
  [...s.services.map((x, i) => ['services', i, x.id] as const), ...s.instances.map((x, i) => ['instances', i, x.id] as const)].forEach(([where, i, gid]) => {
    if (ids.has(gid)) ctx.addIssue({ code: 'custom', path: [where, i, 'id'], message: `"${gid}" is already the id of a service or instance group` });
    ids.add(gid);
  });
  s.workloads.forEach((w, i) => {
    if (!services.has(w.target))
      ctx.addIssue({ code: 'custom', path: ['workloads', i, 'target'], message: `unknown service "${w.target}" (services: ${[...services].join(', ')})` });
    const a = w.arrival;
    if (a.type === 'trace') {
      if (a.format === 'swf' && a.data !== undefined)
        ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival', 'format'], message: 'an "swf" trace is read from a file; inline data must be "timestamps"' });
      if ((a.data === undefined) === (a.file === undefined))
        ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival'], message: 'a trace needs exactly one of "data" or "file"' });
      if (a.format === 'timestamps' && a.data) {
        for (let k = 1; k < a.data.length; k++) {
          if (a.data[k]! < a.data[k - 1]!) {
            ctx.addIssue({
              code: 'custom',
              path: ['workloads', i, 'arrival', 'data', k],
              message: `timestamps must not decrease: ${a.data[k]} comes after ${a.data[k - 1]}`,
            });
            break;
          }
        }
      }
    }
    if (a.type === 'piecewise') {
      for (let k = 1; k < a.points.length; k++) {
        const prev = durationSeconds(a.points[k - 1]!.at);
        const cur = durationSeconds(a.points[k]!.at);
        if (cur < prev) {
          ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival', 'points', k, 'at'], message: `points must be in time order: ${cur}s comes after ${prev}s` });
          break;
        }
      }
      if (a.period !== undefined) {
        const period = durationSeconds(a.period);
        const last = durationSeconds(a.points[a.points.length - 1]!.at);
        if (!(period > 0)) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival', 'period'], message: `must be greater than 0, got ${String(a.period)}` });
        else if (last >= period)
          ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival', 'period'], message: `must be longer than the last point (${last}s), got ${period}s` });
      }
    }
    if (a.type === 'mmpp') {
      a.states.forEach((st, j) => {
        if (!(durationSeconds(st.meanDuration) > 0))
          ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival', 'states', j, 'meanDuration'], message: `must be greater than 0, got ${String(st.meanDuration)}` });
      });
    }
    if (a.type === 'diurnal') {
      if (a.trough > a.peak) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival', 'peak'], message: `must be at least trough (${a.trough}), got ${a.peak}` });
      if (!(durationSeconds(a.period) > 0)) ctx.addIssue({ code: 'custom', path: ['workloads', i, 'arrival', 'period'], message: `must be greater than 0, got ${String(a.period)}` });
    }
  });
  if (s.billing) checkBilling(s, ctx, types, services, groupIds);
  checkFunctionPrices(s, ctx);
  if (s.tenants) checkTenants(s, ctx);
  if (s.principals || s.actions) checkIam(s, ctx);
  if (s.serverless) checkServerless(s.serverless, ctx, new Set(s.services.map((x) => x.id)));
});

/** Functions have one price list: billing.functions or serverless.prices, never two different ones. */
function checkFunctionPrices(s: { billing?: { functions?: FunctionPrices | undefined } | undefined; serverless?: { prices?: FunctionPrices | undefined } | undefined }, ctx: z.RefinementCtx): void {
  const a = s.billing?.functions;
  const b = s.serverless?.prices;
  if (!a || !b || (a.perMillionRequests === b.perMillionRequests && a.perGbSecond === b.perGbSecond)) return;
  const show = (p: FunctionPrices) => `$${p.perMillionRequests} per million requests, $${p.perGbSecond} per GB-second`;
  ctx.addIssue({
    code: 'custom',
    path: ['billing', 'functions'],
    message: `differs from serverless.prices (${show(a)} here, ${show(b)} there): functions have one price list, set it in one place (or the same figures in both)`,
  });
}

/** Cross-references of the tenants block. */
function checkTenants(s: Scenario, ctx: z.RefinementCtx): void {
  const regionIds = s.regions.map((r) => r.id);
  const seen = new Set<string>();
  s.tenants!.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'id'], message: `duplicate tenant id "${t.id}"` });
    seen.add(t.id);
    if (t.isolation === 'separate-pool' && !s.hostPools.some((p) => p.dedicatedTo === t.id))
      ctx.addIssue({ code: 'custom', path: ['tenants', i, 'isolation'], message: `tenant "${t.id}" is on a separate pool, but no host pool is dedicatedTo it` });
    const q = t.quota;
    if (!q) return;
    const regions = new Set<string>();
    q.perRegion.forEach((r, j) => {
      const at = ['tenants', i, 'quota', 'perRegion', j];
      if (!regionIds.includes(r.region))
        ctx.addIssue({ code: 'custom', path: [...at, 'region'], message: `unknown region "${r.region}" (regions: ${regionIds.join(', ') || 'none'})` });
      else if (regions.has(r.region)) ctx.addIssue({ code: 'custom', path: [...at, 'region'], message: `region "${r.region}" already has a quota for tenant "${t.id}"` });
      regions.add(r.region);
    });
  });
}

/** Cross-references of the billing block. */
function checkBilling(s: z.output<typeof scenarioObject>, ctx: z.RefinementCtx, types: Set<string>, services: Set<string>, groups: Set<string>): void {
  const b = s.billing!;
  const kind = new Map(s.regions.map((r) => [r.id, r.kind]));
  const regionOfZone = new Map(s.regions.flatMap((r) => r.zones.map((z) => [z.id, r.id] as const)));
  const at = (...path: (string | number)[]) => ['billing', ...path];
  const publicRegion = (r: string, path: (string | number)[]) => {
    const k = kind.get(r);
    if (k === undefined) ctx.addIssue({ code: 'custom', path, message: `unknown region "${r}"` });
    else if (k === 'private') ctx.addIssue({ code: 'custom', path, message: `"${r}" is a private datacenter: its hosts cost a fixed monthly amount (billing.pools[].monthly), not prices per instance` });
  };
  b.regions.forEach((r, i) => {
    publicRegion(r.region, at('regions', i, 'region'));
    r.instanceTypes.forEach((t, j) => {
      if (!types.has(t.type)) ctx.addIssue({ code: 'custom', path: at('regions', i, 'instanceTypes', j, 'type'), message: `unknown instance type "${t.type}"` });
    });
  });
  b.pools.forEach((p, i) => {
    const pool = s.hostPools.find((x) => x.id === p.pool);
    if (!pool) {
      ctx.addIssue({ code: 'custom', path: at('pools', i, 'pool'), message: `unknown host pool "${p.pool}"` });
      return;
    }
    const privateDc = kind.get(regionOfZone.get(pool.zone) ?? '') === 'private';
    if (privateDc && p.billedAs === 'instances')
      ctx.addIssue({ code: 'custom', path: at('pools', i, 'billedAs'), message: `pool "${p.pool}" is in a private datacenter: its hosts are billed, not its instances` });
    if (!privateDc && p.monthly !== undefined)
      ctx.addIssue({ code: 'custom', path: at('pools', i, 'monthly'), message: `only hosts of a private datacenter have a fixed monthly cost; "${p.pool}" is in a public region (set its pricePerHour)` });
  });
  b.reserved.forEach((r, i) => {
    publicRegion(r.region, at('reserved', i, 'region'));
    if (!types.has(r.type)) ctx.addIssue({ code: 'custom', path: at('reserved', i, 'type'), message: `unknown instance type "${r.type}"` });
  });
  b.storage.volumes.forEach((v, i) => {
    if (!groups.has(v.group)) ctx.addIssue({ code: 'custom', path: at('storage', 'volumes', i, 'group'), message: `unknown service or instance group "${v.group}"` });
  });
  b.egress.responses.forEach((r, i) => {
    if (!services.has(r.service)) ctx.addIssue({ code: 'custom', path: at('egress', 'responses', i, 'service'), message: `unknown service "${r.service}"` });
  });
  const step = durationSeconds(b.spot.step);
  if (!(step >= 60)) ctx.addIssue({ code: 'custom', path: at('spot', 'step'), message: `must be at least 1 minute, got ${String(b.spot.step)}` });
}

/** Cross-references of the serverless block. */
function checkServerless(b: NonNullable<z.output<typeof scenarioObject>['serverless']>, ctx: z.RefinementCtx, services: ReadonlySet<string>): void {
  const at = (...path: (string | number)[]) => ['serverless', ...path];
  const ids = (list: Array<{ id: string }>, name: string, prefix: (string | number)[] = []): Set<string> => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: at(...prefix, name, i, 'id'), message: `duplicate ${name.replace(/s$/, '')} id "${x.id}"` });
      seen.add(x.id);
    });
    return seen;
  };
  const fns = ids(b.functions, 'functions');
  if (b.functions.length === 0 && !b.azureTrace) ctx.addIssue({ code: 'custom', path: at('functions'), message: 'needs at least one function (or an azureTrace to replay)' });
  const queues = ids(b.queues, 'queues');
  const topics = ids(b.topics, 'topics');
  const gateways = ids(b.gateways, 'gateways');
  ids(b.timers, 'timers');
  ids(b.buckets, 'buckets');
  ids(b.tables, 'tables');
  ids(b.http, 'http');
  const known = (set: Set<string>, what: string, v: string, path: (string | number)[]) => {
    if (!set.has(v)) ctx.addIssue({ code: 'custom', path, message: `unknown ${what} "${v}" (${what}s: ${[...set].join(', ') || 'none'})` });
  };
  const target = (t: { function?: string; queue?: string; topic?: string }, path: (string | number)[]) => {
    if ('function' in t && t.function !== undefined) known(fns, 'function', t.function, [...path, 'function']);
    else if ('queue' in t && t.queue !== undefined) known(queues, 'queue', t.queue, [...path, 'queue']);
    else if ('topic' in t && t.topic !== undefined) known(topics, 'topic', t.topic, [...path, 'topic']);
  };
  let reserved = 0;
  b.functions.forEach((f, i) => {
    reserved += f.reserved ?? 0;
    const timeout = durationSeconds(f.timeout);
    if (!(timeout > 0) || timeout > 900) ctx.addIssue({ code: 'custom', path: at('functions', i, 'timeout'), message: `must be more than 0 and at most 900 s (Lambda's limit), got ${String(f.timeout)}` });
    if (f.reserved !== undefined && f.provisioned > f.reserved) ctx.addIssue({ code: 'custom', path: at('functions', i, 'provisioned'), message: `provisioned concurrency (${f.provisioned}) cannot exceed reserved concurrency (${f.reserved})` });
    if (f.duration.type === 'percentiles') {
      const pts = f.duration.points;
      const bad = pts[0]![0] !== 0 || pts[pts.length - 1]![0] !== 1 || pts.some((p, j) => j > 0 && (p[0] <= pts[j - 1]![0] || p[1] < pts[j - 1]![1]));
      if (bad) ctx.addIssue({ code: 'custom', path: at('functions', i, 'duration', 'points'), message: 'probabilities must rise strictly from 0 to 1 and values must not fall' });
    }
    f.outputs.forEach((o, j) => target(o.to, at('functions', i, 'outputs', j, 'to')));
  });
  if (reserved > b.account.concurrencyLimit - 100 && reserved > 0)
    ctx.addIssue({ code: 'custom', path: at('functions'), message: `reserved concurrency adds up to ${reserved}: at most the account limit minus 100 (${b.account.concurrencyLimit - 100}) may be reserved, as Lambda keeps 100 unreserved` });
  if (!(durationSeconds(b.account.scaling.per) > 0)) ctx.addIssue({ code: 'custom', path: at('account', 'scaling', 'per'), message: 'must be greater than 0' });
  if (b.keepAlive.type === 'hybrid') {
    const k = b.keepAlive;
    if (!(durationSeconds(k.bin) > 0) || durationSeconds(k.range) < durationSeconds(k.bin)) ctx.addIssue({ code: 'custom', path: at('keepAlive'), message: 'the range must be at least one bin, and the bin more than 0' });
    if (k.head >= k.tail) ctx.addIssue({ code: 'custom', path: at('keepAlive', 'head'), message: `head (${k.head}) must be below tail (${k.tail})` });
  }
  b.gateways.forEach((g, i) => {
    ids(g.clients, 'clients', ['gateways', i]);
    const paths = new Set<string>();
    g.routes.forEach((r, j) => {
      if (paths.has(r.path)) ctx.addIssue({ code: 'custom', path: at('gateways', i, 'routes', j, 'path'), message: `duplicate route "${r.path}"` });
      paths.add(r.path);
      known(fns, 'function', r.function, at('gateways', i, 'routes', j, 'function'));
    });
  });
  b.http.forEach((h, i) => {
    if (h.arrival.type === 'trace' && h.arrival.data === undefined)
      ctx.addIssue({ code: 'custom', path: at('http', i, 'arrival', 'data'), message: 'HTTP sources replay traces given inline (data); files are read for workloads only' });
    const g = b.gateways.find((x) => x.id === h.gateway);
    if (!g) known(gateways, 'gateway', h.gateway, at('http', i, 'gateway'));
    else if (!g.routes.some((r) => r.path === h.route))
      ctx.addIssue({ code: 'custom', path: at('http', i, 'route'), message: `gateway "${g.id}" has no route "${h.route}" (routes: ${g.routes.map((r) => r.path).join(', ')})` });
  });
  b.queues.forEach((q, i) => {
    if (q.deadLetter !== undefined) {
      known(queues, 'queue', q.deadLetter, at('queues', i, 'deadLetter'));
      if (q.deadLetter === q.id) ctx.addIssue({ code: 'custom', path: at('queues', i, 'deadLetter'), message: 'a queue cannot be its own dead-letter queue' });
      const dl = b.queues.find((x) => x.id === q.deadLetter);
      if (dl && dl.type !== q.type) ctx.addIssue({ code: 'custom', path: at('queues', i, 'deadLetter'), message: `the dead-letter queue of a ${q.type} queue must be ${q.type} too ("${dl.id}" is ${dl.type})` });
    }
    if (!(durationSeconds(q.visibilityTimeout) > 0)) ctx.addIssue({ code: 'custom', path: at('queues', i, 'visibilityTimeout'), message: 'must be greater than 0' });
    if (q.type === 'fifo' && q.duplicateRate > 0) ctx.addIssue({ code: 'custom', path: at('queues', i, 'duplicateRate'), message: 'FIFO queues do not deliver duplicates: leave duplicateRate at 0' });
    if (q.serviceConsumer) {
      known(services as Set<string>, 'service', q.serviceConsumer.service, at('queues', i, 'serviceConsumer', 'service'));
      if (q.consumer) ctx.addIssue({ code: 'custom', path: at('queues', i, 'serviceConsumer'), message: 'a queue has one consumer: give consumer (a function) or serviceConsumer, not both' });
    }
    if (q.consumer) {
      known(fns, 'function', q.consumer.function, at('queues', i, 'consumer', 'function'));
      if (!(durationSeconds(q.consumer.pollInterval) > 0)) ctx.addIssue({ code: 'custom', path: at('queues', i, 'consumer', 'pollInterval'), message: 'must be greater than 0' });
    }
  });
  b.topics.forEach((t, i) => t.subscriptions.forEach((sub, j) => target(sub.to, at('topics', i, 'subscriptions', j, 'to'))));
  b.timers.forEach((t, i) => {
    known(fns, 'function', t.function, at('timers', i, 'function'));
    if ((t.cron === undefined) === (t.every === undefined)) ctx.addIssue({ code: 'custom', path: at('timers', i), message: 'give exactly one of cron or every' });
    if (t.cron !== undefined) {
      const c = parseCron(t.cron);
      if (!c.ok) ctx.addIssue({ code: 'custom', path: at('timers', i, 'cron'), message: c.errors.join('; ') });
    }
    if (t.every !== undefined && !(durationSeconds(t.every) > 0)) ctx.addIssue({ code: 'custom', path: at('timers', i, 'every'), message: 'must be greater than 0' });
  });
  b.buckets.forEach((x, i) => x.notify.forEach((t, j) => target(t, at('buckets', i, 'notify', j))));
  b.tables.forEach((x, i) => x.notify.forEach((t, j) => target(t, at('tables', i, 'notify', j))));
}
