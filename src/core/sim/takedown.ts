/**
 * Taking down a service without an autoscaler (service:delete). A running simulation cannot remove
 * a service from the graph, so, as for an autoscaled service (ServiceScaling.takeDown), every
 * replica leaves for good: ready ones leave the rotation and finish the requests they hold (then
 * their machines go), and its requests fail from then on as they do when no replica is up. A fixed
 * service has no controller that could start a replica again, and its placed replicas' slots are
 * given up in the compute model, so nothing brings it back in this run (not even the replacement
 * of a failed instance).
 */
import type { Kernel } from '../engine/kernel';
import { SLOT_DRAINING, SLOT_READY, SLOT_STARTING, type ServiceRuntime } from '../model/service';
import { say } from '../compute/said';
import type { ReplicaMachines } from './scaling';

export class FixedServiceTakedown {
  /** When each taken-down service (by index) was taken down, in simulated seconds. */
  private readonly deleted = new Map<number, number>();

  constructor(
    private readonly kernel: Kernel,
    private readonly services: readonly ServiceRuntime[],
    /** The compute model for services placed on hosts, else null. */
    private readonly machines: (service: number) => ReplicaMachines | null,
  ) {}

  /** When the service was taken down, or null. */
  deletedAt(service: number): number | null {
    return this.deleted.get(service) ?? null;
  }

  /** Takes the service down now; a second call does nothing. */
  takeDown(service: number): void {
    if (this.deleted.has(service)) return;
    const now = this.kernel.now;
    this.deleted.set(service, now);
    const s = this.services[service]!;
    s.close(now);
    const machines = this.machines(service);
    for (let r = 0; r < s.size; r++) {
      const st = s.slot[r];
      if (st === SLOT_STARTING) {
        s.cancelSlot(r, now);
        machines?.removeReplica(service, r, say('scaledDownBeforeReady', { why: say('serviceDeleted') }));
      } else if (st === SLOT_READY) {
        if (s.drainSlot(r, now)) this.release(service, r);
      } else if (st !== SLOT_DRAINING) {
        // An absent slot may still have a machine on its way (none for a fixed service today): give it up.
        machines?.removeReplica(service, r, say('serviceDeleted'));
      }
    }
  }

  /**
   * A draining replica of a taken-down service finished its last request: it leaves, and its
   * machine goes. Returns false when the service was not taken down here (not ours to handle).
   */
  drained(service: number, slot: number): boolean {
    if (!this.deleted.has(service)) return false;
    const s = this.services[service]!;
    if (s.slot[slot] !== SLOT_DRAINING) return true;
    this.release(service, slot);
    return true;
  }

  private release(service: number, slot: number): void {
    this.services[service]!.releaseSlot(slot, this.kernel.now);
    this.machines(service)?.removeReplica(service, slot, say('scaledDown', { why: say('serviceDeleted') }));
  }
}
