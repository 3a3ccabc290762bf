/**
 * Forms for the nested blocks of a service (autoscaler, calls, placement on hosts, health checks,
 * objectives) and the lists of workloads and pools, instead of raw JSON. Every change is a named,
 * undoable edit that the worker validates; the schema's messages show next to the field.
 */
import { memo, useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { POLICIES, policyLabel } from '../inspector/policies';
import { useLang } from '../i18n/lang';
import { commitEdit, useEditor } from './editStore';
import { useT, type Translate } from '../i18n/messages';
import { formMessages } from './forms.messages';
import { fieldLabelMessages } from './fieldLabels.messages';
import { DistributionField } from './ValueEditors';
import { CheckField, ExactIssues, Field, Rows, type RowColumn } from './fields';
import {
  addAutoscaler,
  AUTOSCALER_POLICIES,
  autoscalerOfPolicy,
  getAt,
  idsOf,
  newScheduledAction,
  newStepRule,
  placeService,
  removeCall,
  setAt,
  STEP_ACTIONS,
  stepActionOf,
  unplaceService,
  withStepAction,
  zonesOf,
  type Doc,
  type DocPath,
  type InstanceTypeSize,
  type PlaceTarget,
  type StepAction,
} from './docEdits';

type Obj = Record<string, unknown>;
type Options = ReadonlyArray<readonly [string, string]>;

const opts = (values: readonly string[]): Options => values.map((v) => [v, v] as const);
type T = Translate<keyof typeof formMessages.en>;
const withDefault = (t: T, label: string, values: readonly string[]): Options => [['', t('defaultOpt', { value: label })] as const, ...opts(values)];

/** A titled group of fields. */
export function Block({ title, children, testId, note }: { title: string; children: ReactNode; testId?: string; note?: string }) {
  return (
    <fieldset className="edit-block" data-testid={testId}>
      <legend>{title}</legend>
      {note && <p className="note">{note}</p>}
      {children}
    </fieldset>
  );
}

/** A button that applies one named edit. */
function EditButton({ label, name, scope, make, testId, danger }: { label: string; name: string; scope: string; make: (doc: Doc) => ReturnType<typeof addAutoscaler>; testId: string; danger?: boolean }) {
  const busy = useEditor((s) => s.pending !== null);
  return (
    <button type="button" className={danger ? 'danger' : undefined} disabled={busy} onClick={() => void commitEdit(name, make, scope)} data-testid={testId}>
      {label}
    </button>
  );
}

// ------------------------------------------------------------------ autoscaler

const POLICY_KEYS = { 'target-tracking': 'policyTracking', step: 'policyStep', scheduled: 'policyScheduled', predictive: 'policyPredictive' } as const;

const METRICS = ['cpu', 'rps', 'concurrency', 'queue', 'p95-latency'] as const;

const behaviourColumns = (t: T): readonly RowColumn[] => [
  { key: 'type', label: t('type'), type: 'select', options: opts(['Pods', 'Percent']), hint: t('typeHint') },
  { key: 'value', label: t('value'), type: 'int' },
  { key: 'period', label: t('period'), type: 'duration', hint: t('periodHint') },
];

/** Scale-up or scale-down behaviour (target tracking, predictive): window, select policy, rate limits. */
function Behaviour({ scope, path, name, testId, up }: { scope: string; path: DocPath; name: string; testId: string; up: boolean }) {
  const t = useT(formMessages);
  const newLimit = useCallback(() => (up ? { type: 'Pods', value: 4, period: 15 } : { type: 'Percent', value: 100, period: 15 }), [up]);
  const columns = useMemo(() => behaviourColumns(t), [t]);
  return (
    <Block title={up ? t('scaleUp') : t('scaleDown')} testId={testId}>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'stabilizationWindow']} label={t('window')} type="duration" editName={`${name}: ${t('window')}`} testId={`${testId}-window`} hint={up ? t('windowUpHint') : t('windowDownHint')} />
        <Field scope={scope} path={[...path, 'selectPolicy']} label={t('selectPolicy')} type="select" options={withDefault(t, 'Max', ['Max', 'Min', 'Disabled'])} editName={`${name}: ${t('selectPolicy')}`} testId={`${testId}-select`} />
      </div>
      <Rows
        scope={scope}
        path={[...path, 'policies']}
        columns={columns}
        newRow={newLimit}
        editName={`${name}: ${t('limits')}`}
        itemLabel={t('limit')}
        caption={t('limits')}
        empty={up ? t('limitsUpEmpty') : t('limitsDownEmpty')}
        dropWhenEmpty
        testId={`${testId}-limits`}
      />
    </Block>
  );
}

const ruleColumns = (t: T): readonly RowColumn[] => [
  { key: 'operator', label: t('operator'), type: 'select', options: opts(['>', '>=', '<', '<=']) },
  { key: 'threshold', label: t('threshold'), type: 'number' },
  { key: 'for', label: t('for'), type: 'duration', hint: t('forHint') },
  { key: 'action', label: t('action'), render: (rowPath, i, scope) => <StepActionCell rowPath={rowPath} index={i} scope={scope} /> },
];

/** The action of a step rule: its kind (change, percent, set to) and its amount. */
const StepActionCell = memo(function StepActionCell({ rowPath, index, scope }: { rowPath: DocPath; index: number; scope: string }) {
  const action = useEditor((s) => (s.doc ? stepActionOf(getAt(s.doc, rowPath)) : 'change'));
  const busy = useEditor((s) => s.pending !== null);
  const selectId = useId();
  const t = useT(formMessages);
  const labels: Record<StepAction, string> = { change: t('actionChange'), changePercent: t('actionPercent'), setTo: t('actionSet') };
  return (
    <div className="edit-pair">
      <label htmlFor={selectId} className="sr-only">
        {t('actionKind', { n: index + 1 })}
      </label>
      <select
        id={selectId}
        value={action}
        disabled={busy}
        data-testid={`edit-rule-${index}-kind`}
        onChange={(e) => {
          const next = e.target.value as StepAction;
          void commitEdit(t('actionName', { n: index + 1, action: labels[next] }), (doc) => ({ ok: true, doc: setAt(doc, rowPath, withStepAction((getAt(doc, rowPath) ?? {}) as Obj, next)) }), scope);
        }}
      >
        {STEP_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {labels[a]}
          </option>
        ))}
      </select>
      <Field scope={scope} path={[...rowPath, action]} label={t('actionAmount', { n: index + 1 })} compact type={action === 'changePercent' ? 'number' : 'int'} editName={t('actionName', { n: index + 1, action: labels[action] })} testId={`edit-rule-${index}-amount`} />
    </div>
  );
});

const scheduleColumns = (t: T): readonly RowColumn[] => [
  { key: 'cron', label: t('cron'), type: 'text', hint: t('cronHint') },
  { key: 'replicas', label: t('replicas'), type: 'int' },
  { key: 'minReplicas', label: t('min'), type: 'int' },
  { key: 'maxReplicas', label: t('max'), type: 'int' },
];

/** The autoscaler of a service: its policy and every setting of that policy. */
export const AutoscalerForm = memo(function AutoscalerForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const auto = useEditor((s) => (s.doc ? (getAt(s.doc, [...path, 'autoscaler']) as Obj | undefined) : undefined));
  const t = useT(formMessages);
  const tl = useT(fieldLabelMessages);
  const at = useMemo(() => [...path, 'autoscaler'], [path]);
  const name = t('autoscalerName', { id });
  const rules = useMemo(() => ruleColumns(t), [t]);
  const schedule = useMemo(() => scheduleColumns(t), [t]);
  const newRule = useCallback((doc: Doc) => {
    const rules = getAt(doc, [...at, 'rules']);
    return newStepRule(!Array.isArray(rules) || rules.length % 2 === 0);
  }, [at]);
  const newAction = useCallback((doc: Doc) => newScheduledAction(Number(getAt(doc, [...at, 'maxReplicas'])) || 2), [at]);
  if (!auto || typeof auto !== 'object') {
    return (
      <Block title={t('autoscaler')} testId="edit-autoscaler" note={t('fixedReplicas', { id })}>
        <EditButton label={t('addAutoscaler')} name={t('addAutoscalerName', { id })} scope={scope} make={(d) => addAutoscaler(d, id)} testId="edit-autoscaler-add" />
      </Block>
    );
  }
  const policy = typeof auto.policy === 'string' ? auto.policy : 'target-tracking';
  const tracking = policy === 'target-tracking' || policy === 'predictive';
  return (
    <Block title={t('autoscaler')} testId="edit-autoscaler">
      <div className="edit-grid">
        <Field
          scope={scope}
          path={[...at, 'policy']}
          label={t('policy')}
          type="select"
          options={AUTOSCALER_POLICIES.map((p) => [p, t(POLICY_KEYS[p])] as const)}
          editName={`${name} · ${t('policy')}`}
          testId="edit-autoscaler-policy"
          apply={(d, v) => setAt(d, at, autoscalerOfPolicy(String(v), (getAt(d, at) ?? {}) as Obj))}
        />
        <Field scope={scope} path={[...at, 'metric']} label={t('metric')} type="select" options={withDefault(t, 'cpu', METRICS)} editName={`${name} · ${t('metric')}`} testId="edit-autoscaler-metric" />
        <Field scope={scope} path={[...at, 'minReplicas']} label={t('minReplicas')} type="int" editName={`${name} · ${t('minReplicas')}`} testId="edit-autoscaler-minReplicas" hint={t('minReplicasHint')} />
        <Field scope={scope} path={[...at, 'maxReplicas']} label={t('maxReplicas')} type="int" editName={`${name} · ${t('maxReplicas')}`} testId="edit-autoscaler-maxReplicas" />
        {tracking && (
          <>
            <Field scope={scope} path={[...at, 'target']} label={t('target')} type="number" editName={`${name} · ${t('target')}`} testId="edit-autoscaler-target" hint={t('targetHint')} />
            <Field scope={scope} path={[...at, 'tolerance']} label={t('tolerance')} type="number" editName={`${name} · ${t('tolerance')}`} testId="edit-autoscaler-tolerance" hint={t('toleranceHint')} />
          </>
        )}
        <Field scope={scope} path={[...at, 'syncPeriod']} label={t('syncPeriod')} type="duration" editName={`${name} · ${t('syncPeriod')}`} testId="edit-autoscaler-syncPeriod" hint={t('syncPeriodHint')} />
        <Field scope={scope} path={[...at, 'startup']} label={t('startup')} type="duration" editName={`${name} · ${t('startup')}`} testId="edit-autoscaler-startup" hint={t('startupHint')} />
        <DistributionField scope={scope} path={[...at, 'provisioning']} label={tl('machineProvisioning')} context={name} testId="edit-autoscaler-provisioning" unsetLabel={tl('machineProvisioningDefault')} fallbackMean={45} />
        {policy === 'step' && <Field scope={scope} path={[...at, 'cooldown']} label={t('cooldown')} type="duration" editName={`${name} · ${t('cooldown')}`} testId="edit-autoscaler-cooldown" hint={t('cooldownHint')} />}
      </div>
      {tracking && (
        <>
          <Behaviour scope={scope} path={[...at, 'scaleUp']} name={`${name} · ${t('scaleUp')}`} testId="edit-autoscaler-up" up />
          <Behaviour scope={scope} path={[...at, 'scaleDown']} name={`${name} · ${t('scaleDown')}`} testId="edit-autoscaler-down" up={false} />
        </>
      )}
      {policy === 'predictive' && (
        <Block title={t('forecast')}>
          <div className="edit-grid">
            <Field scope={scope} path={[...at, 'forecast', 'model']} label={t('model')} type="select" options={withDefault(t, 'auto', ['auto', 'holt-winters', 'seasonal-naive', 'linear'])} editName={`${name} · ${t('model')}`} testId="edit-autoscaler-model" />
            <Field scope={scope} path={[...at, 'forecast', 'season']} label={t('season')} type="duration" editName={`${name} · ${t('season')}`} testId="edit-autoscaler-season" hint={t('seasonHint')} />
            <Field scope={scope} path={[...at, 'forecast', 'bucket']} label={t('bucket')} type="duration" editName={`${name} · ${t('bucket')}`} testId="edit-autoscaler-bucket" hint={t('bucketHint')} />
            <Field scope={scope} path={[...at, 'forecast', 'lead']} label={t('lead')} type="duration" editName={`${name} · ${t('lead')}`} testId="edit-autoscaler-lead" hint={t('leadHint')} />
          </div>
        </Block>
      )}
      {policy === 'step' && <Rows scope={scope} path={[...at, 'rules']} columns={rules} newRow={newRule} editName={`${name} · ${t('rules')}`} itemLabel={t('rule')} caption={t('rules')} testId="edit-autoscaler-rules" />}
      {policy === 'scheduled' && <Rows scope={scope} path={[...at, 'schedule']} columns={schedule} newRow={newAction} editName={`${name} · ${t('schedule')}`} itemLabel={t('scheduled')} caption={t('schedule')} testId="edit-autoscaler-schedule" />}
      <ExactIssues scope={scope} path={at} testId="edit-autoscaler" />
      <div className="edit-row">
        <EditButton label={t('removeAutoscaler')} name={t('removeAutoscalerName', { id })} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, undefined) })} testId="edit-autoscaler-remove" danger />
      </div>
    </Block>
  );
});

// ------------------------------------------------------------------ calls

/** A service's downstream calls: mode, targets with their probability, and "Add a call to…". */
export const CallsForm = memo(function CallsForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const services = useEditor((s) => (s.doc ? idsOf(s.doc, 'service').join('\n') : ''));
  const called = useEditor((s) => {
    const t = s.doc ? getAt(s.doc, [...path, 'calls', 'targets']) : undefined;
    return Array.isArray(t) ? t.map((x) => String((x as Obj).service)).join('\n') : '';
  });
  const targets = called === '' ? [] : called.split('\n');
  const others = services.split('\n').filter((s) => s !== '' && s !== id && !targets.includes(s));
  const [pick, setPick] = useState('');
  const selectId = useId();
  const chosen = others.includes(pick) ? pick : (others[0] ?? '');
  const t = useT(formMessages);
  const columns: readonly RowColumn[] = [
    { key: 'service', label: t('service'), type: 'select', options: opts(services.split('\n').filter((s) => s !== '' && s !== id)) },
    { key: 'probability', label: t('probability'), type: 'number', hint: t('probabilityHint') },
  ];
  return (
    <Block title={t('calls')} testId="editor-calls-block">
      {targets.length > 0 && (
        <Field
          scope={scope}
          path={[...path, 'calls', 'mode']}
          label={t('mode')}
          type="select"
          options={withDefault(t, 'sequential', ['sequential', 'parallel'])}
          editName={`${id}: ${t('mode')}`}
          testId="edit-calls-mode"
        />
      )}
      <Rows
        scope={scope}
        path={[...path, 'calls', 'targets']}
        columns={columns}
        newRow={() => ({ service: chosen })}
        editName={`${id}: ${t('calls')}`}
        itemLabel={t('call')}
        empty={t('noCalls')}
        testId="editor-calls"
        noAdd
        removeRowEdit={(doc, i) => removeCall(doc, id, targets[i] ?? '')}
      />
      {others.length > 0 && (
        <div className="edit-row">
          <label htmlFor={selectId} className="field-label">
            {t('addCallTo')}
          </label>
          <select id={selectId} value={chosen} onChange={(e) => setPick(e.target.value)} data-testid="editor-call-target">
            {others.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <EditButton
            label={t('connect')}
            name={t('callName', { id, to: chosen })}
            scope={scope}
            make={(d) => {
              const cur = getAt(d, [...path, 'calls']);
              const list = cur && typeof cur === 'object' && Array.isArray((cur as Obj).targets) ? ((cur as Obj).targets as unknown[]) : [];
              return { ok: true, doc: setAt(d, [...path, 'calls'], { ...((cur as Obj | undefined) ?? {}), targets: [...list, { service: chosen }] }) };
            }}
            testId="editor-add-call"
          />
        </div>
      )}
    </Block>
  );
});

// ------------------------------------------------------------------ placement on hosts

const tolerationColumns = (t: T): readonly RowColumn[] => [
  { key: 'key', label: t('key'), type: 'text' },
  { key: 'value', label: t('value'), type: 'text', hint: t('anyValue') },
  { key: 'effect', label: t('effect'), type: 'select', options: withDefault(t, t('everyEffect'), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']) },
];

/** Checkboxes of the zones a placement allows (none ticked: any zone). */
const ZoneChecks = memo(function ZoneChecks({ path, scope, name }: { path: DocPath; scope: string; name: string }) {
  const allText = useEditor((s) => (s.doc ? zonesOf(s.doc).map((z) => z.zone).join('\n') : ''));
  const all = allText === '' ? [] : allText.split('\n').map((zone) => ({ zone }));
  const chosen = useEditor((s) => {
    const z = s.doc ? getAt(s.doc, path) : undefined;
    return Array.isArray(z) ? z.map(String).join('\n') : '';
  });
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(formMessages);
  const picked = chosen === '' ? [] : chosen.split('\n');
  const toggle = (zone: string, on: boolean) => {
    const next = on ? [...picked, zone] : picked.filter((z) => z !== zone);
    void commitEdit(t(on ? 'allowZone' : 'excludeZone', { name, zone }), (d) => ({ ok: true, doc: setAt(d, path, next.length > 0 ? next : undefined) }), scope);
  };
  return (
    <div className="edit-field" role="group" aria-label={t('zonesAllowed')}>
      <span className="field-label">
        {t('zonesAllowed')} {picked.length === 0 && <span className="muted">{t('anyZone')}</span>}
      </span>
      <div className="edit-checks">
        {all.map((z) => (
          <label key={z.zone} className="field">
            <input type="checkbox" checked={picked.includes(z.zone)} disabled={busy} onChange={(e) => toggle(z.zone, e.target.checked)} data-testid={`edit-placement-zone-${z.zone}`} />
            <span>{z.zone}</span>
          </label>
        ))}
      </div>
      <ExactIssues scope={scope} path={path} testId="edit-placement-zones" />
    </div>
  );
});

/** Where a service's replicas run: abstract replicas, or instances placed on the scenario's hosts. */
export const PlacementForm = memo(function PlacementForm({ id, path, scope, types }: { id: string; path: DocPath; scope: string; types: readonly InstanceTypeSize[] }) {
  const placed = useEditor((s) => (s.doc ? getAt(s.doc, [...path, 'placement']) !== undefined : false));
  const pools = useEditor((s) => (s.doc ? idsOf(s.doc, 'pool').join('\n') : ''));
  const [target, setTarget] = useState('');
  const selectId = useId();
  const t = useT(formMessages);
  const poolIds = pools === '' ? [] : pools.split('\n');
  if (poolIds.length === 0 && !placed) return null;
  const at = [...path, 'placement'];
  const name = `${id}: ${t('placement')}`;
  if (!placed) {
    const chosen = poolIds.includes(target) ? target : poolIds[0]!;
    return (
      <Block title={t('placement')} testId="edit-placement" note={t('abstract', { id })}>
        <div className="edit-row">
          <label htmlFor={selectId} className="field-label">
            {t('pool')}
          </label>
          <select id={selectId} value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="edit-placement-pool">
            {poolIds.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <EditButton label={t('place')} name={t('placeName', { id, pool: chosen })} scope={scope} make={(d) => placeService(d, id, { kind: 'pool', id: chosen } satisfies PlaceTarget, types)} testId="edit-placement-place" />
        </div>
      </Block>
    );
  }
  return (
    <Block title={t('placement')} testId="edit-placement">
      <div className="edit-grid">
        <Field scope={scope} path={[...at, 'kind']} label={t('kind')} type="select" options={withDefault(t, 'vm', ['vm', 'container'])} editName={`${name} · ${t('kind')}`} testId="edit-placement-kind" />
        <Field scope={scope} path={[...at, 'priority']} label={t('priority')} type="int" editName={`${name} · ${t('priority')}`} testId="edit-placement-priority" hint={t('priorityHint')} />
        <Field scope={scope} path={[...at, 'tenant']} label={t('tenant')} type="text" editName={`${name} · ${t('tenant')}`} testId="edit-placement-tenant" />
        <Field scope={scope} path={[...at, 'pricing']} label={t('pricing')} type="select" options={withDefault(t, 'on-demand', ['on-demand', 'spot'])} editName={`${name} · ${t('pricing')}`} testId="edit-placement-pricing" />
        <Field scope={scope} path={[...at, 'spread', 'maxSkew']} label={t('maxSkew')} type="int" editName={`${name} · ${t('maxSkew')}`} testId="edit-placement-skew" hint={t('maxSkewHint')} />
        <CheckField scope={scope} path={[...at, 'antiAffinity']} label={t('antiAffinity')} editName={`${name} · ${t('antiAffinity')}`} testId="edit-placement-anti" />
      </div>
      <ZoneChecks path={[...at, 'zones']} scope={scope} name={name} />
      <Rows scope={scope} path={[...at, 'tolerations']} columns={tolerationColumns(t)} newRow={newToleration} editName={`${name} · ${t('tolerations')}`} itemLabel={t('toleration')} caption={t('tolerations')} empty={t('noTolerations')} testId="edit-placement-tolerations" />
      <ExactIssues scope={scope} path={at} testId="edit-placement" />
      <div className="edit-row">
        <EditButton label={t('unplace')} name={t('unplaceName', { id })} scope={scope} make={(d) => unplaceService(d, id)} testId="edit-placement-remove" danger />
      </div>
    </Block>
  );
});

const newToleration = (): unknown => ({ key: 'dedicated', effect: 'NoSchedule' });

// ------------------------------------------------------------------ health checks and objectives

export const HealthCheckForm = memo(function HealthCheckForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const has = useEditor((s) => (s.doc ? getAt(s.doc, [...path, 'healthCheck']) !== undefined : false));
  const t = useT(formMessages);
  const at = [...path, 'healthCheck'];
  const name = `${id}: ${t('health')}`;
  if (!has) {
    return (
      <Block title={t('health')} testId="edit-health" note={t('noHealth')}>
        <EditButton label={t('addHealth')} name={`${id}: ${t('addHealth')}`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, { interval: 5, unhealthyThreshold: 3, healthyThreshold: 2 }) })} testId="edit-health-add" />
      </Block>
    );
  }
  return (
    <Block title={t('health')} testId="edit-health">
      <div className="edit-grid">
        <Field scope={scope} path={[...at, 'interval']} label={t('interval')} type="duration" editName={`${name} · ${t('interval')}`} testId="edit-health-interval" hint={t('intervalHint')} />
        <Field scope={scope} path={[...at, 'maxQueue']} label={t('maxQueue')} type="int" editName={`${name} · ${t('maxQueue')}`} testId="edit-health-maxQueue" hint={t('maxQueueHint')} />
        <Field scope={scope} path={[...at, 'unhealthyThreshold']} label={t('unhealthy')} type="int" editName={`${name} · ${t('unhealthy')}`} testId="edit-health-unhealthy" hint={t('unhealthyHint')} />
        <Field scope={scope} path={[...at, 'healthyThreshold']} label={t('healthy')} type="int" editName={`${name} · ${t('healthy')}`} testId="edit-health-healthy" hint={t('healthyHint')} />
      </div>
      <div className="edit-row">
        <EditButton label={t('removeHealth')} name={`${id}: ${t('removeHealth')}`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, undefined) })} testId="edit-health-remove" danger />
      </div>
    </Block>
  );
});

export const SloForm = memo(function SloForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const has = useEditor((s) => (s.doc ? getAt(s.doc, [...path, 'slo']) !== undefined : false));
  const t = useT(formMessages);
  const at = [...path, 'slo'];
  const name = `${id}: ${t('slo')}`;
  if (!has) {
    return (
      <Block title={t('slo')} testId="edit-slo" note={t('noSlo')}>
        <EditButton label={t('addSlo')} name={`${id}: ${t('addSlo')}`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, { availability: 0.999, latency: { percentile: 0.99, threshold: '300ms' }, window: 60 }) })} testId="edit-slo-add" />
      </Block>
    );
  }
  return (
    <Block title={t('slo')} testId="edit-slo">
      <div className="edit-grid">
        <Field scope={scope} path={[...at, 'availability']} label={t('availability')} type="number" editName={`${name} · ${t('availability')}`} testId="edit-slo-availability" hint={t('availabilityHint')} />
        <Field scope={scope} path={[...at, 'window']} label={t('sloWindow')} type="duration" editName={`${name} · ${t('sloWindow')}`} testId="edit-slo-window" hint={t('sloWindowHint')} />
        <Field scope={scope} path={[...at, 'latency', 'percentile']} label={t('percentile')} type="number" editName={`${name} · ${t('percentile')}`} testId="edit-slo-percentile" hint={t('percentileHint')} />
        <Field scope={scope} path={[...at, 'latency', 'threshold']} label={t('latencyThreshold')} type="duration" editName={`${name} · ${t('latencyThreshold')}`} testId="edit-slo-threshold" hint={t('latencyThresholdHint')} />
      </div>
      <div className="edit-row">
        <EditButton label={t('removeSlo')} name={`${id}: ${t('removeSlo')}`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, undefined) })} testId="edit-slo-remove" danger />
      </div>
    </Block>
  );
});

// ------------------------------------------------------------------ balancer settings of the scenario

/** The scenario's balancer and the settings of its policy (the live switch is the inspector's "Load balancer"). */
export const BalancerForm = memo(function BalancerForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const policy = useEditor((s) => (s.doc ? String(getAt(s.doc, [...path, 'loadBalancer', 'policy']) ?? 'round-robin') : 'round-robin'));
  const t = useT(formMessages);
  const lang = useLang();
  const at = [...path, 'loadBalancer'];
  const name = `${id}: ${t('balancer')}`;
  return (
    <>
      <Field
        scope={scope}
        path={[...at, 'policy']}
        label={t('balancer')}
        type="select"
        options={[['', t('defaultOpt', { value: policyLabel('round-robin', lang) })] as const, ...POLICIES.map((p) => [p, policyLabel(p, lang)] as const)]}
        editName={name}
        testId="edit-policy"
        hint={t('balancerNote')}
      />
      {policy === 'power-of-two' && <Field scope={scope} path={[...at, 'choices']} label={t('choices')} type="int" editName={`${name} · ${t('choices')}`} testId="edit-lb-choices" hint={t('choicesHint')} />}
      {policy === 'consistent-hash' && <Field scope={scope} path={[...at, 'virtualNodes']} label={t('virtualNodes')} type="int" editName={`${name} · ${t('virtualNodes')}`} testId="edit-lb-virtualNodes" hint={t('virtualNodesHint')} />}
      {policy === 'maglev' && <Field scope={scope} path={[...at, 'tableSize']} label={t('tableSize')} type="int" editName={`${name} · ${t('tableSize')}`} testId="edit-lb-tableSize" hint={t('tableSizeHint')} />}
      {policy === 'least-response-time' && <Field scope={scope} path={[...at, 'alpha']} label={t('alpha')} type="number" editName={`${name} · ${t('alpha')}`} testId="edit-lb-alpha" hint={t('alphaHint')} />}
      {policy === 'weighted-round-robin' && <Field scope={scope} path={[...path, 'weights']} label={t('weights')} type="numbers" editName={`${id}: ${t('weights')}`} testId="edit-weights" hint={t('weightsHint')} />}
    </>
  );
});

// ------------------------------------------------------------------ workloads and pools

const pointColumns = (t: T): readonly RowColumn[] => [
  { key: 'at', label: t('at'), type: 'duration' },
  { key: 'rate', label: t('rate'), type: 'number' },
];
const stateColumns = (t: T): readonly RowColumn[] => [
  { key: 'rate', label: t('rate'), type: 'number' },
  { key: 'meanDuration', label: t('meanDuration'), type: 'duration' },
];
const newState = (): unknown => ({ rate: 10, meanDuration: 30 });

/**
 * The lists of an arrival process: piecewise points, MMPP states, inline trace data. `testId` prefixes
 * the test ids (default "edit-arrival", the workload inspector's one process); a form showing several
 * processes passes each owner's own prefix so no id repeats on the page.
 */
export const ArrivalLists = memo(function ArrivalLists({ id, path, scope, testId = 'edit-arrival' }: { id: string; path: DocPath; scope: string; testId?: string }) {
  const type = useEditor((s) => (s.doc ? String(getAt(s.doc, [...path, 'type']) ?? '') : ''));
  const dataLength = useEditor((s) => {
    const d = s.doc ? getAt(s.doc, [...path, 'data']) : undefined;
    return Array.isArray(d) ? d.length : -1;
  });
  const t = useT(formMessages);
  const newPoint = useCallback((doc: Doc) => {
    const pts = getAt(doc, [...path, 'points']);
    const last = Array.isArray(pts) ? (pts[pts.length - 1] as Obj | undefined) : undefined;
    const t = typeof last?.at === 'number' ? last.at + 60 : 0;
    return { at: t, rate: typeof last?.rate === 'number' ? last.rate : 10 };
  }, [path]);
  if (type === 'piecewise') {
    return (
      <>
        <Field scope={scope} path={[...path, 'interpolation']} label={t('interpolation')} type="select" options={withDefault(t, 'step', ['step', 'linear'])} editName={`${id}: ${t('interpolation')}`} testId={`${testId}-interpolation`} />
        <Rows scope={scope} path={[...path, 'points']} columns={pointColumns(t)} newRow={newPoint} editName={`${id}: ${t('points')}`} itemLabel={t('point')} caption={t('points')} testId={`${testId}-points`} />
      </>
    );
  }
  if (type === 'mmpp') {
    return <Rows scope={scope} path={[...path, 'states']} columns={stateColumns(t)} newRow={newState} editName={`${id}: ${t('states')}`} itemLabel={t('state')} caption={t('states')} testId={`${testId}-states`} />;
  }
  if (type === 'trace' && dataLength >= 0) {
    return dataLength <= 200 ? (
      <Field scope={scope} path={[...path, 'data']} label={t('traceData')} type="numbers" editName={`${id}: ${t('traceData')}`} testId={`${testId}-data`} hint={t('traceDataHint')} />
    ) : (
      <p className="note">{t('traceTooLong', { n: dataLength.toLocaleString('en-US') })}</p>
    );
  }
  return null;
});

export const ClientsFields = memo(function ClientsFields({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const t = useT(formMessages);
  const at = [...path, 'clients'];
  return (
    <>
      <Field scope={scope} path={[...at, 'count']} label={t('clients')} type="int" editName={`${id}: ${t('clients')}`} testId="edit-clients-count" hint={t('clientsHint')} />
      <Field scope={scope} path={[...at, 'popularity']} label={t('popularity')} type="select" options={withDefault(t, 'uniform', ['uniform', 'zipf'])} editName={`${id}: ${t('popularity')}`} testId="edit-clients-popularity" />
      <Field scope={scope} path={[...at, 'skew']} label={t('skew')} type="number" editName={`${id}: ${t('skew')}`} testId="edit-clients-skew" hint={t('skewHint')} />
    </>
  );
});

const taintColumns = (t: T): readonly RowColumn[] => [
  { key: 'key', label: t('key'), type: 'text' },
  { key: 'value', label: t('value'), type: 'text' },
  { key: 'effect', label: t('effect'), type: 'select', options: opts(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) },
];

/** A pool's cluster-autoscaler bounds, tenancy, overcommit, price and taints. */
export const PoolExtras = memo(function PoolExtras({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const t = useT(formMessages);
  const f = (key: keyof typeof formMessages.en, p: DocPath, type: 'int' | 'number' | 'text', testId: string, hint?: keyof typeof formMessages.en) => (
    <Field scope={scope} path={[...path, ...p]} label={t(key)} type={type} editName={`${id}: ${t(key)}`} testId={testId} hint={hint ? t(hint) : undefined} />
  );
  const newTaint = useCallback(() => ({ key: 'dedicated', value: id, effect: 'NoSchedule' }), [id]);
  return (
    <>
      <div className="edit-grid">
        {f('minHosts', ['minCount'], 'int', 'edit-minCount', 'minHostsHint')}
        {f('maxHosts', ['maxCount'], 'int', 'edit-maxCount', 'maxHostsHint')}
        {f('gpus', ['shape', 'gpu'], 'int', 'edit-gpu')}
        {f('price', ['pricePerHour'], 'number', 'edit-price')}
        {f('cpuOvercommit', ['overcommit', 'cpu'], 'number', 'edit-overcommit-cpu', 'cpuOvercommitHint')}
        {f('memOvercommit', ['overcommit', 'memory'], 'number', 'edit-overcommit-memory', 'memOvercommitHint')}
        {f('dedicatedTo', ['dedicatedTo'], 'text', 'edit-dedicatedTo')}
      </div>
      <Rows scope={scope} path={[...path, 'taints']} columns={taintColumns(t)} newRow={newTaint} editName={`${id}: ${t('taints')}`} itemLabel={t('taint')} caption={t('taints')} empty={t('noTaints')} testId="edit-taints" />
    </>
  );
});
