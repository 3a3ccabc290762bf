/* i18n-pending */
/**
 * A/B compare: pick what differs in B, run A and B on the same seed in two workers (live, side by
 * side, or to the end), and read the overlaid charts and the table of deltas.
 */
import { memo, useCallback, useEffect, useId, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useConsole } from '../store';
import { formatClock } from '../format';
import { POLICIES, policyLabel } from '../inspector/policies';
import type { AutoscalerSpecInput, BalancerPolicy, PricingPlan, VariantRequest } from '../../workers/api';
import { compareActions, requestKey } from './compareBridge';
import { useCompare } from './compareStore';
import { CompareCharts, COLOR_A, COLOR_B } from './CompareCharts';
import { formatDelta, formatPct, formatValue } from './compareFormat';
import './compare.css';

type Kind = 'balancer' | 'autoscaler' | 'pricing' | 'patch' | 'scenario';

const KINDS: ReadonlyArray<{ value: Kind; label: string }> = [
  { value: 'balancer', label: 'Balancer policy of a service' },
  { value: 'autoscaler', label: 'Autoscaler of a service' },
  { value: 'pricing', label: 'Billing plan of a service' },
  { value: 'patch', label: 'JSON merge patch' },
  { value: 'scenario', label: "Free edit of B's scenario (JSON)" },
];

const AUTOSCALER_POLICIES = ['target-tracking', 'step', 'scheduled', 'predictive'] as const;
const SPEEDS: ReadonlyArray<{ value: string; label: string; speed: number }> = [
  { value: '10', label: '10×', speed: 10 },
  { value: '100', label: '100×', speed: 100 },
  { value: '1000', label: '1000×', speed: 1000 },
  { value: 'max', label: 'max', speed: Infinity },
];

interface FormState {
  kind: Kind;
  service: string;
  policy: BalancerPolicy;
  asPolicy: string;
  asTarget: string;
  asMin: string;
  asMax: string;
  plan: PricingPlan;
  count: string;
  patchText: string;
  scenarioText: string;
}

/** The request for B from the form, or an error sentence. */
function requestOf(f: FormState): { ok: true; request: VariantRequest } | { ok: false; error: string } {
  switch (f.kind) {
    case 'balancer':
      return { ok: true, request: { choice: { kind: 'balancer', service: f.service, policy: f.policy } } };
    case 'autoscaler': {
      const settings: Partial<AutoscalerSpecInput> = {};
      if (f.asPolicy !== '') settings.policy = f.asPolicy as AutoscalerSpecInput['policy'];
      for (const [key, text] of [['target', f.asTarget], ['minReplicas', f.asMin], ['maxReplicas', f.asMax]] as const) {
        if (text.trim() === '') continue;
        const n = Number(text);
        if (!Number.isFinite(n)) return { ok: false, error: `${key}: "${text}" is not a number` };
        settings[key] = n;
      }
      return { ok: true, request: { choice: { kind: 'autoscaler', service: f.service, settings } } };
    }
    case 'pricing': {
      const count = f.count.trim() === '' ? undefined : Number(f.count);
      return { ok: true, request: { choice: { kind: 'pricing', service: f.service, plan: f.plan, ...(count !== undefined ? { count } : {}) } } };
    }
    case 'patch': {
      try {
        return { ok: true, request: { patch: JSON.parse(f.patchText) as unknown } };
      } catch (e) {
        return { ok: false, error: `The patch is not JSON: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    case 'scenario':
      return { ok: true, request: { scenarioText: f.scenarioText } };
  }
}

const VariantForm = memo(function VariantForm({ form, setForm }: { form: FormState; setForm: (f: (prev: FormState) => FormState) => void }) {
  const ids = useConsole((s) => s.scenario?.serviceIds ?? []);
  const topo = useConsole((s) => s.scenario?.topology.services);
  const current = topo?.find((t) => t.id === form.service);
  const base = useId();
  const on = useCallback(
    (key: keyof FormState) => (e: ChangeEvent<HTMLSelectElement | HTMLInputElement | HTMLTextAreaElement>) => {
      const value = e.target.value;
      setForm((f) => ({ ...f, [key]: value }));
    },
    [setForm],
  );
  const needsService = form.kind === 'balancer' || form.kind === 'autoscaler' || form.kind === 'pricing';
  return (
    <div className="compare-form edit-chrome">
      <label className="field-block" htmlFor={`${base}-kind`}>
        <span className="field-label">What differs in B</span>
        <select id={`${base}-kind`} data-testid="compare-kind" value={form.kind} onChange={on('kind')}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {needsService && (
        <label className="field-block" htmlFor={`${base}-service`}>
          <span className="field-label">Service</span>
          <select id={`${base}-service`} data-testid="compare-service" value={form.service} onChange={on('service')}>
            {ids.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      )}
      {form.kind === 'balancer' && (
        <label className="field-block" htmlFor={`${base}-policy`}>
          <span className="field-label">B's balancer (A: {policyLabel(current?.policy)})</span>
          <select id={`${base}-policy`} data-testid="compare-policy" value={form.policy} onChange={on('policy')}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {policyLabel(p)}
              </option>
            ))}
          </select>
        </label>
      )}
      {form.kind === 'autoscaler' && (
        <>
          <label className="field-block" htmlFor={`${base}-aspolicy`}>
            <span className="field-label">B's autoscaler policy</span>
            <select id={`${base}-aspolicy`} data-testid="compare-autoscaler-policy" value={form.asPolicy} onChange={on('asPolicy')}>
              <option value="">(as in A)</option>
              {AUTOSCALER_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          {(
            [
              ['asTarget', 'Target'],
              ['asMin', 'Min replicas'],
              ['asMax', 'Max replicas'],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="field-block" htmlFor={`${base}-${key}`}>
              <span className="field-label">{label}</span>
              <input id={`${base}-${key}`} data-testid={`compare-${key}`} inputMode="decimal" placeholder="as in A" value={form[key]} onChange={on(key)} size={8} />
            </label>
          ))}
        </>
      )}
      {form.kind === 'pricing' && (
        <>
          <label className="field-block" htmlFor={`${base}-plan`}>
            <span className="field-label">B's plan</span>
            <select id={`${base}-plan`} data-testid="compare-plan" value={form.plan} onChange={on('plan')}>
              <option value="reserved">Reserved commitment (1 year)</option>
              <option value="spot">Spot</option>
              <option value="on-demand">On-demand only</option>
            </select>
          </label>
          {form.plan === 'reserved' && (
            <label className="field-block" htmlFor={`${base}-count`}>
              <span className="field-label">Instances reserved</span>
              <input id={`${base}-count`} data-testid="compare-count" inputMode="numeric" placeholder={String(current?.replicas ?? '')} value={form.count} onChange={on('count')} size={6} />
            </label>
          )}
        </>
      )}
      {form.kind === 'patch' && (
        <label className="field-block compare-wide" htmlFor={`${base}-patch`}>
          <span className="field-label">JSON merge patch of A (lists of items with ids are patched by id)</span>
          <textarea id={`${base}-patch`} data-testid="compare-patch" rows={5} spellCheck={false} value={form.patchText} onChange={on('patchText')} />
        </label>
      )}
      {form.kind === 'scenario' && (
        <label className="field-block compare-wide" htmlFor={`${base}-scenario`}>
          <span className="field-label">B's scenario (starts as A's; checked like any scenario)</span>
          <textarea id={`${base}-scenario`} data-testid="compare-scenario" rows={14} spellCheck={false} value={form.scenarioText} onChange={on('scenarioText')} />
        </label>
      )}
    </div>
  );
});

const SideClock = memo(function SideClock({ side }: { side: 'a' | 'b' }) {
  const status = useCompare((s) => s[side].status);
  const name = useCompare((s) => s[side].name);
  return (
    <div className="compare-side" data-testid={`compare-${side}-status`}>
      <span className="compare-swatch" style={{ background: side === 'a' ? COLOR_A : COLOR_B }} aria-hidden="true" />
      <strong>{side.toUpperCase()}</strong> <span className="muted">{name}</span>{' '}
      <span className="num" data-testid={`compare-${side}-clock`}>
        {status ? formatClock(status.now) : '—'}
      </span>
      {status && <span className="muted num"> / {formatClock(status.endTime)}</span>}
      {status?.finished && <span className="chip">ended</span>}
    </div>
  );
});

const DeltaTable = memo(function DeltaTable() {
  const table = useCompare((s) => s.table);
  if (!table) return <p className="muted note">The table of deltas appears once A and B are loaded.</p>;
  const rows = table.rows.filter((r) => r.a !== null || r.b !== null);
  return (
    <div className="compare-table-wrap">
      <table className="compare-table" data-testid="compare-table">
        <caption>
          <span data-testid="compare-table-time" data-time-a={table.a.simulatedTime} data-time-b={table.b.simulatedTime}>
            {table.a.simulatedTime === table.b.simulatedTime
              ? `A and B both at ${formatClock(table.a.simulatedTime)} simulated`
              : `A at ${formatClock(table.a.simulatedTime)}${table.a.finished ? ' (its end)' : ''}, B at ${formatClock(table.b.simulatedTime)}${table.b.finished ? ' (its end)' : ''} simulated`}
          </span>
          {' — '}A: {table.a.scenario} · seed {table.a.seed}
          {' — '}B: {table.b.scenario} · seed {table.b.seed}
          {table.a.finished && table.b.finished ? ' · both runs ended' : ' · runs in progress'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">Metric</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Δ (B − A)</th>
            <th scope="col">Δ %</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              data-testid={`compare-row-${r.key}`}
              data-a={r.a ?? ''}
              data-b={r.b ?? ''}
              data-delta={r.delta ?? ''}
              className={r.better === 'b' ? 'better-b' : r.better === 'a' ? 'better-a' : undefined}
            >
              <td className="muted">{r.scope === 'service' ? table.service : 'run'}</td>
              <th scope="row">{r.label}</th>
              <td className="num" data-testid="compare-a">
                {formatValue(r.unit, r.a)}
              </td>
              <td className="num" data-testid="compare-b">
                {formatValue(r.unit, r.b)}
              </td>
              <td className="num" data-testid="compare-delta" title={r.better === 'b' ? 'B is better' : r.better === 'a' ? 'A is better' : undefined}>
                {formatDelta(r)}
                {r.better === 'b' ? ' ▲B' : r.better === 'a' ? ' ▲A' : ''}
              </td>
              <td className="num" data-testid="compare-pct">
                {r.unit === 'met' ? '—' : formatPct(r.deltaPct)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

function initialForm(service: string, linkPatch: unknown): FormState {
  return {
    kind: linkPatch ? 'patch' : 'balancer',
    service,
    policy: 'least-connections',
    asPolicy: '',
    asTarget: '',
    asMin: '',
    asMax: '',
    plan: 'reserved',
    count: '',
    patchText: linkPatch ? JSON.stringify(linkPatch, null, 2) : '{\n  "services": {}\n}',
    scenarioText: '',
  };
}

function Panel() {
  const firstService = useConsole((s) => s.scenario?.topology.workloads[0]?.target ?? s.scenario?.serviceIds[0] ?? '');
  const serviceIds = useConsole((s) => s.scenario?.serviceIds);
  const linkPatch = useCompare((s) => s.linkPatch);
  const warnings = useCompare((s) => s.warnings);
  const note = useCompare((s) => s.note);
  const preparedKey = useCompare((s) => s.preparedKey);
  const phase = useCompare((s) => s.phase);
  const errors = useCompare((s) => s.errors);
  const patch = useCompare((s) => s.patch);
  const seedChanged = useCompare((s) => s.seedChanged);
  const shareUrl = useCompare((s) => s.shareUrl);
  const [rawForm, setForm] = useState<FormState>(() => initialForm(firstService, linkPatch));
  const [speed, setSpeed] = useState('100');
  const [formError, setFormError] = useState<string | null>(null);
  const headingId = useId();

  // The free edit starts from A's document.
  useEffect(() => {
    if (rawForm.kind !== 'scenario' || rawForm.scenarioText !== '') return;
    let live = true;
    void compareActions.scenarioDocument().then((doc) => {
      if (live && doc) setForm((f) => (f.scenarioText === '' ? { ...f, scenarioText: JSON.stringify(doc, null, 2) } : f));
    });
    return () => {
      live = false;
    };
  }, [rawForm.kind, rawForm.scenarioText]);

  // The panel's own workers go with it (closing it, or an error boundary taking it down).
  useEffect(() => () => compareActions.stop(), []);

  // A service that is gone from an edited scenario: the form shows (and uses) the first one.
  const form = useMemo(
    () => (serviceIds && serviceIds.length > 0 && !serviceIds.includes(rawForm.service) ? { ...rawForm, service: serviceIds[0]! } : rawForm),
    [rawForm, serviceIds],
  );
  const needsService = form.kind === 'balancer' || form.kind === 'autoscaler' || form.kind === 'pricing';
  const request = useMemo(() => requestOf(form), [form]);
  const formKey = request.ok ? requestKey(request.request, needsService ? form.service : null) : null;
  // The workers hold this form's A and B (an edited A restarts them with the same B: still ready).
  const ready = formKey !== null && preparedKey === formKey && phase !== 'idle' && phase !== 'loading';

  const ensure = useCallback(async (): Promise<boolean> => {
    if (ready) return true;
    if (!request.ok) {
      setFormError(request.error);
      return false;
    }
    setFormError(null);
    return compareActions.prepare(request.request, needsService ? form.service : null);
  }, [ready, request, needsService, form.service]);

  const onLoad = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      void ensure();
    },
    [ensure],
  );
  const onLive = useCallback(async () => {
    if (await ensure()) await compareActions.playLive(SPEEDS.find((s) => s.value === speed)?.speed ?? 100);
  }, [ensure, speed]);
  const onRunToEnd = useCallback(async () => {
    if (await ensure()) await compareActions.runToEnd();
  }, [ensure]);

  const busy = phase === 'loading' || phase === 'running';
  const shown = formError ? [formError] : errors;
  return (
    <section className="card compare-panel" aria-labelledby={headingId} data-testid="compare-panel">
      <header className="compare-head">
        <h2 id={headingId}>A/B compare</h2>
        <p className="muted note">
          A is the scenario on screen; B is A with one change. Both run on the same seed in their own workers, so every difference comes from the change.
        </p>
        <button type="button" className="icon-button" onClick={compareActions.close} aria-label="Close A/B compare" data-testid="compare-close">
          ×
        </button>
      </header>
      <form className="compare-setup" onSubmit={onLoad}>
        <VariantForm form={form} setForm={setForm} />
        <div className="controls compare-controls" role="toolbar" aria-label="A/B compare controls">
          <button type="submit" data-testid="compare-load" disabled={busy}>
            Load A and B
          </button>
          <label className="field">
            <span className="field-label">Speed</span>
            <select data-testid="compare-speed" value={speed} onChange={(e) => setSpeed(e.target.value)}>
              {SPEEDS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          {phase === 'live' ? (
            <button type="button" data-testid="compare-pause" onClick={() => void compareActions.pause()}>
              ❚❚ Pause both
            </button>
          ) : (
            <button type="button" data-testid="compare-play" onClick={() => void onLive()} disabled={busy}>
              ▶ Play both live
            </button>
          )}
          <button type="button" data-testid="compare-run" onClick={() => void onRunToEnd()} disabled={busy}>
            Run both to the end
          </button>
          <button type="button" data-testid="compare-reset" onClick={() => void compareActions.reset()} disabled={busy || !ready}>
            Reset both
          </button>
          <button type="button" data-testid="compare-share" onClick={compareActions.share} disabled={!ready} title="A link to this scenario with B's change">
            Share comparison
          </button>
        </div>
      </form>
      {phase === 'loading' && (
        <p role="status" className="busy" data-testid="compare-busy">
          Loading A and B…
        </p>
      )}
      {phase === 'running' && (
        <p role="status" className="busy" data-testid="compare-busy">
          Running A and B to the end…
        </p>
      )}
      {shown.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="compare-errors">
          <ul>
            {shown.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {note && (
        <p role="status" className="note" data-testid="compare-note">
          {note}
        </p>
      )}
      {warnings.length > 0 && (
        <div className="banner banner-info" role="status" data-testid="compare-warnings">
          <ul>
            {warnings.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {shareUrl && (
        <label className="field compare-share-url">
          <span className="field-label">Link</span>
          <input readOnly value={shareUrl} data-testid="compare-share-url" onFocus={(e) => e.target.select()} size={60} />
        </label>
      )}
      {patch !== null && (
        <p className="note compare-patch-shown">
          B = A + <code data-testid="compare-patch-shown">{JSON.stringify(patch)}</code>
          {seedChanged && <strong className="note-warn"> · the patch changes the seed: A and B no longer share their random draws</strong>}
        </p>
      )}
      <div className="compare-sides">
        <SideClock side="a" />
        <SideClock side="b" />
      </div>
      <div className="compare-body">
        <CompareCharts />
        <DeltaTable />
      </div>
    </section>
  );
}

/** The panel, when open (the top bar's "A/B compare" button opens it). */
export function ComparePanel() {
  const open = useCompare((s) => s.open);
  const ready = useConsole((s) => s.ready);
  const fromLink = useCompare((s) => s.linkPatch !== null);
  if (!open || !ready) return null;
  // A patch from the link starts the form over. A new scenario does not: the comparison follows it
  // (A becomes the new scenario, see compareBridge), and the form keeps B's change.
  return <Panel key={fromLink ? 'link' : 'form'} />;
}
