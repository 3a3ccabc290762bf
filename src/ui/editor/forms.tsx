/**
 * Forms for the nested blocks of a service (autoscaler, calls, placement on hosts, health checks,
 * objectives) and the lists of workloads and pools, instead of raw JSON. Every change is a named,
 * undoable edit that the worker validates; the schema's messages show next to the field.
 */
import { memo, useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { POLICIES, POLICY_LABELS } from '../inspector/policies';
import { commitEdit, useEditor } from './editStore';
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
const withDefault = (label: string, values: readonly string[]): Options => [['', `${label} (default)`] as const, ...opts(values)];

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

const POLICY_NAMES: Readonly<Record<string, string>> = {
  'target-tracking': 'target tracking (Kubernetes HPA)',
  step: 'step rules (AWS step scaling)',
  scheduled: 'scheduled (cron)',
  predictive: 'predictive (forecast)',
};

const METRICS = ['cpu', 'rps', 'concurrency', 'queue', 'p95-latency'] as const;

const BEHAVIOUR_COLUMNS: readonly RowColumn[] = [
  { key: 'type', label: 'Type', type: 'select', options: opts(['Pods', 'Percent']), hint: 'Pods: at most value replicas per period; Percent: at most value % of the count' },
  { key: 'value', label: 'Value', type: 'int' },
  { key: 'period', label: 'Period', type: 'duration', hint: 'At most 30m' },
];

/** Scale-up or scale-down behaviour (target tracking, predictive): window, select policy, rate limits. */
function Behaviour({ scope, path, name, testId, up }: { scope: string; path: DocPath; name: string; testId: string; up: boolean }) {
  const newLimit = useCallback(() => (up ? { type: 'Pods', value: 4, period: 15 } : { type: 'Percent', value: 100, period: 15 }), [up]);
  return (
    <Block title={up ? 'Scale up' : 'Scale down'} testId={testId}>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'stabilizationWindow']} label="Stabilization window" type="duration" editName={`${name}: stabilization window`} testId={`${testId}-window`} hint={up ? 'Default 0 s' : 'Default 300 s (5 min)'} />
        <Field scope={scope} path={[...path, 'selectPolicy']} label="Select policy" type="select" options={withDefault('Max', ['Max', 'Min', 'Disabled'])} editName={`${name}: select policy`} testId={`${testId}-select`} />
      </div>
      <Rows
        scope={scope}
        path={[...path, 'policies']}
        columns={BEHAVIOUR_COLUMNS}
        newRow={newLimit}
        editName={`${name}: rate limits`}
        itemLabel="rate limit"
        caption="Rate limits"
        empty={up ? 'Kubernetes defaults: 4 pods or 100 % per 15 s, whichever is more.' : 'Kubernetes default: 100 % per 15 s.'}
        dropWhenEmpty
        testId={`${testId}-limits`}
      />
    </Block>
  );
}

const RULE_COLUMNS: readonly RowColumn[] = [
  { key: 'operator', label: 'Metric is', type: 'select', options: opts(['>', '>=', '<', '<=']) },
  { key: 'threshold', label: 'Threshold', type: 'number' },
  { key: 'for', label: 'For', type: 'duration', hint: 'How long the condition must hold (default 60 s)' },
  { key: 'action', label: 'Action', render: (rowPath, i, scope) => <StepActionCell rowPath={rowPath} index={i} scope={scope} /> },
];

/** The action of a step rule: its kind (change, percent, set to) and its amount. */
const StepActionCell = memo(function StepActionCell({ rowPath, index, scope }: { rowPath: DocPath; index: number; scope: string }) {
  const action = useEditor((s) => (s.doc ? stepActionOf(getAt(s.doc, rowPath)) : 'change'));
  const busy = useEditor((s) => s.pending !== null);
  const selectId = useId();
  const labels: Record<StepAction, string> = { change: 'add', changePercent: 'add %', setTo: 'set to' };
  return (
    <div className="edit-pair">
      <label htmlFor={selectId} className="sr-only">
        Kind of action of rule {index + 1}
      </label>
      <select
        id={selectId}
        value={action}
        disabled={busy}
        data-testid={`edit-rule-${index}-kind`}
        onChange={(e) => {
          const next = e.target.value as StepAction;
          void commitEdit(`rule ${index + 1}: ${labels[next]}`, (doc) => ({ ok: true, doc: setAt(doc, rowPath, withStepAction((getAt(doc, rowPath) ?? {}) as Obj, next)) }), scope);
        }}
      >
        {STEP_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {labels[a]}
          </option>
        ))}
      </select>
      <Field scope={scope} path={[...rowPath, action]} label={`Amount of rule ${index + 1}`} compact type={action === 'changePercent' ? 'number' : 'int'} editName={`rule ${index + 1}: ${labels[action]}`} testId={`edit-rule-${index}-amount`} />
    </div>
  );
});

const SCHEDULE_COLUMNS: readonly RowColumn[] = [
  { key: 'cron', label: 'Cron', type: 'text', hint: 'minute hour day-of-month month day-of-week; the simulated calendar starts on Monday 00:00' },
  { key: 'replicas', label: 'Replicas', type: 'int' },
  { key: 'minReplicas', label: 'Min', type: 'int' },
  { key: 'maxReplicas', label: 'Max', type: 'int' },
];

/** The autoscaler of a service: its policy and every setting of that policy. */
export const AutoscalerForm = memo(function AutoscalerForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const auto = useEditor((s) => (s.doc ? (getAt(s.doc, [...path, 'autoscaler']) as Obj | undefined) : undefined));
  const at = useMemo(() => [...path, 'autoscaler'], [path]);
  const name = `${id}: autoscaler`;
  const newRule = useCallback((doc: Doc) => {
    const rules = getAt(doc, [...at, 'rules']);
    return newStepRule(!Array.isArray(rules) || rules.length % 2 === 0);
  }, [at]);
  const newAction = useCallback((doc: Doc) => newScheduledAction(Number(getAt(doc, [...at, 'maxReplicas'])) || 2), [at]);
  if (!auto || typeof auto !== 'object') {
    return (
      <Block title="Autoscaler" testId="edit-autoscaler" note={`${id} has a fixed number of replicas.`}>
        <EditButton label="+ Add an autoscaler" name={`${id}: add an autoscaler`} scope={scope} make={(d) => addAutoscaler(d, id)} testId="edit-autoscaler-add" />
      </Block>
    );
  }
  const policy = typeof auto.policy === 'string' ? auto.policy : 'target-tracking';
  const tracking = policy === 'target-tracking' || policy === 'predictive';
  return (
    <Block title="Autoscaler" testId="edit-autoscaler">
      <div className="edit-grid">
        <Field
          scope={scope}
          path={[...at, 'policy']}
          label="Policy"
          type="select"
          options={AUTOSCALER_POLICIES.map((p) => [p, POLICY_NAMES[p] ?? p] as const)}
          editName={`${name} policy`}
          testId="edit-autoscaler-policy"
          apply={(d, v) => setAt(d, at, autoscalerOfPolicy(String(v), (getAt(d, at) ?? {}) as Obj))}
        />
        <Field scope={scope} path={[...at, 'metric']} label="Metric" type="select" options={withDefault('cpu', METRICS)} editName={`${name} metric`} testId="edit-autoscaler-metric" />
        <Field scope={scope} path={[...at, 'minReplicas']} label="Min replicas" type="int" editName={`${name} min replicas`} testId="edit-autoscaler-minReplicas" hint="Default 1; 0 allows scale to zero" />
        <Field scope={scope} path={[...at, 'maxReplicas']} label="Max replicas" type="int" editName={`${name} max replicas`} testId="edit-autoscaler-maxReplicas" />
        {tracking && (
          <>
            <Field scope={scope} path={[...at, 'target']} label="Target per replica" type="number" editName={`${name} target`} testId="edit-autoscaler-target" hint="0.8 for cpu (80 %); req/s for rps; seconds for p95-latency" />
            <Field scope={scope} path={[...at, 'tolerance']} label="Tolerance" type="number" editName={`${name} tolerance`} testId="edit-autoscaler-tolerance" hint="Default 0.1 (Kubernetes)" />
          </>
        )}
        <Field scope={scope} path={[...at, 'syncPeriod']} label="Sync period" type="duration" editName={`${name} sync period`} testId="edit-autoscaler-syncPeriod" hint="Default 15 s" />
        <Field scope={scope} path={[...at, 'startup']} label="Start-up" type="duration" editName={`${name} start-up`} testId="edit-autoscaler-startup" hint="Default 10 s" />
        {policy === 'step' && <Field scope={scope} path={[...at, 'cooldown']} label="Cooldown" type="duration" editName={`${name} cooldown`} testId="edit-autoscaler-cooldown" hint="Default 300 s (AWS)" />}
      </div>
      {tracking && (
        <>
          <Behaviour scope={scope} path={[...at, 'scaleUp']} name={`${name} scale-up`} testId="edit-autoscaler-up" up />
          <Behaviour scope={scope} path={[...at, 'scaleDown']} name={`${name} scale-down`} testId="edit-autoscaler-down" up={false} />
        </>
      )}
      {policy === 'predictive' && (
        <Block title="Forecast">
          <div className="edit-grid">
            <Field scope={scope} path={[...at, 'forecast', 'model']} label="Model" type="select" options={withDefault('auto', ['auto', 'holt-winters', 'seasonal-naive', 'linear'])} editName={`${name} forecast model`} testId="edit-autoscaler-model" />
            <Field scope={scope} path={[...at, 'forecast', 'season']} label="Season" type="duration" editName={`${name} season`} testId="edit-autoscaler-season" hint="Default 1d" />
            <Field scope={scope} path={[...at, 'forecast', 'bucket']} label="Bucket" type="duration" editName={`${name} bucket`} testId="edit-autoscaler-bucket" hint="Default 5m" />
            <Field scope={scope} path={[...at, 'forecast', 'lead']} label="Lead" type="duration" editName={`${name} lead`} testId="edit-autoscaler-lead" hint="Default: the mean provisioning + start-up delay" />
          </div>
        </Block>
      )}
      {policy === 'step' && <Rows scope={scope} path={[...at, 'rules']} columns={RULE_COLUMNS} newRow={newRule} editName={`${name} rules`} itemLabel="rule" caption="Rules (checked in order; the first that fires acts)" testId="edit-autoscaler-rules" />}
      {policy === 'scheduled' && <Rows scope={scope} path={[...at, 'schedule']} columns={SCHEDULE_COLUMNS} newRow={newAction} editName={`${name} schedule`} itemLabel="scheduled action" caption="Scheduled actions" testId="edit-autoscaler-schedule" />}
      <ExactIssues scope={scope} path={at} testId="edit-autoscaler" />
      <div className="edit-row">
        <EditButton label="Remove the autoscaler" name={`${id}: remove the autoscaler`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, undefined) })} testId="edit-autoscaler-remove" danger />
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
  const columns: readonly RowColumn[] = [
    { key: 'service', label: 'Service', type: 'select', options: opts(services.split('\n').filter((s) => s !== '' && s !== id)) },
    { key: 'probability', label: 'Probability', type: 'number', hint: 'Chance that a request makes this call (default 1)' },
  ];
  return (
    <Block title="Calls downstream" testId="editor-calls-block">
      {targets.length > 0 && (
        <Field
          scope={scope}
          path={[...path, 'calls', 'mode']}
          label="Mode"
          type="select"
          options={withDefault('sequential', ['sequential', 'parallel'])}
          editName={`${id}: call mode`}
          testId="edit-calls-mode"
        />
      )}
      <Rows
        scope={scope}
        path={[...path, 'calls', 'targets']}
        columns={columns}
        newRow={() => ({ service: chosen })}
        editName={`${id}: calls`}
        itemLabel="call"
        empty="No calls: this service answers after its own work."
        testId="editor-calls"
        noAdd
        removeRowEdit={(doc, i) => removeCall(doc, id, targets[i] ?? '')}
      />
      {others.length > 0 && (
        <div className="edit-row">
          <label htmlFor={selectId} className="field-label">
            Add a call to
          </label>
          <select id={selectId} value={chosen} onChange={(e) => setPick(e.target.value)} data-testid="editor-call-target">
            {others.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          <EditButton
            label="Connect"
            name={`${id}: call ${chosen}`}
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

const TOLERATION_COLUMNS: readonly RowColumn[] = [
  { key: 'key', label: 'Key', type: 'text' },
  { key: 'value', label: 'Value', type: 'text', hint: 'Empty: any value' },
  { key: 'effect', label: 'Effect', type: 'select', options: withDefault('every effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute']) },
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
  const picked = chosen === '' ? [] : chosen.split('\n');
  const toggle = (zone: string, on: boolean) => {
    const next = on ? [...picked, zone] : picked.filter((z) => z !== zone);
    void commitEdit(`${name}: ${on ? 'allow' : 'exclude'} ${zone}`, (d) => ({ ok: true, doc: setAt(d, path, next.length > 0 ? next : undefined) }), scope);
  };
  return (
    <div className="edit-field" role="group" aria-label="Zones allowed">
      <span className="field-label">Zones allowed {picked.length === 0 && <span className="muted">(any)</span>}</span>
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
  const poolIds = pools === '' ? [] : pools.split('\n');
  if (poolIds.length === 0 && !placed) return null;
  const at = [...path, 'placement'];
  const name = `${id}: placement`;
  if (!placed) {
    const chosen = poolIds.includes(target) ? target : poolIds[0]!;
    return (
      <Block title="Placement on hosts" testId="edit-placement" note={`${id}'s replicas are abstract (no hosts). Place them on a host pool (or drag the service onto a pool in the Infrastructure view):`}>
        <div className="edit-row">
          <label htmlFor={selectId} className="field-label">
            Pool
          </label>
          <select id={selectId} value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="edit-placement-pool">
            {poolIds.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <EditButton label="Place on hosts" name={`${id}: place on pool ${chosen}`} scope={scope} make={(d) => placeService(d, id, { kind: 'pool', id: chosen } satisfies PlaceTarget, types)} testId="edit-placement-place" />
        </div>
      </Block>
    );
  }
  return (
    <Block title="Placement on hosts" testId="edit-placement">
      <div className="edit-grid">
        <Field scope={scope} path={[...at, 'kind']} label="Kind" type="select" options={withDefault('vm', ['vm', 'container'])} editName={`${name} kind`} testId="edit-placement-kind" />
        <Field scope={scope} path={[...at, 'priority']} label="Priority" type="int" editName={`${name} priority`} testId="edit-placement-priority" hint="Higher may preempt lower (default 0)" />
        <Field scope={scope} path={[...at, 'tenant']} label="Tenant" type="text" editName={`${name} tenant`} testId="edit-placement-tenant" />
        <Field scope={scope} path={[...at, 'pricing']} label="Pricing" type="select" options={withDefault('on-demand', ['on-demand', 'spot'])} editName={`${name} pricing`} testId="edit-placement-pricing" />
        <Field scope={scope} path={[...at, 'spread', 'maxSkew']} label="Spread: max skew" type="int" editName={`${name} max skew`} testId="edit-placement-skew" hint="Topology spread across zones; empty: no spread rule" />
        <CheckField scope={scope} path={[...at, 'antiAffinity']} label="Never two on one host" editName={`${name} anti-affinity`} testId="edit-placement-anti" />
      </div>
      <ZoneChecks path={[...at, 'zones']} scope={scope} name={name} />
      <Rows scope={scope} path={[...at, 'tolerations']} columns={TOLERATION_COLUMNS} newRow={() => ({ key: 'dedicated', effect: 'NoSchedule' })} editName={`${name} tolerations`} itemLabel="toleration" caption="Tolerations" empty="Tolerates no taint." testId="edit-placement-tolerations" />
      <ExactIssues scope={scope} path={at} testId="edit-placement" />
      <div className="edit-row">
        <EditButton label="Stop placing on hosts" name={`${id}: not on hosts`} scope={scope} make={(d) => unplaceService(d, id)} testId="edit-placement-remove" danger />
      </div>
    </Block>
  );
});

// ------------------------------------------------------------------ health checks and objectives

export const HealthCheckForm = memo(function HealthCheckForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const has = useEditor((s) => (s.doc ? getAt(s.doc, [...path, 'healthCheck']) !== undefined : false));
  const at = [...path, 'healthCheck'];
  const name = `${id}: health checks`;
  if (!has) {
    return (
      <Block title="Health checks" testId="edit-health" note="None: the balancer keeps sending to a replica that is down.">
        <EditButton label="+ Add health checks" name={`${id}: add health checks`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, { interval: 5, unhealthyThreshold: 3, healthyThreshold: 2 }) })} testId="edit-health-add" />
      </Block>
    );
  }
  return (
    <Block title="Health checks" testId="edit-health">
      <div className="edit-grid">
        <Field scope={scope} path={[...at, 'interval']} label="Interval" type="duration" editName={`${name} interval`} testId="edit-health-interval" hint="Default 5 s" />
        <Field scope={scope} path={[...at, 'maxQueue']} label="Max queue" type="int" editName={`${name} max queue`} testId="edit-health-maxQueue" hint="More waiting requests fail the check; empty: only a down replica fails" />
        <Field scope={scope} path={[...at, 'unhealthyThreshold']} label="Unhealthy after" type="int" editName={`${name} unhealthy threshold`} testId="edit-health-unhealthy" hint="Failed checks in a row (default 3)" />
        <Field scope={scope} path={[...at, 'healthyThreshold']} label="Healthy after" type="int" editName={`${name} healthy threshold`} testId="edit-health-healthy" hint="Passed checks in a row (default 2)" />
      </div>
      <div className="edit-row">
        <EditButton label="Remove health checks" name={`${id}: remove health checks`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, undefined) })} testId="edit-health-remove" danger />
      </div>
    </Block>
  );
});

export const SloForm = memo(function SloForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const has = useEditor((s) => (s.doc ? getAt(s.doc, [...path, 'slo']) !== undefined : false));
  const at = [...path, 'slo'];
  const name = `${id}: objectives`;
  if (!has) {
    return (
      <Block title="Objectives (SLO)" testId="edit-slo" note="None.">
        <EditButton label="+ Add objectives" name={`${id}: add objectives`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, { availability: 0.999, latency: { percentile: 0.99, threshold: '300ms' }, window: 60 }) })} testId="edit-slo-add" />
      </Block>
    );
  }
  return (
    <Block title="Objectives (SLO)" testId="edit-slo">
      <div className="edit-grid">
        <Field scope={scope} path={[...at, 'availability']} label="Availability" type="number" editName={`${name} availability`} testId="edit-slo-availability" hint="e.g. 0.999; empty: none" />
        <Field scope={scope} path={[...at, 'window']} label="Window" type="duration" editName={`${name} window`} testId="edit-slo-window" hint="Default 60 s" />
        <Field scope={scope} path={[...at, 'latency', 'percentile']} label="Latency percentile" type="number" editName={`${name} percentile`} testId="edit-slo-percentile" hint="0.99 for p99" />
        <Field scope={scope} path={[...at, 'latency', 'threshold']} label="Latency threshold" type="duration" editName={`${name} threshold`} testId="edit-slo-threshold" hint="e.g. 300ms" />
      </div>
      <div className="edit-row">
        <EditButton label="Remove objectives" name={`${id}: remove objectives`} scope={scope} make={(d) => ({ ok: true, doc: setAt(d, at, undefined) })} testId="edit-slo-remove" danger />
      </div>
    </Block>
  );
});

// ------------------------------------------------------------------ balancer settings of the scenario

/** The scenario's balancer and the settings of its policy (the live switch is the inspector's "Load balancer"). */
export const BalancerForm = memo(function BalancerForm({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const policy = useEditor((s) => (s.doc ? String(getAt(s.doc, [...path, 'loadBalancer', 'policy']) ?? 'round-robin') : 'round-robin'));
  const at = [...path, 'loadBalancer'];
  const name = `${id}: balancer`;
  return (
    <>
      <Field scope={scope} path={[...at, 'policy']} label="Balancer (scenario)" type="select" options={[['', 'round-robin (default)'] as const, ...POLICIES.map((p) => [p, POLICY_LABELS[p]] as const)]} editName={name} testId="edit-policy" />
      {policy === 'power-of-two' && <Field scope={scope} path={[...at, 'choices']} label="Choices" type="int" editName={`${name} choices`} testId="edit-lb-choices" hint="Default 2" />}
      {policy === 'consistent-hash' && <Field scope={scope} path={[...at, 'virtualNodes']} label="Virtual nodes" type="int" editName={`${name} virtual nodes`} testId="edit-lb-virtualNodes" hint="Default 160" />}
      {policy === 'maglev' && <Field scope={scope} path={[...at, 'tableSize']} label="Table size" type="int" editName={`${name} table size`} testId="edit-lb-tableSize" hint="A prime, default 65537" />}
      {policy === 'least-response-time' && <Field scope={scope} path={[...at, 'alpha']} label="Alpha" type="number" editName={`${name} alpha`} testId="edit-lb-alpha" hint="Default 0.2" />}
      {policy === 'weighted-round-robin' && <Field scope={scope} path={[...path, 'weights']} label="Weights" type="numbers" editName={`${id}: weights`} testId="edit-weights" hint="One per replica, e.g. 1, 1, 2" />}
    </>
  );
});

// ------------------------------------------------------------------ workloads and pools

const POINT_COLUMNS: readonly RowColumn[] = [
  { key: 'at', label: 'At', type: 'duration' },
  { key: 'rate', label: 'Rate, req/s', type: 'number' },
];
const STATE_COLUMNS: readonly RowColumn[] = [
  { key: 'rate', label: 'Rate, req/s', type: 'number' },
  { key: 'meanDuration', label: 'Mean duration', type: 'duration' },
];

/** The lists of an arrival process: piecewise points, MMPP states, inline trace data. */
export const ArrivalLists = memo(function ArrivalLists({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const type = useEditor((s) => (s.doc ? String(getAt(s.doc, [...path, 'type']) ?? '') : ''));
  const dataLength = useEditor((s) => {
    const d = s.doc ? getAt(s.doc, [...path, 'data']) : undefined;
    return Array.isArray(d) ? d.length : -1;
  });
  const newPoint = useCallback((doc: Doc) => {
    const pts = getAt(doc, [...path, 'points']);
    const last = Array.isArray(pts) ? (pts[pts.length - 1] as Obj | undefined) : undefined;
    const t = typeof last?.at === 'number' ? last.at + 60 : 0;
    return { at: t, rate: typeof last?.rate === 'number' ? last.rate : 10 };
  }, [path]);
  if (type === 'piecewise') {
    return (
      <>
        <Field scope={scope} path={[...path, 'interpolation']} label="Between points" type="select" options={withDefault('step', ['step', 'linear'])} editName={`${id}: interpolation`} testId="edit-arrival-interpolation" />
        <Rows scope={scope} path={[...path, 'points']} columns={POINT_COLUMNS} newRow={newPoint} editName={`${id}: rate points`} itemLabel="rate point" caption="Rate points (in time order)" testId="edit-arrival-points" />
      </>
    );
  }
  if (type === 'mmpp') {
    return <Rows scope={scope} path={[...path, 'states']} columns={STATE_COLUMNS} newRow={() => ({ rate: 10, meanDuration: 30 })} editName={`${id}: states`} itemLabel="state" caption="States (visited in a cycle; at least two)" testId="edit-arrival-states" />;
  }
  if (type === 'trace' && dataLength >= 0) {
    return dataLength <= 200 ? (
      <Field scope={scope} path={[...path, 'data']} label="Trace data" type="numbers" editName={`${id}: trace data`} testId="edit-arrival-data" hint="Counts per minute, or arrival times in seconds" />
    ) : (
      <p className="note">The trace holds {dataLength.toLocaleString('en-US')} values: edit it as JSON or import it again.</p>
    );
  }
  return null;
});

export const ClientsFields = memo(function ClientsFields({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  const at = [...path, 'clients'];
  return (
    <>
      <Field scope={scope} path={[...at, 'count']} label="Clients" type="int" editName={`${id}: clients`} testId="edit-clients-count" hint="Distinct clients (affinity keys), default 10,000" />
      <Field scope={scope} path={[...at, 'popularity']} label="Popularity" type="select" options={withDefault('uniform', ['uniform', 'zipf'])} editName={`${id}: popularity`} testId="edit-clients-popularity" />
      <Field scope={scope} path={[...at, 'skew']} label="Zipf skew" type="number" editName={`${id}: skew`} testId="edit-clients-skew" hint="Default 1" />
    </>
  );
});

const TAINT_COLUMNS: readonly RowColumn[] = [
  { key: 'key', label: 'Key', type: 'text' },
  { key: 'value', label: 'Value', type: 'text' },
  { key: 'effect', label: 'Effect', type: 'select', options: opts(['NoSchedule', 'PreferNoSchedule', 'NoExecute']) },
];

/** A pool's cluster-autoscaler bounds, tenancy, overcommit, price and taints. */
export const PoolExtras = memo(function PoolExtras({ id, path, scope }: { id: string; path: DocPath; scope: string }) {
  return (
    <>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'minCount']} label="Min hosts" type="int" editName={`${id}: min hosts`} testId="edit-minCount" hint="Cluster autoscaler: fewest hosts" />
        <Field scope={scope} path={[...path, 'maxCount']} label="Max hosts" type="int" editName={`${id}: max hosts`} testId="edit-maxCount" hint="Cluster autoscaler: most hosts (default: count)" />
        <Field scope={scope} path={[...path, 'shape', 'gpu']} label="GPUs per host" type="int" editName={`${id}: GPUs`} testId="edit-gpu" />
        <Field scope={scope} path={[...path, 'pricePerHour']} label="Price per host-hour, USD" type="number" editName={`${id}: price`} testId="edit-price" />
        <Field scope={scope} path={[...path, 'overcommit', 'cpu']} label="CPU overcommit" type="number" editName={`${id}: CPU overcommit`} testId="edit-overcommit-cpu" hint="1 to 16, default 1" />
        <Field scope={scope} path={[...path, 'overcommit', 'memory']} label="Memory overcommit" type="number" editName={`${id}: memory overcommit`} testId="edit-overcommit-memory" hint="1 to 4, default 1" />
        <Field scope={scope} path={[...path, 'dedicatedTo']} label="Dedicated to tenant" type="text" editName={`${id}: dedicated to`} testId="edit-dedicatedTo" />
      </div>
      <Rows scope={scope} path={[...path, 'taints']} columns={TAINT_COLUMNS} newRow={() => ({ key: 'dedicated', value: id, effect: 'NoSchedule' })} editName={`${id}: taints`} itemLabel="taint" caption="Taints" empty="No taints: any instance may land here." testId="edit-taints" />
    </>
  );
});
