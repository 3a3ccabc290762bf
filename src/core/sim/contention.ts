/**
 * CPU contention on hosts (noisy neighbours) and CPU limits (burstable containers), for service
 * replicas placed on hosts.
 *
 * A replica's work is given in seconds at its CPU request. A replica with k of its c slots busy
 * wants k/c of its CPU limit (the limit equals the request unless a container sets `limits`). A
 * host has its physical vCPU (overcommit lets the scheduler place more requests than that, not run
 * them faster). When the replicas on a host want more than it has, each gets its want scaled by
 * physical / wanted (proportional sharing, like CFS under uniform shares); otherwise each gets
 * what it wants. A request's speed, relative to running at its request, is therefore
 * (limit / request) × min(1, physical / wanted).
 *
 * The speed is read when the request starts and holds for its whole work (requests already running
 * are not slowed or sped up by later changes): an approximation that keeps one event per request.
 * Instances outside services (IaaS groups) have no load model and are counted idle.
 */
import type { ComputeModel } from '../compute/compute';
import type { ServiceRuntime } from '../model/service';

/** The speed of a request starting now on a replica slot (after it took its slot). */
export function replicaSpeed(compute: ComputeModel, services: readonly ServiceRuntime[], service: number, slot: number): number {
  const inst = compute.replicaInstance(service, slot);
  if (inst === null) return 1;
  const h = inst.host;
  const physical = compute.hosts.vcpu[h]!;
  let wanted = 0;
  for (const i of compute.instancesOnHost(h)) {
    const x = compute.instances[i]!;
    const rep = x.replica;
    if (rep === null || (x.state !== 'running' && x.state !== 'draining')) continue;
    const s = services[rep.service]!;
    const c = s.cfg.concurrency;
    const busy = s.inService[rep.slot] ?? 0;
    wanted += ((busy < c ? busy : c) / c) * x.limitCpu;
  }
  const share = wanted > physical ? physical / wanted : 1;
  return (inst.limitCpu / inst.cpu) * share;
}
