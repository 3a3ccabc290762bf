/**
 * The compact encoding of compute snapshots, shared by the worker (which writes it) and the page
 * (which reads it). No imports, so the page can use these constants without pulling worker code in.
 */

/** Instance states by code (the index is the code sent in the instance table). */
export const INSTANCE_STATE_NAMES = ['pending', 'scheduled', 'provisioning', 'running', 'draining', 'terminated', 'failed'] as const;
export type WireInstanceState = (typeof INSTANCE_STATE_NAMES)[number];

/** Host flag bits in `HostLive.flags`. */
export const HOST_FAILED = 1;
export const HOST_POWERED_ON = 2;
export const HOST_CORDONED = 4;
export const HOST_SCHEDULABLE = 8;
/** The host exists (initial fleet, or provisioned by the cluster autoscaler); without it the slot is empty. */
export const HOST_PROVISIONED = 16;
/** The cluster autoscaler is booting it. */
export const HOST_BOOTING = 32;

/** Instance flag bits in `InstanceDelta.flags`. */
export const INSTANCE_MIGRATING = 1;

/** Keep-alive presets the console offers (fixed 10 min as AWS, fixed 20 min as Azure, the hybrid histogram policy). */
export const KEEP_ALIVE_CHOICES = ['fixed-10m', 'fixed-20m', 'hybrid'] as const;

/**
 * Messages outside Comlink (no `id`, so Comlink ignores them on both sides). A worker posts
 * `{ [BEAT_MESSAGE]: true }` from inside a long synchronous call (run to the end) to show the page
 * it is alive; the page's test hooks post `{ [TEST_HOOK_MESSAGE]: 'hang' }` to make a worker hang.
 */
export const BEAT_MESSAGE = 'cumuloBeat';
export const TEST_HOOK_MESSAGE = 'cumuloTestHook';
