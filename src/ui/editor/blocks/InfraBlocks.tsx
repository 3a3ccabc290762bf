/**
 * Forms of the network (latencies, links between regions: hybrid VPNs and dedicated lines), the
 * cluster autoscaler and the instance groups (IaaS instances outside any service).
 */
import { memo, useMemo } from 'react';
import { useT } from '../../i18n/messages';
import { selectElement, useEditor } from '../editStore';
import { CheckField, JsonField, Rows, type RowColumn } from '../fields';
import { idsOf, zonesOf, type Doc, type DocPath } from '../docEdits';
import { newGroup, newLink, removeGroup, renameItem } from './blockEdits';
import { blockMessages } from './blocks.messages';
import { useInstanceTypes } from '../instanceTypes';
import { DistributionField } from '../ValueEditors';
import { appendMade, BlockShell, fieldMaker, Group, idAt, Items, useIds, withDefault, type Opts, type T } from './kit';

const linkKinds = (t: T): Opts => [
  ['', t('defaultOpt', { value: t('linkBackbone') })],
  ['backbone', t('linkBackbone')],
  ['vpn', t('linkVpn')],
  ['dedicated', t('linkDedicated')],
];

export const NetworkForm = memo(function NetworkForm() {
  const t = useT(blockMessages);
  const scope = 'block:network';
  const name = t('network');
  const regions = useIds((d) => idsOf(d, 'region'));
  const f = fieldMaker(t, scope, name);
  const at = ['network'];
  const columns = useMemo<readonly RowColumn[]>(() => {
    const r: Opts = regions.map((x) => [x, x] as const);
    return [
      { key: 'from', label: t('linkFrom'), type: 'select', options: r, path: ['between', 0] },
      { key: 'to', label: t('linkTo'), type: 'select', options: r, path: ['between', 1] },
      { key: 'kind', label: t('linkKind'), type: 'select', options: linkKinds(t), hint: t('linkKindHint') },
      { key: 'latency', label: t('latency'), type: 'duration', hint: t('latencyHint') },
      { key: 'bandwidthGbps', label: t('bandwidth'), type: 'number', hint: t('bandwidthHint') },
    ];
  }, [regions, t]);
  const canLink = regions.length >= 2;
  const hasNetwork = useEditor((s) => s.doc?.network !== undefined);
  return (
    <>
      <div className="edit-grid">
        {f([...at, 'sameZone'], 'sameZone', 'duration', 'blk-network-sameZone', { hint: 'sameZoneHint' })}
        {f([...at, 'crossZone'], 'crossZone', 'duration', 'blk-network-crossZone', { hint: 'crossZoneHint' })}
        {f([...at, 'crossRegion'], 'crossRegion', 'duration', 'blk-network-crossRegion', { hint: 'crossRegionHint' })}
        {f([...at, 'hostBandwidthGbps'], 'hostBandwidth', 'number', 'blk-network-hostBandwidth', { hint: 'hostBandwidthHint' })}
      </div>
      <Rows
        scope={scope}
        path={[...at, 'links']}
        columns={columns}
        newRow={(d: Doc) => newLink(d) ?? {}}
        editName={`${name} · ${t('links')}`}
        itemLabel={t('link')}
        caption={t('links')}
        empty={t('noLinks')}
        testId="blk-network-links"
        noAdd={!canLink}
      />
      {!canLink && <p className="note">{t('linksNeedRegions')}</p>}
      {hasNetwork && <JsonField scope={scope} path={at} editName={name} testId="block-network-json" />}
    </>
  );
});

export const ClusterAutoscalerForm = memo(function ClusterAutoscalerForm() {
  const t = useT(blockMessages);
  const scope = 'block:clusterAutoscaler';
  const name = t('clusterAutoscaler');
  const f = fieldMaker(t, scope, name);
  const pools = useIds((d) => idsOf(d, 'pool'));
  const at = ['clusterAutoscaler'];
  return (
    <BlockShell id="clusterAutoscaler" name={name} absentNote={t('caAbsent')}>
      <CheckField scope={scope} path={[...at, 'enabled']} label={t('enabled')} editName={`${name} · ${t('enabled')}`} testId="blk-ca-enabled" fallback />
      <div className="edit-grid">
        {f([...at, 'expander'], 'expander', 'select', 'blk-ca-expander', { hint: 'expanderHint', options: withDefault(t, 'random', CLUSTER_AUTOSCALER_EXPANDERS) })}
        {f([...at, 'scanInterval'], 'scanInterval', 'duration', 'blk-ca-scanInterval', { hint: 'scanIntervalHint' })}
        {f([...at, 'scaleDownUtilizationThreshold'], 'utilThreshold', 'number', 'blk-ca-threshold', { hint: 'utilThresholdHint' })}
        {f([...at, 'scaleDownUnneededTime'], 'unneededTime', 'duration', 'blk-ca-unneeded', { hint: 'unneededTimeHint' })}
        {f([...at, 'scaleDownDelayAfterAdd'], 'delayAfterAdd', 'duration', 'blk-ca-delay', { hint: 'delayAfterAddHint' })}
        <DistributionField scope={scope} path={[...at, 'provisioningTime']} label={t('provisioningTime')} context={name} testId="blk-ca-provisioning" allowDuration unsetLabel={t('defaultOpt', { value: '120 s' })} fallbackMean={120} />
      </div>
      <Group title={t('caPools')} note={t('caPoolsNote')}>
        <ul className="edit-list">
          {pools.map((p) => (
            <li key={p}>
              <button type="button" className="linkish" onClick={() => selectElement({ kind: 'pool', id: p })} data-testid={`blk-ca-pool-${p}`}>
                {p}
              </button>
            </li>
          ))}
        </ul>
      </Group>
    </BlockShell>
  );
});

/** The schema's expanders (scenario/schema.ts CLUSTER_AUTOSCALER_EXPANDERS). */
const CLUSTER_AUTOSCALER_EXPANDERS = ['random', 'least-waste', 'cheapest'] as const;

const PLACEMENT_KINDS = ['vm', 'container'] as const;

/** The fields of one instance group. */
function GroupFields({ path, index }: { path: DocPath; index: number }) {
  const t = useT(blockMessages);
  const scope = 'block:instances';
  const f = fieldMaker(t, scope, `${t('instances')} ${index + 1}`);
  const zones = useIds((d) => zonesOf(d).map((z) => z.zone));
  const types = useInstanceTypes();
  const p = [...path, 'placement'];
  const tp = `blk-group-${index}`;
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'id'], 'id', 'text', `${tp}-id`, { hint: 'renameHint', apply: (d: Doc, v: unknown) => renameItem(d, 'group', path, v) })}
        {f([...path, 'type'], 'instanceType', 'select', `${tp}-type`, { hint: 'instanceTypeHint', options: types.options, unlistedLabel: types.unlisted })}
        {f([...path, 'count'], 'count', 'int', `${tp}-count`, { hint: 'countHint' })}
        {f([...path, 'at'], 'createdAt', 'duration', `${tp}-at`, { hint: 'createdAtHint' })}
        {f([...path, 'lifetime'], 'lifetime', 'duration', `${tp}-lifetime`, { hint: 'lifetimeHint' })}
        {f([...p, 'kind'], 'placementKind', 'select', `${tp}-kind`, { options: withDefault(t, 'vm', PLACEMENT_KINDS) })}
        {f([...p, 'priority'], 'priority', 'int', `${tp}-priority`, { hint: 'priorityHint' })}
        {f([...p, 'tenant'], 'tenant', 'text', `${tp}-tenant`)}
        {f([...p, 'pricing'], 'pricing', 'select', `${tp}-pricing`, { options: withDefault(t, 'on-demand', ['on-demand', 'spot']) })}
        {f([...p, 'spotMaxPrice'], 'spotMaxPrice', 'number', `${tp}-spotMax`, { hint: 'spotMaxPriceHint' })}
        {f([...p, 'zones'], 'zones', 'words', `${tp}-zones`, { hint: 'zonesHint' })}
        {f([...p, 'spread', 'maxSkew'], 'maxSkew', 'int', `${tp}-skew`, { hint: 'maxSkewHint' })}
      </div>
      <CheckField scope={scope} path={[...p, 'antiAffinity']} label={t('antiAffinity')} editName={`${t('instances')} ${index + 1} · ${t('antiAffinity')}`} testId={`${tp}-anti`} />
      {zones.length > 0 && <p className="hint">{t('zonesKnown', { zones: zones.join(', ') })}</p>}
    </>
  );
}

export const InstancesForm = memo(function InstancesForm() {
  const t = useT(blockMessages);
  const name = t('instances');
  return (
    <BlockShell id="instances" name={name} absentNote={t('instancesAbsent')}>
      <Items
        scope="block:instances"
        path={['instances']}
        itemLabel={t('instanceGroup')}
        name={name}
        testId="blk-groups"
        add={appendMade(['instances'], newGroup)}
        remove={(d, i) => removeGroup(d, idAt(d, ['instances', i]))}
        render={(p, i) => <GroupFields path={p} index={i} />}
      />
    </BlockShell>
  );
});
