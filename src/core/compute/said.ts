/**
 * What the compute model says (log reasons, operation results, invariant violations) as a code and
 * parameters beside the English text. The English comes from the templates below, so the CLI reads
 * the same sentences as before; a console can say the same thing in another language from the code
 * and the parameters. A parameter may itself be something said (a reason inside a reason).
 */

export type SaidParam = string | number | Said | readonly Said[];
export type SaidParams = Readonly<Record<string, SaidParam>>;

export interface Said {
  readonly code: ComputeTextCode;
  readonly params?: SaidParams;
  /** The English sentence. */
  readonly text: string;
}

/** English templates: `{name}` is a parameter (a nested Said contributes its text). */
import { fillTemplate } from '../text/template';

export const COMPUTE_TEXT = {
  // placement summaries (the scheduler's)
  placedScore: 'placed on {host} (score {score}; {examined} of {total} hosts examined, {feasible} feasible)',
  placedStrategy: 'placed on {host} ({strategy}; {examined} of {total} hosts examined, {feasible} feasible)',
  noHostAvailable: '0/{total} hosts available',
  noHostAvailableWhy: '0/{total} hosts available: {reasons}',
  countedReason: '{n} {reason}',
  preemptingOne: '{failure}; preemption: evicting {n} lower-priority instance on {host}',
  preemptingMany: '{failure}; preemption: evicting {n} lower-priority instances on {host}',
  // instances
  created: 'created ({type}, {kind})',
  refused: 'refused: {reason}',
  refusedMany: 'refused ({count} instances): {reason}',
  unschedulable: 'unschedulable: {summary}',
  preemptedByPriority: 'preempted by {by} (priority {priority} > {victimPriority})',
  preemptedBy: 'preempted by {by}',
  initialFleetProvisioned: 'initial fleet: already provisioned',
  initialFleet: 'initial fleet',
  bootingOn: 'booting on {host}',
  startingOn: 'starting on {host}',
  movedOff: 'moved off {from}: {name} runs on {host}',
  readyAfter: 'ready after {span}',
  notNeeded: 'not needed: {name} ended ({reason})',
  notReplacedSlot: 'not replaced: replica slot {slot} was removed',
  notReplaced: 'not replaced: {reason}',
  replacing: 'replacing {name} ({state} at {at})',
  lostWithHost: 'lost with host {host}',
  lifetimeOver: 'lifetime over',
  drainedInstance: 'drained',
  terminatedByOperator: 'terminated by the operator',
  spotNotice: 'spot interruption notice ({reason}): terminated in {span}',
  spotReclaimed: 'spot interruption: capacity reclaimed at the end of the notice',
  spotPriceAbove: 'spot price ${price}/h above the maximum ${max}/h',
  spotCapacityReclaimed: 'capacity reclaimed',
  migrationStarted: 'live migration {from} → {to} started: {span} expected, {pause} ms pause',
  migrationPaused: 'paused for the final copy ({pause} ms): its requests wait',
  migrated: 'migrated {from} → {to}',
  migratedResized: 'migrated {from} → {to}, now {type}',
  migrationAbandoned: 'migration to {host} abandoned',
  resizedInPlace: 'resized in place {old} → {type} on {host}',
  cannotLeave: 'cannot leave {host}: {error}',
  evictedByDrain: 'evicted by the drain of {host}',
  replicaAdded: 'replica slot {slot} of {service} added',
  replicaRemoved: 'removed: {reason}',
  replicaCancelled: 'cancelled: {reason}',
  movingOff: 'moving {name} off {host} (scale-down): {name} stops when this one runs',
  scaleDownOfAbandoned: 'scale-down of {host} abandoned',
  // hosts, zones, links
  hostFailureInjected: 'host failure (fault injected)',
  randomFailure: 'random failure (MTBF)',
  killedByOperator: 'killed by the operator',
  repaired: 'repaired',
  zoneOutage: 'zone outage',
  zoneDown: 'zone {zone} down',
  zoneRestored: 'zone restored',
  linkCut: 'link cut',
  linkRestored: 'link restored',
  cordonedForDrain: 'cordoned for drain',
  drainedHost: 'drained: no instances left',
  uncordoned: 'uncordoned',
  consolidationEmptying: 'consolidation: emptying (cpu {pct} % allocated)',
  poweredDown: 'powered down (empty after consolidation)',
  poweringOn: 'powering on for pending instances',
  poweredOn: 'powered on',
  provisioningCa: 'provisioning for pending instances (cluster autoscaler): ready in {span}',
  provisionedCa: 'provisioned: joins its pool',
  cordonedScaleDown: 'cordoned for scale-down (cluster autoscaler: {reason})',
  deprovisioned: 'deprovisioned (cluster autoscaler scale-down)',
  scaleDownAbandoned: 'scale-down abandoned: {reason}',
  // operations (log entries and results)
  createOp: 'create {count} × {type}',
  consolidateOp: 'consolidate below {pct} %: {n} host(s) emptied',
  opCreated: 'created {names}',
  opTerminated: '{instance} terminated',
  opResizedInPlace: '{instance} resized to {type} in place',
  opResizedByMigration: '{instance} resized to {type} by live migration to {host}',
  opMigrating: '{instance} migrating to {host}',
  opDraining: '{host} draining',
  opUncordoned: '{host} back in service',
  opEmptying: 'emptying {hosts}',
  opNothingToConsolidate: 'nothing to consolidate',
  opKilled: '{host} killed',
  opZoneDown: 'zone {zone} down',
  opLinkCut: 'link {a}↔{b} cut',
  // operation errors
  errNoInstance: 'no instance named "{name}"',
  errNoHost: 'no host named "{host}"',
  errNoZone: 'no zone named "{zone}"',
  errUnknownType: 'unknown instance type "{type}"',
  errNotProvisioned: '{host} is not provisioned',
  errNotProvisionedBooting: '{host} is not provisioned yet (booting)',
  errAlreadyFailed: '{host} has already failed',
  errAlreadyEnded: '{name} has already ended',
  errMigrateNotRunning: '{name} is {state}; only a running instance can be migrated',
  errMigrateContainer: '{name} is a container: containers are rescheduled, not live-migrated',
  errAlreadyMigrating: '{name} is already migrating',
  errAlreadyOn: '{name} is already on {host}',
  errTakesNone: '{host} takes no instances (failed, powered off or cordoned)',
  errCannotTake: '{host} cannot take {name}: {reason}',
  errNowhere: 'nowhere to migrate {name}: {summary}',
  errNoPath: 'no network path from {from} to {to}',
  errResizeNotRunning: '{name} is {state}; only a running instance can be resized',
  errResizeMigrating: '{name} is being migrated; resize it when the migration is over',
  errResizeContainer: '{host} lacks room to resize container {name}, and containers are not live-migrated',
  errBeingEmptied: '{host} is already being emptied by the cluster autoscaler',
  // invariant violations
  invariantViolated: 'INVARIANT VIOLATED: {detail}',
  vOverCapacity: '{host} over capacity while {during}: cpu {cpu}/{cpuCap}, memory {mem}/{memCap}',
  vFailedHolds: '{host} is failed but holds instances ({during})',
  vOffHolds: '{host} is powered off but holds instances ({during})',
  vIsolation: '{host} {problem} ({during})',
  vDedicated: '{name} (tenant {tenant}) on {host} dedicated to {owner}',
  vAntiAffinity: '{host} runs {n} instances of {group}',
  vStillBound: '{name} is {state} but still bound to {host}',
  vTable: '{host}: table says cpu {cpu}, memory {mem}; instances add up to {cpuSum}, {memSum}',
  vEmptyTable: '{host} is empty but the table says cpu {cpu}, memory {mem} when deprovisioning it',
  // tenant quota refusals (quotaRefusalSaid below)
  quotaTenant: 'tenant {tenant}',
  quotaTenantRegion: 'tenant {tenant} in {region}',
  quotaCpu: '{who}: requests.cpu would be {would}/{cap}',
  quotaMemory: '{who}: requests.memory would be {would}/{cap} GiB',
  quotaInstances: '{who}: instances would be {would}/{cap}',
  // a service's autoscaler removing replicas (src/core/sim/scaling.ts)
  scaledDown: 'scaled down ({why})',
  scaledDownBeforeReady: 'scaled down before it was ready ({why})',
  byAutoscaler: 'autoscaler ({policy})',
  serviceDeleted: 'service deleted',
  scaledDownDrained: 'scaled down: drained',
  // the cluster autoscaler's decisions (cluster-autoscaler.ts); `{n|one|other}` picks an English plural by n
  caNoScaleUp: 'no scale-up: {reason}',
  caNoScaleDown: 'no scale-down: {reason}',
  caWaitBooting: '{n} pending {n|instance|instances} {n|waits|wait} for {hosts} {hosts|host|hosts} being provisioned',
  caWaitNote: '; {n} {n|other|others} {n|waits|wait} for {hosts} {hosts|host|hosts} being provisioned',
  caFitsNoPool: '{n} pending {n|instance|instances} {n|fits|fit} no pool ({why}){note}',
  caNoPoolAutoscaled: 'no pool is autoscaled',
  caPoolZoneDown: '{pool}: zone {zone} down',
  caPoolAtMax: '{pool}: at maxCount {max}',
  caPoolRefused: '{pool}: {reasons}',
  caCountedReason: '{n} {reason}',
  caBeyondMax: '{n} beyond maxCount {max}',
  caJoin: '{a}; {b}',
  caScaleUp: 'scale-up {pool} +{hosts} (expander {expander}: {n} pending {n|instance|instances} {n|fits|fit}; waste {waste} %; {how}){note}',
  caHowRandom: 'chosen at random among {n} {n|pool|pools}',
  caHowCheapest: '{price} USD/h per instance',
  caHowLeastWaste: 'least waste of {n} {n|pool|pools}',
  caNotReplicated: 'is not replicated: moving it would lose it',
  caCannotMove: '{name} {why}',
  caFitsNowhere: '{name} fits on no other host ({summary})',
  caBlocked: '{host}: {why}',
  caBlockedNote: '; {list}',
  caBlockedNoteMore: '; {list}; and {n} more',
  caUnderused: '{n} underused {n|host|hosts} cannot be emptied{note}',
  caKept: '{n} unneeded {n|host|hosts} kept: scale-down resumes at {at}, {delay} after the last scale-up',
  caScaleDownEmpty: 'scale-down {pool} −{n}: {hosts} empty and unneeded for {since}',
  caEmptyUnneeded: 'empty and unneeded',
  caScaleDownMove: 'scale-down {pool} −1: moving {n} {n|instance|instances} off {host} (cpu {cpu} %, memory {mem} % of allocatable; unneeded for {since})',
  caUnneededFor: 'unneeded for {since}',
  caAtMinCount: '{pool} at minCount {min}',
  caAtMin: '{hosts} unneeded, but {pools}{note}',
  caAbandoned: 'scale-down of {host} abandoned: {reason}',
  caHostFailed: 'the host failed',
  caCannotLeave: '{name} cannot leave: {error}',
  caNotEmpty: 'not empty after {span} ({n} {n|instance|instances} left)',
} as const;

export type ComputeTextCode = keyof typeof COMPUTE_TEXT;


function paramText(p: SaidParam | undefined): string | undefined {
  if (p === undefined) return undefined;
  if (isSaidList(p)) return p.map((x) => x.text).join(', ');
  return typeof p === 'object' ? p.text : String(p);
}

export function isSaidList(p: SaidParam): p is readonly Said[] {
  return Array.isArray(p);
}

/** Something said: its code, parameters and English text. */
export function say(code: ComputeTextCode, params?: SaidParams): Said {
  const template: string = COMPUTE_TEXT[code];
  // `{name}`, or `{name|one|other}` (see ../text/template: the console's catalogs read the same syntax).
  const text = params ? fillTemplate(template, (name) => paramText(params[name])) : template;
  return params ? { code, params, text } : { code, text };
}

/** A reason given as plain text (from outside the compute model) or as something said. */
export type Reason = string | Said;

export function reasonText(r: Reason): string {
  return typeof r === 'string' ? r : r.text;
}

/** An Error that also carries what was said, so a console can translate it. */
export class SaidError extends Error {
  readonly said: Said;
  constructor(said: Said) {
    super(said.text);
    this.said = said;
  }
}

export function fail(code: ComputeTextCode, params?: SaidParams): SaidError {
  return new SaidError(say(code, params));
}

/** A tenant quota's refusal as data: whose quota (and which region's), the resource, what the usage would be, and the cap. */
export interface QuotaRefusal {
  readonly tenant: string;
  /** The region whose cap it passes; null: the tenant's overall cap. */
  readonly region: string | null;
  readonly resource: 'cpu' | 'memory' | 'instances';
  readonly would: number;
  readonly cap: number;
}

const quotaFigure = (x: number): string => String(Math.round(x * 1000) / 1000);

/** A quota refusal as something said ("tenant acme: requests.cpu would be 68/64"): the compute log's reason, the CLI's sentence and the console's wording in any language. */
export function quotaRefusalSaid(r: QuotaRefusal): Said {
  const who = r.region === null ? say('quotaTenant', { tenant: r.tenant }) : say('quotaTenantRegion', { tenant: r.tenant, region: r.region });
  if (r.resource === 'cpu') return say('quotaCpu', { who, would: quotaFigure(r.would), cap: quotaFigure(r.cap) });
  if (r.resource === 'memory') return say('quotaMemory', { who, would: quotaFigure(r.would), cap: quotaFigure(r.cap) });
  return say('quotaInstances', { who, would: r.would, cap: r.cap });
}
