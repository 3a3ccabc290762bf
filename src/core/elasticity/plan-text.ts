/**
 * The capacity planner's sentences as templates: the explanation of a plan (`x.*`), why a model
 * was not tried (`need.*`) and why a plan is refused (`e.<code>`, with the words some of them are
 * built from). The planner and the worker fill them for their English `explanation` and `error`
 * (what the CLI prints); the console's catalog takes this very table as its English side and adds
 * Chinese, so the English exists once. Pure data and one small fill function: the UI may load this
 * file.
 *
 * Templates: `{name}` is a parameter; `{n|one|other}` picks an English word by the number n.
 */
import { fillTemplate } from '../text/template';

export const PLAN_TEXT = {
  'x.plan': 'peak {rate} req/s ({value} per {step} step) forecast at step {k} of {horizon} by {model} ({mape}): {sizing}',
  'x.mape': 'holdout MAPE {x} %',
  'x.mapeUndefined': 'MAPE undefined (all held-out values are 0)',
  'x.sizing': '{parts} → {replicas} {replicas|replica|replicas} ({why}) → {hosts} {hosts|host|hosts} ({perHost} per host)',
  'x.partSep': '; ',
  'x.utilizationNeeds': '{u} % utilization needs {n} {n|replica|replicas} ({capacity} req/s each)',
  'x.slaNeeds': 'the SLA {goals} needs {n}',
  'x.and': ' and ',
  'x.goalQuantile': 'P(wait > {wait}) ≤ {p}',
  'x.goalMean': 'mean wait ≤ {wait}',
  'x.minReplicas': 'minReplicas {n}',
  'x.whySla': 'SLA: {achieved}',
  'x.achievedSep': ', ',
  'x.achievedQuantile': 'P(wait > {wait}) = {p}',
  'x.achievedMean': 'mean wait {wait}',
  'x.whyUtilization': 'utilization {p}',
  'x.whyMin': 'minReplicas',
  'need.linear': 'a linear trend needs at least 2 steps',
  'need.no-season': 'it needs a season (give a season length; the step does not divide a day)',
  'need.one-season': 'it needs one season = {n} steps',
  'need.two-seasons': 'it needs 2 seasons + 1 = {n} steps',
  // refusals, by code (a refusal's `code` is the key without `e.`; its `params` fill the template)
  'e.short-history': 'the run has {has}; a {step} step and a {horizon} horizon need at least {need} ({holdout} {holdout|step|steps} held out to check the forecast and {train} to {what})',
  'e.hasHistory': '{history} of history',
  'e.noHistory': 'no history yet (play it for a while first)',
  'e.what.linear': 'fit a linear trend',
  'e.what.seasonal-naive': 'cover one season for the seasonal naive model',
  'e.what.holt-winters': 'cover two seasons for Holt-Winters',
  'e.too-many-steps': 'a {step} step over a {horizon} horizon is {steps} {steps|step|steps}; at most {max}: choose a longer step or a shorter horizon',
  'e.bad-utilization': 'the target utilization must be above 0 % and at most 100 %, got {value}',
  'e.bad-per-host': 'replicas per host must be a whole number ≥ 1, got {value}',
  'e.needs-season': 'the {model} model needs a daily season, and a {step} step does not divide a day',
  'e.bad-duration': '{field} must be a positive duration such as 5m or 1h, got "{value}"',
  'e.bad-duration-any': '{field} must be a duration such as 5m or 1h, got "{value}"',
  'e.field.step': 'the step',
  'e.field.horizon': 'the horizon',
  'e.field.holdout': 'the holdout',
  'e.field.slaWait': 'the SLA wait',
  'e.not-step-multiple': 'the step ({step}) must be a whole multiple of the metrics interval ({interval})',
  'e.not-whole-steps': '{field} ({value}) must be a whole number of steps ({step})',
  'e.bad-quantile': 'the SLA quantile must be between 0 and 1 (e.g. 0.99), got {value}',
  'e.no-arrivals': 'the run has no arrival series for service "{id}"',
  'e.no-service': 'there is no service "{id}"',
  'e.no-scenario': 'no scenario is loaded',
  'e.no-series': 'the run has no series yet',
  'e.bad-request': 'the request must be an object of planning settings',
  'e.bad-model': 'the model must be auto, {models}; got "{value}"',
  'e.work-unknown': 'the mean work per request of "{id}" is not known: {error}',
  'e.work-not-positive': 'the mean work per request of "{id}" is {value} s; planning needs a positive figure',
  'e.sla-servers': 'the latency objective needs more than {max} servers at {rate} req/s',
  'e.series-short': 'series too short: {n} steps leave nothing to train on with a holdout of {holdout}',
  'e.series-short-model': 'series too short for {model}: {n} steps − {holdout} held out leave {train} to train on; {reason}',
  'e.series-short-any': 'series too short for any model: {n} steps − {holdout} held out leave {train} to train on ({why})',
  'e.modelWhy': '{model}: {reason}',
  'e.whySep': '; ',
} as const;

export type PlanTextKey = keyof typeof PLAN_TEXT;

/** The codes of the planner's refusals (a template `e.<code>` each). */
export type PlanRefusalCode =
  | 'short-history'
  | 'too-many-steps'
  | 'bad-utilization'
  | 'bad-per-host'
  | 'needs-season'
  | 'bad-duration'
  | 'not-step-multiple'
  | 'not-whole-steps'
  | 'bad-quantile'
  | 'no-arrivals'
  | 'no-service'
  | 'no-scenario'
  | 'no-series'
  | 'bad-request'
  | 'bad-model'
  | 'work-unknown'
  | 'work-not-positive'
  | 'sla-servers'
  | 'series-short'
  | 'series-short-model'
  | 'series-short-any';

export type PlanRefusalParams = Readonly<Record<string, string | number>>;

/** A template of PLAN_TEXT filled in (a missing parameter stays visible as `{name}`). */
export function planText(key: PlanTextKey, params?: Readonly<Record<string, string | number>>): string {
  const template: string = PLAN_TEXT[key];
  return params ? fillTemplate(template, (name) => params[name]) : template;
}

/** Says a template in some language: `planText` for the core's English, a catalog's translator in the console. */
export type PlanSay = (key: PlanTextKey, params?: PlanRefusalParams) => string;

/** "1000" → "1,000" (the same digits in every language). */
function grouped(x: string | number | undefined): string {
  const n = Number(x);
  if (!Number.isInteger(n)) return String(x ?? '');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

const MODELS_OF_ANY = ['linear', 'seasonal-naive', 'holt-winters'] as const;

/**
 * A planner's refusal in words from its code and parameters: the one place that knows how a refusal
 * is built from its templates, for the core's and the worker's English and the console's languages.
 */
export function planRefusalText(say: PlanSay, code: PlanRefusalCode, params: PlanRefusalParams = {}): string {
  const s = (k: string): string => String(params[k] ?? '');
  const field = (f: string): string => (f === 'step' || f === 'horizon' || f === 'holdout' || f === 'slaWait' ? say(`e.field.${f}`) : f);
  const need = (kind: string, steps: string | number | undefined): string =>
    kind === 'linear' || kind === 'no-season' || kind === 'one-season' || kind === 'two-seasons' ? say(`need.${kind}`, { n: steps ?? '' }) : kind;
  switch (code) {
    case 'short-history': {
      const model = s('model');
      const what = model === 'seasonal-naive' || model === 'holt-winters' ? say(`e.what.${model}`) : say('e.what.linear');
      const has = s('history') === '' ? say('e.noHistory') : say('e.hasHistory', { history: s('history') });
      return say('e.short-history', { has, step: s('step'), horizon: s('horizon'), need: s('need'), holdout: grouped(params['holdout']), train: s('train'), what });
    }
    case 'too-many-steps':
      return say('e.too-many-steps', { step: s('step'), horizon: s('horizon'), steps: grouped(params['steps']), max: grouped(params['max']) });
    case 'bad-duration':
      return say(params['positive'] === 1 ? 'e.bad-duration' : 'e.bad-duration-any', { field: field(s('field')), value: s('value') });
    case 'not-whole-steps':
      return say('e.not-whole-steps', { field: field(s('field')), value: s('value'), step: s('step') });
    case 'series-short-model':
      return say('e.series-short-model', { model: s('model'), n: grouped(params['n']), holdout: grouped(params['holdout']), train: grouped(params['train']), reason: need(s('need'), params['needSteps']) });
    case 'series-short-any': {
      const why = MODELS_OF_ANY.filter((m) => params[`need.${m}`] !== undefined).map((m) => say('e.modelWhy', { model: m, reason: need(s(`need.${m}`), params[`steps.${m}`]) }));
      return say('e.series-short-any', { n: grouped(params['n']), holdout: grouped(params['holdout']), train: grouped(params['train']), why: why.join(say('e.whySep')) });
    }
    case 'series-short':
      return say('e.series-short', { n: grouped(params['n']), holdout: grouped(params['holdout']) });
    case 'sla-servers':
      return say('e.sla-servers', { max: grouped(params['max']), rate: s('rate') });
    default:
      return say(`e.${code}`, params);
  }
}

/** The planner's refusal in the core's English. */
export function planRefusalEnglish(code: PlanRefusalCode, params?: PlanRefusalParams): string {
  return planRefusalText(planText, code, params);
}
