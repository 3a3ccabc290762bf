/**
 * The capacity planner's sentences as templates: the explanation of a plan (`x.*`) and why a model
 * was not tried (`need.*`). The planner fills them for its English `explanation` (what the CLI
 * prints); the console's catalog takes this very table as its English side and adds Chinese, so the
 * English exists once. Pure data and one small fill function: the UI may load this file.
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
} as const;

export type PlanTextKey = keyof typeof PLAN_TEXT;

/** A template of PLAN_TEXT filled in (a missing parameter stays visible as `{name}`). */
export function planText(key: PlanTextKey, params?: Readonly<Record<string, string | number>>): string {
  const template: string = PLAN_TEXT[key];
  return params ? fillTemplate(template, (name) => params[name]) : template;
}
