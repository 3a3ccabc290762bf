/**
 * The billing form: prices per region (with exact prices per instance type), how pools are billed,
 * reserved commitments and their discounts, the spot market, storage, egress, function prices,
 * the idle-cost split and budgets per tenant.
 */
import { memo, useMemo } from 'react';
import { useT } from '../../i18n/messages';
import { CheckField, Rows, type RowColumn } from '../fields';
import { idsOf, type Doc, type DocPath } from '../docEdits';
import { groupIds, newBudget, newPriceRegion, newReservation, setFunctionPrice } from './blockEdits';
import { blockMessages } from './blocks.messages';
import { useInstanceTypes } from '../instanceTypes';
import { appendMade, BlockShell, fieldMaker, Group, Items, opts, useIds, withDefault } from './kit';

const scope = 'block:billing';
const B = ['billing'] as const;

/** One region's price multiplier and its exact prices per instance type. */
function RegionPrices({ path, index, regions }: { path: DocPath; index: number; regions: readonly string[] }) {
  const t = useT(blockMessages);
  const name = `${t('priceRegions')} ${index + 1}`;
  const f = fieldMaker(t, scope, name);
  const types = useInstanceTypes();
  const columns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'type', label: t('instanceType'), type: 'select', options: types.options, unlistedLabel: types.unlisted },
      { key: 'onDemand', label: t('onDemand'), type: 'number', hint: t('onDemandHint') },
    ],
    [t, types],
  );
  return (
    <>
      <div className="edit-grid">
        {f([...path, 'region'], 'region', 'select', `blk-billing-region-${index}-region`, { options: opts(regions) })}
        {f([...path, 'priceMultiplier'], 'priceMultiplier', 'number', `blk-billing-region-${index}-multiplier`, { hint: 'priceMultiplierHint' })}
      </div>
      <Rows
        scope={scope}
        path={[...path, 'instanceTypes']}
        columns={columns}
        newRow={() => ({ type: 'g.medium', onDemand: 0.1 })}
        editName={`${name} · ${t('typePrices')}`}
        itemLabel={t('typePrice')}
        caption={t('typePrices')}
        empty={t('noTypePrices')}
        dropWhenEmpty
        testId={`blk-billing-region-${index}-types`}
      />
    </>
  );
}

export const BillingForm = memo(function BillingForm() {
  const t = useT(blockMessages);
  const name = t('billing');
  const f = fieldMaker(t, scope, name);
  const publicRegions = useIds((d) => (Array.isArray(d.regions) ? (d.regions as Array<{ id?: unknown; kind?: unknown }>).filter((r) => r.kind !== 'private').map((r) => String(r.id)) : []));
  const pools = useIds((d) => idsOf(d, 'pool'));
  const services = useIds((d) => idsOf(d, 'service'));
  const groups = useIds((d) => [...idsOf(d, 'service'), ...groupIds(d)]);
  const types = useInstanceTypes();
  const poolColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'pool', label: t('pool'), type: 'select', options: opts(pools) },
      { key: 'billedAs', label: t('billedAs'), type: 'select', options: withDefault(t, t('auto'), ['instances', 'hosts']), hint: t('billedAsHint') },
      { key: 'monthly', label: t('monthly'), type: 'number', hint: t('monthlyHint') },
    ],
    [pools, t],
  );
  const reservedColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'region', label: t('region'), type: 'select', options: opts(publicRegions) },
      { key: 'type', label: t('instanceType'), type: 'select', options: types.options, unlistedLabel: types.unlisted },
      { key: 'count', label: t('count'), type: 'int', hint: t('reservedCountHint') },
      { key: 'term', label: t('term'), type: 'select', options: withDefault(t, '1y', ['1y', '3y']) },
      { key: 'upfront', label: t('upfront'), type: 'select', options: withDefault(t, 'none', ['none', 'partial', 'all']) },
      { key: 'tenant', label: t('tenant'), type: 'text', hint: t('reservedTenantHint') },
    ],
    [publicRegions, t, types],
  );
  const volumeColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'group', label: t('group'), type: 'select', options: opts(groups) },
      { key: 'sizeGB', label: t('sizeGB'), type: 'number' },
    ],
    [groups, t],
  );
  const responseColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'service', label: t('service'), type: 'select', options: opts(services) },
      { key: 'kb', label: t('responseKB'), type: 'number' },
      { key: 'requestKB', label: t('requestKB'), type: 'number', hint: t('requestKBHint') },
    ],
    [services, t],
  );
  const budgetColumns = useMemo<readonly RowColumn[]>(
    () => [
      { key: 'tenant', label: t('tenant'), type: 'text', hint: t('budgetTenantHint') },
      { key: 'monthly', label: t('budgetMonthly'), type: 'number' },
      { key: 'thresholds', label: t('thresholds'), type: 'numbers', hint: t('thresholdsHint') },
      { key: 'forecastAfter', label: t('forecastAfter'), type: 'duration', hint: t('forecastAfterHint') },
    ],
    [t],
  );
  const d = (term: '1y' | '3y', k: 'none' | 'partial' | 'all') => f([...B, 'discounts', term, k], k === 'none' ? 'upNone' : k === 'partial' ? 'upPartial' : 'upAll', 'number', `blk-billing-discount-${term}-${k}`);
  return (
    <BlockShell id="billing" name={name} absentNote={t('billingAbsent')}>
      <CheckField scope={scope} path={[...B, 'enabled']} label={t('enabled')} editName={`${name} · ${t('enabled')}`} testId="blk-billing-enabled" fallback />
      <div className="edit-grid">
        {f([...B, 'idleSplit'], 'idleSplit', 'select', 'blk-billing-idleSplit', {
          hint: 'idleSplitHint',
          options: withDefault(t, t('splitProportional'), [
            ['proportional', t('splitProportional')],
            ['even', t('splitEven')],
          ]),
        })}
      </div>
      <Group title={t('priceRegions')} note={t('priceRegionsNote')}>
        <Items
          scope={scope}
          path={[...B, 'regions']}
          itemLabel={t('priceRegion')}
          name={`${name} · ${t('priceRegions')}`}
          testId="blk-billing-regions"
          titleKey="region"
          add={appendMade([...B, 'regions'], newPriceRegion)}
          render={(p, i) => <RegionPrices path={p} index={i} regions={publicRegions} />}
        />
      </Group>
      <Rows scope={scope} path={[...B, 'pools']} columns={poolColumns} newRow={(doc: Doc) => ({ pool: idsOf(doc, 'pool')[0] ?? '', billedAs: 'hosts' })} editName={`${name} · ${t('poolBilling')}`} itemLabel={t('poolBill')} caption={t('poolBilling')} empty={t('noPoolBilling')} testId="blk-billing-pools" noAdd={pools.length === 0} />
      <Rows scope={scope} path={[...B, 'reserved']} columns={reservedColumns} newRow={newReservation} editName={`${name} · ${t('reserved')}`} itemLabel={t('reservation')} caption={t('reserved')} empty={t('noReserved')} testId="blk-billing-reserved" noAdd={publicRegions.length === 0} />
      <Group title={t('discounts')} note={t('discountsNote')}>
        <div className="edit-grid edit-grid-3">
          <span className="field-label">{t('term1y')}</span>
          {d('1y', 'none')}
          {d('1y', 'partial')}
          {d('1y', 'all')}
          <span className="field-label">{t('term3y')}</span>
          {d('3y', 'none')}
          {d('3y', 'partial')}
          {d('3y', 'all')}
        </div>
      </Group>
      <Group title={t('spot')} note={t('spotNote')}>
        <div className="edit-grid">
          {f([...B, 'spot', 'fraction'], 'spotFraction', 'number', 'blk-billing-spot-fraction', { hint: 'spotFractionHint' })}
          {f([...B, 'spot', 'volatility'], 'spotVolatility', 'number', 'blk-billing-spot-volatility', { hint: 'spotVolatilityHint' })}
          {f([...B, 'spot', 'reversion'], 'spotReversion', 'number', 'blk-billing-spot-reversion', { hint: 'spotReversionHint' })}
          {f([...B, 'spot', 'step'], 'spotStep', 'duration', 'blk-billing-spot-step', { hint: 'spotStepHint' })}
          {f([...B, 'spot', 'interruptionRate'], 'spotInterruptions', 'number', 'blk-billing-spot-interruptions', { hint: 'spotInterruptionsHint' })}
          {f([...B, 'spot', 'notice'], 'spotNotice', 'duration', 'blk-billing-spot-notice', { hint: 'spotNoticeHint' })}
        </div>
      </Group>
      <Group title={t('storage')}>
        <div className="edit-grid">{f([...B, 'storage', 'perGBMonth'], 'perGBMonth', 'number', 'blk-billing-storage-price', { hint: 'perGBMonthHint' })}</div>
        <Rows scope={scope} path={[...B, 'storage', 'volumes']} columns={volumeColumns} newRow={(doc: Doc) => ({ group: idsOf(doc, 'service')[0] ?? groupIds(doc)[0] ?? '', sizeGB: 50 })} editName={`${name} · ${t('volumes')}`} itemLabel={t('volume')} caption={t('volumes')} empty={t('noVolumes')} testId="blk-billing-volumes" noAdd={groups.length === 0} />
      </Group>
      <Group title={t('egress')}>
        <div className="edit-grid">
          {f([...B, 'egress', 'internetPerGB'], 'internetPerGB', 'number', 'blk-billing-egress-internet', { hint: 'internetPerGBHint' })}
          {f([...B, 'egress', 'crossRegionPerGB'], 'crossRegionPerGB', 'number', 'blk-billing-egress-region', { hint: 'crossRegionPerGBHint' })}
          {f([...B, 'egress', 'hybridPerGB'], 'hybridPerGB', 'number', 'blk-billing-egress-hybrid', { hint: 'hybridPerGBHint' })}
        </div>
        <Rows scope={scope} path={[...B, 'egress', 'responses']} columns={responseColumns} newRow={(doc: Doc) => ({ service: idsOf(doc, 'service')[0] ?? '', kb: 10 })} editName={`${name} · ${t('responses')}`} itemLabel={t('responseSize')} caption={t('responses')} empty={t('noResponses')} testId="blk-billing-responses" noAdd={services.length === 0} />
      </Group>
      <Group title={t('functionPrices')}>
        <div className="edit-grid">
          {f([...B, 'functions', 'perMillionRequests'], 'perMillion', 'number', 'blk-billing-fn-requests', { hint: 'perMillionHint', apply: (doc: Doc, v: unknown) => setFunctionPrice(doc, 'billing', 'perMillionRequests', v) })}
          {f([...B, 'functions', 'perGbSecond'], 'perGbSecond', 'number', 'blk-billing-fn-gbs', { hint: 'perGbSecondHint', apply: (doc: Doc, v: unknown) => setFunctionPrice(doc, 'billing', 'perGbSecond', v) })}
        </div>
      </Group>
      <Rows scope={scope} path={[...B, 'budgets']} columns={budgetColumns} newRow={newBudget} editName={`${name} · ${t('budgets')}`} itemLabel={t('budget')} caption={t('budgets')} empty={t('noBudgets')} testId="blk-billing-budgets" />
    </BlockShell>
  );
});

