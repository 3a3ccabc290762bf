/* i18n-pending */
/**
 * Inspector forms of the scenario editor: the common parameters of a service, workload, host pool,
 * region or zone as typed fields, the rest as JSON, and removal. Every change is a named edit
 * (undoable) validated by the worker.
 */
import { memo, useCallback, useId, useState } from 'react';
import { actions } from '../bridge';
import { POLICIES, POLICY_LABELS } from '../inspector/policies';
import { commitEdit, selectElement, useEditor } from './editStore';
import { Field, JsonField } from './fields';
import { injectCrash, injectSpike, isPlaced } from './topologyEditing';
import { addCall, elementPath, getAt, idsOf, KIND_LABEL, removeCall, removeElement, setAt, zonesOf, type Doc, type ElementRef } from './docEdits';

const scopeOf = (ref: ElementRef): string => `${ref.kind}:${ref.id}`;

const WORK_TYPES = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'bounded-pareto', 'empirical'] as const;
const ARRIVAL_TYPES = ['poisson', 'piecewise', 'diurnal', 'spike', 'mmpp', 'trace'] as const;

type Obj = Record<string, unknown>;
const num = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);

/** A work distribution of another type with about the same mean. */
function workOfType(type: string, old: Obj): Obj {
  const mean = num(old.mean, num(old.value, 0.05));
  switch (type) {
    case 'constant':
      return { type, value: mean };
    case 'uniform':
      return { type, min: 0, max: 2 * mean };
    case 'normal':
      return { type, mean, sd: mean / 4 };
    case 'lognormal':
      return { type, mean, sd: mean };
    case 'bounded-pareto':
      return { type, alpha: 1.5, min: mean / 3, max: mean * 20 };
    case 'empirical':
      return { type, samples: [mean / 2, mean, mean * 2] };
    default:
      return { type: 'exponential', mean };
  }
}

/** Arrivals of another type with about the same rate. */
function arrivalOfType(type: string, old: Obj): Obj {
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
  return (
    <>
      {keys.map((k) => (
        <Field
          key={k}
          scope={scope}
          path={[...path, k]}
          label={k}
          type={typeof obj[k] === 'number' ? 'number' : 'duration'}
          editName={`${name}: ${k}`}
          testId={`${testId}-${k}`}
        />
      ))}
    </>
  );
}

function zoneOptions(doc: Doc, allowNone: boolean): Array<readonly [string, string]> {
  const zones = zonesOf(doc).map((z) => [z.zone, `${z.zone} (${z.region})`] as const);
  return allowNone ? [['', '(none)'] as const, ...zones] : zones;
}

/** Remove button: refuses (with the reason in the editor's message) when something still refers to it. */
const RemoveButton = memo(function RemoveButton({ refTo }: { refTo: ElementRef }) {
  const busy = useEditor((s) => s.pending !== null);
  const onClick = useCallback(async () => {
    const ok = await commitEdit(`Remove ${KIND_LABEL[refTo.kind]} ${refTo.id}`, (doc) => removeElement(doc, refTo), scopeOf(refTo));
    if (ok) {
      selectElement(null);
      if (refTo.kind === 'service') void actions.selectService(null);
    }
  }, [refTo]);
  return (
    <button type="button" className="danger" onClick={() => void onClick()} disabled={busy} data-testid="editor-remove">
      Remove {KIND_LABEL[refTo.kind]}
    </button>
  );
});

/** "Calls" of a service: the list, remove buttons, and "Add a call to…" (the keyboard way to connect). */
const CallsEditor = memo(function CallsEditor({ id, doc }: { id: string; doc: Doc }) {
  const path = elementPath(doc, { kind: 'service', id });
  const calls = path ? getAt(doc, [...path, 'calls', 'targets']) : undefined;
  const targets = Array.isArray(calls) ? calls.map((t) => String((t as Obj).service)) : [];
  const others = idsOf(doc, 'service').filter((s) => s !== id && !targets.includes(s));
  const [pick, setPick] = useState('');
  const selectId = useId();
  const chosen = others.includes(pick) ? pick : (others[0] ?? '');
  const scope = scopeOf({ kind: 'service', id });
  return (
    <div className="edit-calls">
      <span className="field-label">Calls downstream</span>
      {targets.length === 0 ? (
        <p className="note">No calls: this service answers after its own work.</p>
      ) : (
        <ul className="edit-list" data-testid="editor-calls">
          {targets.map((t) => (
            <li key={t}>
              → {t}{' '}
              <button type="button" className="linkish" aria-label={`Remove the call from ${id} to ${t}`} onClick={() => void commitEdit(`${id}: stop calling ${t}`, (d) => removeCall(d, id, t), scope)}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
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
          <button type="button" onClick={() => void commitEdit(`${id}: call ${chosen}`, (d) => addCall(d, id, chosen), scope)} data-testid="editor-add-call">
            Connect
          </button>
        </div>
      )}
    </div>
  );
});

/** The scenario's own parameters of a service (in the service inspector). */
export const ServiceEditor = memo(function ServiceEditor({ id }: { id: string }) {
  const doc = useEditor((s) => s.doc);
  if (!doc) return null;
  const path = elementPath(doc, { kind: 'service', id });
  if (!path) return null;
  const svc = getAt(doc, path) as Obj;
  const scope = scopeOf({ kind: 'service', id });
  const work = (svc.work ?? {}) as Obj;
  const workType = typeof work.type === 'string' ? work.type : 'exponential';
  const applyWorkType = (d: Doc, v: unknown): Doc => setAt(d, [...path, 'work'], workOfType(String(v), (getAt(d, [...path, 'work']) ?? {}) as Obj));
  return (
    <section className="insp-section edit-section" aria-label="Scenario parameters" data-testid="editor-service">
      <h3>
        Scenario parameters <span className="muted">(edits restart the run on the same seed)</span>
      </h3>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'replicas']} label="Replicas" type="int" editName={`${id}: replicas`} testId="edit-replicas" />
        <Field scope={scope} path={[...path, 'concurrency']} label="Concurrency" type="int" editName={`${id}: concurrency`} testId="edit-concurrency" hint="Requests one replica serves at once (default 1)" />
        <Field
          scope={scope}
          path={[...path, 'queue']}
          label="Queue"
          type="select"
          options={[
            ['', 'per-replica (default)'],
            ['per-replica', 'per-replica'],
            ['shared', 'shared'],
          ]}
          editName={`${id}: queue`}
          testId="edit-queue"
        />
        <Field scope={scope} path={[...path, 'queueLimit']} label="Queue limit" type="int" editName={`${id}: queue limit`} testId="edit-queueLimit" hint="Default 1000" />
        <Field scope={scope} path={[...path, 'timeout']} label="Timeout" type="duration" editName={`${id}: timeout`} testId="edit-timeout" hint="e.g. 2s, 500ms; empty: none" />
        <Field
          scope={scope}
          path={[...path, 'loadBalancer', 'policy']}
          label="Balancer (scenario)"
          type="select"
          options={[['', 'round-robin (default)'] as const, ...POLICIES.map((p) => [p, POLICY_LABELS[p]] as const)]}
          editName={`${id}: balancer`}
          testId="edit-policy"
        />
        <Field scope={scope} path={[...path, 'zone']} label="Zone" type="select" options={zoneOptions(doc, true)} editName={`${id}: zone`} testId="edit-zone" />
        <Field scope={scope} path={[...path, 'instanceType']} label="Instance type" type="text" editName={`${id}: instance type`} testId="edit-instanceType" />
        <Field
          scope={scope}
          path={[...path, 'work', 'type']}
          label="Work distribution"
          type="select"
          options={WORK_TYPES.map((t) => [t, t] as const)}
          editName={`${id}: work distribution`}
          testId="edit-work-type"
          apply={applyWorkType}
        />
        <ParamFields scope={scope} path={[...path, 'work']} obj={work} name={`${id}: work (${workType})`} testId="edit-work" />
      </div>
      <CallsEditor id={id} doc={doc} />
      <JsonField scope={scope} path={path} editName={`${id}`} testId="edit-json" />
      <div className="edit-row">
        <button
          type="button"
          className="danger"
          onClick={() => void injectCrash(id)}
          disabled={isPlaced(id)}
          title={isPlaced(id) ? 'Replicas placed on hosts fail with their hosts: use a host\'s menu in the Infrastructure view' : 'Replica 0 crashes at the current time, back 30 s later (a scenario edit)'}
          data-testid="editor-crash"
        >
          Crash a replica from now
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
  const applyArrivalType = (d: Doc, v: unknown): Doc => setAt(d, [...path, 'arrival'], arrivalOfType(String(v), (getAt(d, [...path, 'arrival']) ?? {}) as Obj));
  const fromOptions = [['', '(next to the service)'] as const, ...idsOf(doc, 'region').map((r) => [r, `region ${r}`] as const), ...zonesOf(doc).map((z) => [z.zone, `zone ${z.zone}`] as const)];
  return (
    <>
      <div className="edit-grid">
        <Field
          scope={scope}
          path={[...path, 'target']}
          label="Sends to (connect to…)"
          type="select"
          options={idsOf(doc, 'service').map((s) => [s, s] as const)}
          editName={`${id}: target`}
          testId="edit-target"
        />
        <Field scope={scope} path={[...path, 'name']} label="Name" type="text" editName={`${id}: name`} testId="edit-name" />
        <Field scope={scope} path={[...path, 'from']} label="Clients in" type="select" options={fromOptions} editName={`${id}: clients' location`} testId="edit-from" />
        <Field
          scope={scope}
          path={[...path, 'arrival', 'type']}
          label="Arrivals"
          type="select"
          options={ARRIVAL_TYPES.map((t) => [t, t] as const)}
          editName={`${id}: arrival type`}
          testId="edit-arrival-type"
          apply={applyArrivalType}
        />
        <ParamFields scope={scope} path={[...path, 'arrival']} obj={arrival} name={`${id}: arrivals`} testId="edit-arrival" />
      </div>
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

function PoolForm({ id, doc, path }: { id: string; doc: Doc; path: Array<string | number> }) {
  const scope = scopeOf({ kind: 'pool', id });
  return (
    <>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'zone']} label="Zone" type="select" options={zoneOptions(doc, false)} editName={`${id}: zone`} testId="edit-zone" />
        <Field scope={scope} path={[...path, 'count']} label="Hosts" type="int" editName={`${id}: hosts`} testId="edit-count" />
        <Field scope={scope} path={[...path, 'shape', 'vcpu']} label="vCPU per host" type="number" editName={`${id}: vCPU`} testId="edit-vcpu" />
        <Field scope={scope} path={[...path, 'shape', 'memoryGiB']} label="Memory per host, GiB" type="number" editName={`${id}: memory`} testId="edit-memory" />
        <Field scope={scope} path={[...path, 'mtbf']} label="MTBF" type="duration" editName={`${id}: MTBF`} testId="edit-mtbf" hint="Random host failures; empty: none" />
        <Field scope={scope} path={[...path, 'mttr']} label="MTTR" type="duration" editName={`${id}: MTTR`} testId="edit-mttr" />
      </div>
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

function RegionForm({ id, path }: { id: string; path: Array<string | number> }) {
  const scope = scopeOf({ kind: 'region', id });
  return (
    <>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'name']} label="Name" type="text" editName={`${id}: name`} testId="edit-name" />
        <Field
          scope={scope}
          path={[...path, 'kind']}
          label="Kind"
          type="select"
          options={[
            ['', 'public (default)'],
            ['public', 'public'],
            ['private', 'private datacenter'],
            ['edge', 'edge'],
          ]}
          editName={`${id}: kind`}
          testId="edit-kind"
        />
      </div>
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

function ZoneForm({ id, path }: { id: string; path: Array<string | number> }) {
  const scope = scopeOf({ kind: 'zone', id });
  return (
    <>
      <div className="edit-grid">
        <Field scope={scope} path={[...path, 'name']} label="Name" type="text" editName={`${id}: name`} testId="edit-name" />
      </div>
      <JsonField scope={scope} path={path} editName={id} testId="edit-json" />
    </>
  );
}

/** The inspector for a workload, host pool, region or zone chosen in the palette or the topology. */
export const ElementInspector = memo(function ElementInspector({ refTo }: { refTo: ElementRef }) {
  const doc = useEditor((s) => s.doc);
  const path = doc ? elementPath(doc, refTo) : null;
  const label = KIND_LABEL[refTo.kind];
  return (
    <aside className="inspector card" data-testid="element-inspector" aria-label={`Inspector: ${label} ${refTo.id}`}>
      <header className="insp-head">
        <h2>
          <span className="muted">{label}</span> <span data-testid="element-inspector-id">{refTo.id}</span>
        </h2>
        <button type="button" className="icon-button" onClick={() => selectElement(null)} aria-label="Close the inspector">
          ×
        </button>
      </header>
      {!doc || !path ? (
        <p className="muted">This element is not in the scenario any more.</p>
      ) : (
        <section className="insp-section edit-section" aria-label="Scenario parameters">
          <h3>
            Scenario parameters <span className="muted">(edits restart the run on the same seed)</span>
          </h3>
          {refTo.kind === 'workload' && <WorkloadForm id={refTo.id} doc={doc} path={path} />}
          {refTo.kind === 'workload' && (
            <div className="edit-row">
              <button type="button" onClick={() => void injectSpike(refTo.id)} data-testid="editor-spike" title="Adds a flash crowd from the current time (a scenario edit)">
                Traffic spike from now
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
