/** The actions offered on a host (context menu and inspector), with why one is not available. Display only. */
import type { ComputeOperation } from '../../workers/sim.worker';

import { HOST_CORDONED as CORDONED, HOST_FAILED as FAILED } from '../../workers/wire';

export interface HostAction {
  key: 'kill' | 'drain' | 'uncordon';
  label: string;
  /** For the result line: "Kill host pool-a-0". */
  what: string;
  op: ComputeOperation;
  /** Why it is not available now, or null. */
  disabled: string | null;
  title: string;
  danger: boolean;
}

export function hostActions(hostId: string, flags: number): HostAction[] {
  const failed = (flags & FAILED) !== 0;
  const cordoned = (flags & CORDONED) !== 0;
  return [
    {
      key: 'kill',
      label: 'Kill host',
      what: `Kill host ${hostId}`,
      op: { op: 'kill-host', host: hostId },
      disabled: failed ? `${hostId} has already failed` : null,
      title: 'Fail the host now: its instances are lost and replaced after the detection delay',
      danger: true,
    },
    {
      key: 'drain',
      label: 'Drain',
      what: `Drain ${hostId}`,
      op: { op: 'drain', host: hostId },
      disabled: failed ? `${hostId} has failed` : cordoned ? `${hostId} is already cordoned` : null,
      title: 'Cordon the host and move everything off it (VMs live-migrate, containers are replaced)',
      danger: false,
    },
    {
      key: 'uncordon',
      label: 'Uncordon',
      what: `Uncordon ${hostId}`,
      op: { op: 'uncordon', host: hostId },
      disabled: cordoned ? null : `${hostId} is not cordoned`,
      title: 'Put the host back into service',
      danger: false,
    },
  ];
}
