/**
 * Inspector forms of the scenario editor: the common parameters of a service, workload, host pool,
 * region or zone as typed fields, the rest as JSON, and removal. Every change is a named edit
 * (undoable) validated by the worker.
 */
import { memo, useCallback } from 'react';
import { actions } from '../bridge';
import { useCompute } from '../infra/computeStore';
import { useInstanceTypes } from './instanceTypes';
import { fieldLabelMessages, paramLabel } from './fieldLabels.messages';
import { commitEdit, selectElement, useEditor } from './editStore';
import { Field, JsonField } from './fields';
import { ArrivalLists, AutoscalerForm, BalancerForm, CallsForm, ClientsFields, HealthCheckForm, PlacementForm, PoolExtras, SloForm } from './forms';
import { injectCrash, injectSpike, isPlaced } from './topologyEditing';
import { useT, type Translate } from '../i18n/messages';
import { editorMessages } from './editor.messages';
import { formMessages } from './forms.messages';
import { distributionOfType, elementPath, getAt, idsOf, kindLabel, removeElement, setAt, zonesOf, type Doc, type ElementRef, type InstanceTypeSize } from './docEdits';

const NO_TYPES: readonly InstanceTypeSize[] = [];

const scopeOf = (ref: ElementRef): string => `${ref.kind}:${ref.id}`;

const WORK_TYPES = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'bounded-pareto', 'empirical'] as const;
const ARRIVAL_TYPES = ['poisson', 'piecewise', 'diurnal', 'spike', 'mmpp', 'trace'] as const;

type Obj = Record<string, unknown>;
const num = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);

/** A work distribution of another type with about the same mean (0.05 s when it had none). */
function workOfType(type: string, old: Obj): Obj {
  return distributionOfType(type, old, 0.05, 1);
}

/** Arrivals of another type with about the same rate. */
export function arrivalOfType(type: string, old: Obj): Obj {
  const rate = num(old.rate, num(old.base, num(old.trough, 10)));
  switch (type) {
    case 'spike':
      return { type, base: rate, peak: rate * 2, at: 60, rampUp: 10, hold: 60, rampDown: 10 };
    case 'piecewise':
      return { type, points: [{ at: 0, rate }, { at: 120, rate: rate * 2 }] };
    case 'diurnal':
      return { type, trough: rate / 2, peak: rate * 2 };
    case 'mmpp':
      return { type, states: [{ rate, meanDuration: 30 }, { rate: rate * 3, meanDuration: 10 }] };
    case 'trace':
      return { type, format: 'per-minute', data: [rate * 60, rate * 90, rate * 60], minuteSeconds: 60 };
    default:
      return { type: 'poisson', rate };
  }
}

/** Typed fields for the scalar parameters an object holds (besides `type`). */
function ParamFields({ scope, path, obj, name, testId, skip = [] }: { scope: string; path: Array<string | number>; obj: Obj; name: string; testId: string; skip?: string[] }) {
  const keys = Object.keys(obj).filter((k) => k !== 'type' && !skip.includes(k) && (typeof obj[k] === 'number' || typeof obj[k] === 'string'));
  const tl = useT(fieldLabelMessages);
  return (
    <>
      {keys.map((k) => (
        <Field
          key={k}
          scope={scope}
          path={[...path, k]}
          label={paramLabel(tl, k)}
          type={typeof obj[k] === 'number' ? 'number' : 'duration'}
          editName={`${name}: ${paramLabel(tl, k)}`}
          testId={`${testId}-${k}`}
        />
      ))}
    </>
  );
}

type T = Translate<keyof typeof formMessages.en>;

function zoneOptions(t: T, doc: Doc, allowNone: boolean): Array<readonly [string, string]> {
  const zones = zonesOf(doc).map((z) => [z.zone, t('zoneWithRegion', { z: z.zone, r: z.region })] as const);
  return allowNone ? [['', t('none')] as const, ...zones] : zones;
}

/** The section's heading: what it edits, and that an edit restarts the run at 0 s. */
function ParamsHeading() {
  const t = useT(formMessages);
  return (
    <h3>
      {t('params')} <span className="muted">{t('paramsNote')}</span>
    </h3>
  );
}

/** Remove button: refuses (with the reason in the editor's message) when something still refers to it. */
const RemoveButton = memo(function RemoveButton({ refTo }: { refTo: ElementRef }) {
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(formMessages);
  const te = useT(editorMessages);
  const onClick = useCallback(async () => {
    const ok = await commitEdit(te('removeName', { kind: kindLabel(refTo.kind), id: refTo.id }), (doc) => removeElement(doc, refTo), scopeOf(refTo));
    if (ok) {
      selectElement(null);
      if (refTo.kind === 'service') void actions.selectService(null);
    }
  }, [refTo, te]);
  return (
    <button type="button" className="danger" onClick={() => void onClick()} disabled={busy} data-testid="editor-remove">
      {t('remove', { kind: kindLabel(refTo.kind) })}
    </button>
  );
});

/** The scenario's own parameters of a service (in the service inspector). */
export const ServiceEditor = memo(function ServiceEditor({ id }: { id: string }) {
  const doc = useEditor((s) => s.doc);
  const types = useCompute((s) => s.info?.instanceTypes ?? NO_TYPES);
  const instanceTypes = useInstanceTypes();
  const t = useT(formMessages);
  if (!doc) return null;
  const path = elementPath(doc, { kind: 'service', id });
  if (!path) return null;
  const svc = getAt(doc, path) as Obj;
  const scope = scopeOf({ kind: 'service', id });
  const work = (svc.work ?? {}) as Obj;
  const workType = typeof work.type === 'string' ? work.type : 'exponential';
  const applyWorkType = (d: Doc, v: unknown): Doc => setAt(d, [...path, 'work'], workOfType(String(v), (getAt(d, [...path, 'work']) ?? {}) as Obj));
  return (
    <section className="insp-section edit-section" aria-label={t('params')} data-testid="editor-service">
      <ParamsHeading />
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'replicas']} label={t('replicas')} type="int" editName={`${id}: ${t('replicas')}`} testId="edit-replicas" />
        <Field scope={scope} path={[...path, 'concurrency']} label={t('concurrency')} type="int" editName={`${id}: ${t('concurrency')}`} testId="edit-concurrency" hint={t('concurrencyHint')} />
        <Field
          scope={scope}
          path={[...path, 'queue']}
          label={t('queue')}
          type="select"
          options={[
            ['', t('defaultOpt', { value: t('queuePerReplica') })],
            ['per-replica', t('queuePerReplica')],
            ['shared', t('queueShared')],
          ]}
          editName={`${id}: ${t('queue')}`}
          testId="edit-queue"
        />
        <Field scope={scope} path={[...path, 'queueLimit']} label={t('queueLimit')} type="int" editName={`${id}: ${t('queueLimit')}`} testId="edit-queueLimit" hint={t('queueLimitHint')} />
        <Field scope={scope} path={[...path, 'timeout']} label={t('timeout')} type="duration" editName={`${id}: ${t('timeout')}`} testId="edit-timeout" hint={t('timeoutHint')} />
        <BalancerForm id={id} path={path} scope={scope} />
        <Field scope={scope} path={[...path, 'zone']} label={t('zone')} type="select" options={zoneOptions(t, doc, true)} editName={`${id}: ${t('zone')}`} testId="edit-zone" />
        <Field
          scope={scope}
          path={[...path, 'instanceType']}
          label={t('instanceType')}
          type="select"
          options={[['', t('none')] as const, ...instanceTypes.options]}
          unlistedLabel={instanceTypes.unlisted}
          editName={`${id}: ${t('instanceType')}`}
          testId="edit-instanceType"
        />
        <Field
          scope={scope}
          path={[...path, 'work', 'type']}
          label={t('workDistribution')}
          type="select"
          options={WORK_TYPES.map((w) => [w, w] as const)}
          editName={`${id}: ${t('workDistribution')}`}
          testId="edit-work-type"
          apply={applyWorkType}
        />
        <ParamFields scope={scope} path={[...path, 'work']} obj={work} name={`${id}: ${t('work', { type: workType })}`} testId="edit-work" />
        {workType === 'empirical' && <Field scope={scope} path={[...path, 'work', 'samples']} label={t('samples')} type="numbers" editName={`${id}: ${t('samples')}`} testId="edit-work-samples" hint={t('samplesHint')} />}
      </div>
      <CallsForm id={id} path={path} scope={scope} />
      <AutoscalerForm id={id} path={path} scope={scope} />
      <PlacementForm id={id} path={path} scope={scope} types={types} />
      <HealthCheckForm id={id} path={path} scope={scope} />
      <SloForm id={id} path={path} scope={scope} />
      <JsonField scope={scope} path={path} editName={`${id}`} testId="edit-json" />
      <div className="edit-row">
        <button
          type="button"
          className="danger"
          onClick={() => void injectCrash(id)}
          disabled={isPlaced(id)}
          title={isPlaced(id) ? t('crashPlaced') : t('crashTitle')}
          data-testid="editor-crash"
        >
          {t('crash')}
        </button>
        <RemoveButton refTo={{ kind: 'service', id }} />
      </div>
    </section>
  );
});

function WorkloadForm({ id, doc, path }: { id: string; doc: Doc; path: Array<string | number> }) {
  const w = getAt(doc, path) as Obj;
  const scope = scopeOf({ kind: 'workload', id });
  const arrival = (w.arrival ?? {}) as Obj;
  const t = useT(formMessages);
  const applyArrivalType = (d: Doc, v: unknown): Doc => setAt(d, [...path, 'arrival'], arrivalOfType(String(v), (getAt(d, [...path, 'arrival']) ?? {}) as Obj));
  const fromOptions = [['', t('nextToService')] as const, ...idsOf(doc, 'region').map((r) => [r, t('regionOpt', { id: r })] as const), ...zonesOf(doc).map((z) => [z.zone, t('zoneOpt', { id: z.zone })] as const)];
  return (
    <>
      <div className="edit-grid">
        <Field
          scope={scope}
          path={[...path, 'target']}
          label={t('sendsTo')}
          type="select"
          options={idsOf(doc, 'service').map((s) => [s, s] as const)}
          editName={`${id}: ${t('sendsTo')}`}
          testId="edit-target"
        />
        <Field scope={scope} path={[...path, 'name']} label={t('name')} type="text" editName={`${id}: ${t('name')}`} testId="edit-name" />
        <Field scope={scope} path={[...path, 'from']} label={t('clientsIn')} type="select" options={fromOptions} editName={`${id}: ${t('clientsIn')}`} testId="edit-from" />
        <Field
          scope={scope}
          path={[...path, 'arrival', 'type']}
          label={t('arrivals')}
          type="select"
          options={ARRIVAL_TYPES.map((a) => [a, a] as const)}
          editName={`${id}: ${t('arrivals')}`}
          testId="edit-arrival-type"
          apply={applyArrivalType}
        />
        <ParamFields scope={scope} path={[...path, 'arrival']} obj={arrival} name={`${id}: ${t('arrivals')}`} testId="edit-arrival" skip={['format', 'file', 'column', 'interpolation']} />
        <ClientsFields id={id} path={path} scope={scope} />
      </div>
      <ArrivalLists id={id} path={[...path, 'arrival']} scope={scope} />
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

function PoolForm({ id, doc, path }: { id: string; doc: Doc; path: Array<string | number> }) {
  const scope = scopeOf({ kind: 'pool', id });
  const t = useT(formMessages);
  return (
    <>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'zone']} label={t('zone')} type="select" options={zoneOptions(t, doc, false)} editName={`${id}: ${t('zone')}`} testId="edit-zone" />
        <Field scope={scope} path={[...path, 'count']} label={t('hosts')} type="int" editName={`${id}: ${t('hosts')}`} testId="edit-count" />
        <Field scope={scope} path={[...path, 'shape', 'vcpu']} label={t('vcpu')} type="number" editName={`${id}: ${t('vcpu')}`} testId="edit-vcpu" />
        <Field scope={scope} path={[...path, 'shape', 'memoryGiB']} label={t('memory')} type="number" editName={`${id}: ${t('memory')}`} testId="edit-memory" />
        {/* i18n-ignore: MTBF and MTTR are the same in both languages */}
        <Field scope={scope} path={[...path, 'mtbf']} label="MTBF" type="duration" editName={`${id}: MTBF`} testId="edit-mtbf" hint={t('mtbfHint')} />
        {/* i18n-ignore */}
        <Field scope={scope} path={[...path, 'mttr']} label="MTTR" type="duration" editName={`${id}: MTTR`} testId="edit-mttr" />
      </div>
      <PoolExtras id={id} path={path} scope={scope} />
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

function RegionForm({ id, path }: { id: string; path: Array<string | number> }) {
  const scope = scopeOf({ kind: 'region', id });
  const t = useT(formMessages);
  return (
    <>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'name']} label={t('name')} type="text" editName={`${id}: ${t('name')}`} testId="edit-name" />
        <Field
          scope={scope}
          path={[...path, 'kind']}
          label={t('kind')}
          type="select"
          options={[
            ['', t('defaultOpt', { value: t('kindPublic') })],
            ['public', t('kindPublic')],
            ['private', t('kindPrivate')],
            ['edge', t('kindEdge')],
          ]}
          editName={`${id}: ${t('kind')}`}
          testId="edit-kind"
        />
      </div>
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

function ZoneForm({ id, path }: { id: string; path: Array<string | number> }) {
  const scope = scopeOf({ kind: 'zone', id });
  const t = useT(formMessages);
  return (
    <>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'name']} label={t('name')} type="text" editName={`${id}: ${t('name')}`} testId="edit-name" />
      </div>
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

/** The inspector for a workload, host pool, region or zone chosen in the palette or the topology. */
export const ElementInspector = memo(function ElementInspector({ refTo }: { refTo: ElementRef }) {
  const doc = useEditor((s) => s.doc);
  const path = doc ? elementPath(doc, refTo) : null;
  const t = useT(formMessages);
  const label = kindLabel(refTo.kind);
  return (
    <aside className="inspector card" data-testid="element-inspector" aria-label={t('inspector', { kind: label, id: refTo.id })}>
      <header className="insp-head">
        <h2>
          <span className="muted">{label}</span> <span data-testid="element-inspector-id">{refTo.id}</span>
        </h2>
        <button type="button" className="icon-button" onClick={() => selectElement(null)} aria-label={t('close')}>
          ×
        </button>
      </header>
      {!doc || !path ? (
        <p className="muted">{t('gone')}</p>
      ) : (
        <section className="insp-section edit-section" aria-label={t('params')}>
          <ParamsHeading />
          {refTo.kind === 'workload' && <WorkloadForm id={refTo.id} doc={doc} path={path} />}
          {refTo.kind === 'workload' && (
            <div className="edit-row">
              <button type="button" onClick={() => void injectSpike(refTo.id)} data-testid="editor-spike" title={t('spikeTitle')}>
                {t('spike')}
              </button>
            </div>
          )}
          {refTo.kind === 'pool' && <PoolForm id={refTo.id} doc={doc} path={path} />}
          {refTo.kind === 'region' && <RegionForm id={refTo.id} path={path} />}
          {refTo.kind === 'zone' && <ZoneForm id={refTo.id} path={path} />}
          <div className="edit-row">
            <RemoveButton refTo={refTo} />
          </div>
        </section>
      )}
    </aside>
  );
});
