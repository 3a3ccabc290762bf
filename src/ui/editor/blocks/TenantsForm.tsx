/**
 * The tenants form: each tenant's weight, isolation, quotas (overall and per region) and the
 * container limit default; add and remove tenants (the removal lists what still names one).
 */
import { memo, useMemo } from 'react';
import { useT } from '../../i18n/messages';
import { Rows, type RowColumn } from '../fields';
import { idsOf, type Doc, type DocPath } from '../docEdits';
import { newTenant, removeTenant, renameItem } from './blockEdits';
import { blockMessages } from './blocks.messages';
import { appendMade, BlockShell, fieldMaker, Group, idAt, Items, useIds, withDefault, type Opts, type T } from './kit';

const isolations = (t: T): Opts =>
  withDefault(t, t('isoShared'), [
    ['shared', t('isoShared')],
    ['dedicated-hosts', t('isoDedicated')],
    ['separate-pool', t('isoPool')],
  ]);

function TenantFields({ path, index }: { path: DocPath; index: number }) {
  const t = useT(blockMessages);
  const scope = 'block:tenants';
  const name = `${t('tenants')} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const regions = useIds((d) => idsOf(d, 'region'));
  const tp = `blk-tenant-${index}`;
  const q = [...path, 'quota'];
  const columns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'region', label: t('region'), type: 'select', options: regions.map((r) => [r, r] as const) },
      { key: 'vcpu', label: t('quotaVcpu'), type: 'number' },
      { key: 'memoryGiB', label: t('quotaMemory'), type: 'number' },
      { key: 'instances', label: t('quotaInstances'), type: 'int' },
    ],
    [regions, t],
  );
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'id'], 'id', 'text', `${tp}-id`, { hint: 'tenantIdHint', apply: (d: Doc, v: unknown) => renameItem(d, 'tenant', path, v) })}
        {f([...path, 'weight'], 'weight', 'number', `${tp}-weight`, { hint: 'weightHint' })}
        {f([...path, 'isolation'], 'isolation', 'select', `${tp}-isolation`, { hint: 'isolationHint', options: isolations(t) })}
        {f([...path, 'limitDefaults', 'containerLimitFactor'], 'limitFactor', 'number', `${tp}-limitFactor`, { hint: 'limitFactorHint' })}
      </div>
      <Group title={t('quota')} note={t('quotaNote')}>
        <div className="edit-grid">
          {f([...q, 'vcpu'], 'quotaVcpu', 'number', `${tp}-quota-vcpu`, { hint: 'quotaVcpuHint' })}
          {f([...q, 'memoryGiB'], 'quotaMemory', 'number', `${tp}-quota-memory`)}
          {f([...q, 'instances'], 'quotaInstances', 'int', `${tp}-quota-instances`)}
        </div>
        {regions.length > 0 && (
          <Rows
            scope={scope}
            path={[...q, 'perRegion']}
            columns={columns}
            newRow={() => ({ region: regions[0], vcpu: 16 })}
            editName={`${name} · ${t('perRegion')}`}
            itemLabel={t('regionQuota')}
            caption={t('perRegion')}
            empty={t('noPerRegion')}
            dropWhenEmpty
            testId={`${tp}-perRegion`}
          />
        )}
      </Group>
    </>
  );
}

export const TenantsForm = memo(function TenantsForm() {
  const t = useT(blockMessages);
  const name = t('tenants');
  return (
    <BlockShell id="tenants" name={name} absentNote={t('tenantsAbsent')}>
      <Items
        scope="block:tenants"
        path={['tenants']}
        itemLabel={t('tenant')}
        name={name}
        testId="blk-tenants"
        add={appendMade(['tenants'], newTenant)}
        remove={(d, i) => removeTenant(d, idAt(d, ['tenants', i]))}
        render={(p, i) => <TenantFields path={p} index={i} />}
      />
    </BlockShell>
  );
});
