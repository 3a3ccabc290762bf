/**
 * The billing panel's sentences built from the bill's data (categories, pricing models, line-item
 * resources, budget alerts, recommendations, re-run skips and refusals), in the language of the
 * translate function given. The worker's English prose stays for the CLI and the CSV.
 */
import type { BillErrorCode, BudgetAlert, LineItem, Recommendation, RecommendationDetail, ResourceLabel, RerunSkip } from '../../workers/billing';
import type { Translate } from '../i18n/messages';
import type { BillingKey } from './messages';
import { formatUsd } from './billingPoints';

type T = Translate<BillingKey>;

/** A share as a whole percentage ("80 %"), as the core writes it in its sentences. */
const pct = (x: number): string => `${Math.round(x * 100)} %`;

const CATEGORY: Readonly<Record<LineItem['category'], BillingKey>> = {
  instance: 'catInstance',
  minimum: 'catMinimum',
  allocation: 'catAllocation',
  idle: 'catIdle',
  'unused-reservation': 'catUnusedReservation',
  storage: 'catStorage',
  egress: 'catEgress',
  function: 'catFunction',
};

export function categoryName(t: T, category: string): string {
  const key = CATEGORY[category as LineItem['category']];
  return key ? t(key) : category;
}

const PRICING: Readonly<Record<LineItem['pricing'], BillingKey>> = {
  'on-demand': 'priceOnDemand',
  spot: 'priceSpot',
  reserved: 'priceReserved',
  fixed: 'priceFixed',
  usage: 'priceUsage',
};

export function pricingName(t: T, pricing: string): string {
  const key = PRICING[pricing as LineItem['pricing']];
  return key ? t(key) : pricing;
}

/** What a line item used, worded from its label; its English text when it has none. */
export function resourceName(t: T, label: ResourceLabel | undefined, fallback: string): string {
  if (!label) return fallback;
  switch (label.code) {
    case 'type-region':
      return `${label.type} · ${label.region}`;
    case 'allocation':
      return t('resAllocation', { type: label.type, pool: label.pool });
    case 'volume':
      return t('resVolume', { gb: label.gb });
    case 'host':
      return t('resHost', { pool: label.pool });
    case 'idle':
      return t('resIdle', { pool: label.pool });
    case 'egress':
      switch (label.destination) {
        case 'internet':
          return t('resInternet');
        case 'sameRegion':
          return t('resSameRegion', { region: label.toRegion });
        case 'hybrid':
          return t('resHybrid', { region: label.toRegion });
        default:
          return t('resCrossRegion', { region: label.toRegion });
      }
    case 'function-requests':
      return t('resRequests');
    case 'function-duration':
      return t('resDuration', { mb: label.memoryMb });
    default:
      return fallback;
  }
}

/** A line item's unit as shown after its quantity (hours as "h"; GB-months and requests in words). */
export function unitName(t: T, unit: string): string {
  if (unit === 'GB-months') return t('gbMonths');
  if (unit === 'requests') return t('unitRequests');
  return unit;
}

export function splitName(t: T, split: string): string {
  return split === 'even' ? t('splitEven') : t('splitProportional');
}

export function alertKindName(t: T, kind: BudgetAlert['kind']): string {
  return kind === 'actual' ? t('alertActual') : t('alertForecast');
}

export function alertText(t: T, a: BudgetAlert): string {
  return a.kind === 'actual'
    ? t('alertActualText', { tenant: a.tenant, pct: pct(a.threshold), budget: formatUsd(a.budget) })
    : t('alertForecastText', { tenant: a.tenant, amount: formatUsd(a.amount), pct: pct(a.threshold), budget: formatUsd(a.budget) });
}

const KIND: Readonly<Record<Recommendation['kind'], BillingKey>> = {
  rightsize: 'kindRightsize',
  reserve: 'kindReserve',
  spot: 'kindSpot',
  'scale-to-zero': 'kindScaleToZero',
};

export function recommendationKindName(t: T, kind: string): string {
  const key = KIND[kind as Recommendation['kind']];
  return key ? t(key) : kind;
}

const UPFRONT: Readonly<Record<string, BillingKey>> = { none: 'upfrontNone', partial: 'upfrontPartial', all: 'upfrontAll' };

/** A recommendation worded from its figures; its English summary when it carries none. */
export function recommendationText(t: T, r: { target: string; summary: string; detail?: RecommendationDetail }): string {
  const d = r.detail;
  if (!d) return r.summary;
  switch (d.kind) {
    case 'scale-to-zero':
      return t('recScaleToZero', { target: r.target, cost: formatUsd(d.cost) });
    case 'rightsize':
      return t('recRightsize', { target: r.target, peak: pct(d.peak), from: d.from, projected: pct(d.projected), to: d.to, goal: pct(d.target) });
    case 'reserve':
      return t('recReserve', {
        steady: d.steady,
        type: d.type,
        region: d.region,
        existing: d.existing > 0 ? t('recReserveExisting', { n: d.existing }) : '',
        count: d.count,
        term: d.term === '1y' ? t('term1y') : t('term3y'),
        upfront: UPFRONT[d.upfront] ? t(UPFRONT[d.upfront]!) : d.upfront,
        rate: formatUsd(d.rate),
        od: formatUsd(d.onDemand),
        longest: formatUsd(d.longest),
      });
    case 'spot':
      return t('recSpot', { target: r.target, why: d.why === 'replicas' ? t('whyReplicas', { n: d.replicas }) : t('whyBatch'), fraction: pct(d.fraction) });
    default:
      return r.summary;
  }
}

/** Why a selected recommendation was not applied; the English reason when it carries no code. */
export function skipReason(t: T, s: RerunSkip | { id: string; reason: string; code?: undefined }): string {
  switch (s.code) {
    case 'unknown':
      return t('skipUnknown');
    case 'replaced':
      return t('skipReplaced', { by: s.by, to: s.to });
    case 'no-baseline':
      return t('skipNoBaseline');
    default:
      return s.reason;
  }
}

const ERRORS: Readonly<Record<BillErrorCode, BillingKey>> = {
  'no-scenario': 'errNoScenario',
  'no-pools': 'errNoPools',
  'billing-off': 'errBillingOff',
  'missing-traces': 'errMissingTraces',
};

/** A refusal worded from its code; the worker's English sentence otherwise (access denials, failed runs). */
export function billError(t: T, e: { error: string; code?: BillErrorCode }): string {
  return e.code ? t(ERRORS[e.code]) : e.error;
}
