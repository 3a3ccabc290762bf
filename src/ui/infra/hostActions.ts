/** The actions offered on a host (context menu and inspector), with why one is not available. Display only. */
import type { ComputeOperation } from '../../workers/sim.worker';

import { HOST_CORDONED as CORDONED, HOST_FAILED as FAILED } from '../../workers/wire';
import { translate } from '../i18n/messages';
import { infraMessages as m } from './messages';

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

/** Labels in the language chosen now (callers re-render on a language change). */
export function hostActions(hostId: string, flags: number): HostAction[] {
  const failed = (flags & FAILED) !== 0;
  const cordoned = (flags & CORDONED) !== 0;
  const host = { host: hostId };
  return [
    {
      key: 'kill',
      label: translate(m, 'killHost'),
      what: translate(m, 'whatKill', host),
      op: { op: 'kill-host', host: hostId },
      disabled: failed ? translate(m, 'alreadyFailed', host) : null,
      title: translate(m, 'killTitle'),
      danger: true,
    },
    {
      key: 'drain',
      label: translate(m, 'drain'),
      what: translate(m, 'whatDrain', host),
      op: { op: 'drain', host: hostId },
      disabled: failed ? translate(m, 'hasFailed', host) : cordoned ? translate(m, 'alreadyCordoned', host) : null,
      title: translate(m, 'drainTitle'),
      danger: false,
    },
    {
      key: 'uncordon',
      label: translate(m, 'uncordon'),
      what: translate(m, 'whatUncordon', host),
      op: { op: 'uncordon', host: hostId },
      disabled: cordoned ? null : translate(m, 'notCordoned', host),
      title: translate(m, 'uncordonTitle'),
      danger: false,
    },
  ];
}
