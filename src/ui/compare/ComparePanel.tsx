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
import { useT, translate, type Translate } from '../i18n/messages';
import { compareMessages, type CompareMessageKey } from './compare.messages';
import './compare.css';

type Kind = 'balancer' | 'autoscaler' | 'pricing' | 'patch' | 'scenario';

const KINDS: ReadonlyArray<{ value: Kind; label: CompareMessageKey }> = [
  { value: 'balancer', label: 'kindBalancer' },
  { value: 'autoscaler', label: 'kindAutoscaler' },
  { value: 'pricing', label: 'kindPricing' },
  { value: 'patch', label: 'kindPatch' },
  { value: 'scenario', label: 'kindScenario' },
];

const AUTOSCALER_POLICIES = ['target-tracking', 'step', 'scheduled', 'predictive'] as const;
const SPEEDS: ReadonlyArray<{ value: string; label: string; speed: number }> = [
  { value: '10', label: '10×', speed: 10 },
  { value: '100', label: '100×', speed: 100 },
  { value: '1000', label: '1000×', speed: 1000 },
  { value: 'max', label: 'speedMax', speed: Infinity },
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
        if (!Number.isFinite(n)) return { ok: false, error: translate(compareMessages, 'notANumber', { key, text }) };
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
        return { ok: false, error: translate(compareMessages, 'patchNotJson', { error: e instanceof Error ? e.message : String(e) }) };
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
  const t = useT(compareMessages);
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
        <span className="field-label">{t('whatDiffers')}</span>
        <select id={`${base}-kind`} data-testid="compare-kind" value={form.kind} onChange={on('kind')}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {t(k.label)}
            </option>
          ))}
        </select>
      </label>
      {needsService && (
        <label className="field-block" htmlFor={`${base}-service`}>
          <span className="field-label">{t('service')}</span>
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
          <span className="field-label">{t('bBalancer', { policy: policyLabel(current?.policy) })}</span>
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
            <span className="field-label">{t('bAutoscalerPolicy')}</span>
            <select id={`${base}-aspolicy`} data-testid="compare-autoscaler-policy" value={form.asPolicy} onChange={on('asPolicy')}>
              <option value="">{t('asInA')}</option>
              {AUTOSCALER_POLICIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          {(
            [
              ['asTarget', 'target'],
              ['asMin', 'minReplicas'],
              ['asMax', 'maxReplicas'],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="field-block" htmlFor={`${base}-${key}`}>
              <span className="field-label">{t(label)}</span>
              <input id={`${base}-${key}`} data-testid={`compare-${key}`} inputMode="decimal" placeholder={t('asInAPlaceholder')} value={form[key]} onChange={on(key)} size={8} />
            </label>
          ))}
        </>
      )}
      {form.kind === 'pricing' && (
        <>
          <label className="field-block" htmlFor={`${base}-plan`}>
            <span className="field-label">{t('bPlan')}</span>
            <select id={`${base}-plan`} data-testid="compare-plan" value={form.plan} onChange={on('plan')}>
              <option value="reserved">{t('planReserved')}</option>
              <option value="spot">{t('planSpot')}</option>
              <option value="on-demand">{t('planOnDemand')}</option>
            </select>
          </label>
          {form.plan === 'reserved' && (
            <label className="field-block" htmlFor={`${base}-count`}>
              <span className="field-label">{t('reservedCount')}</span>
              <input id={`${base}-count`} data-testid="compare-count" inputMode="numeric" placeholder={String(current?.replicas ?? '')} value={form.count} onChange={on('count')} size={6} />
            </label>
          )}
        </>
      )}
      {form.kind === 'patch' && (
        <label className="field-block compare-wide" htmlFor={`${base}-patch`}>
          <span className="field-label">{t('patchLabel')}</span>
          <textarea id={`${base}-patch`} data-testid="compare-patch" rows={5} spellCheck={false} value={form.patchText} onChange={on('patchText')} />
        </label>
      )}
      {form.kind === 'scenario' && (
        <label className="field-block compare-wide" htmlFor={`${base}-scenario`}>
          <span className="field-label">{t('scenarioLabel')}</span>
          <textarea id={`${base}-scenario`} data-testid="compare-scenario" rows={14} spellCheck={false} value={form.scenarioText} onChange={on('scenarioText')} />
        </label>
      )}
    </div>
  );
});

const SideClock = memo(function SideClock({ side }: { side: 'a' | 'b' }) {
  const status = useCompare((s) => s[side].status);
  const name = useCompare((s) => s[side].name);
  const t = useT(compareMessages);
  return (
    <div className="compare-side" data-testid={`compare-${side}-status`}>
      <span className="compare-swatch" style={{ background: side === 'a' ? COLOR_A : COLOR_B }} aria-hidden="true" />
      <strong>{side.toUpperCase()}</strong> <span className="muted">{name}</span>{' '}
      <span className="num" data-testid={`compare-${side}-clock`}>
        {status ? formatClock(status.now) : '—'}
      </span>
      {status && <span className="muted num"> / {formatClock(status.endTime)}</span>}
      {status?.finished && <span className="chip">{t('ended')}</span>}
    </div>
  );
});

const DeltaTable = memo(function DeltaTable() {
  const table = useCompare((s) => s.table);
  const t = useT(compareMessages);
  if (!table) return <p className="muted note">{t('tableEmpty')}</p>;
  const rows = table.rows.filter((r) => r.a !== null || r.b !== null);
  return (
    <div className="compare-table-wrap">
      <table className="compare-table" data-testid="compare-table">
        <caption>
          <span data-testid="compare-table-time" data-time-a={table.a.simulatedTime} data-time-b={table.b.simulatedTime}>
            {table.a.simulatedTime === table.b.simulatedTime
              ? t('bothAt', { time: formatClock(table.a.simulatedTime) })
              : t('apartAt', {
                  a: formatClock(table.a.simulatedTime),
                  aEnd: table.a.finished ? t('itsEnd') : '',
                  b: formatClock(table.b.simulatedTime),
                  bEnd: table.b.finished ? t('itsEnd') : '',
                })}
          </span>
          {' — '}
          {t('seedOf', { side: 'A', name: table.a.scenario, seed: table.a.seed })}
          {' — '}
          {t('seedOf', { side: 'B', name: table.b.scenario, seed: table.b.seed })}
          {table.a.finished && table.b.finished ? t('bothEnded') : t('inProgress')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('colScope')}</th>
            <th scope="col">{t('colMetric')}</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">{t('colDelta')}</th>
            <th scope="col">{t('colPct')}</th>
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
              <td className="muted">{r.scope === 'service' ? table.service : t('scopeRun')}</td>
              <th scope="row">{metricLabel(t, r.key, r.label)}</th>
              <td className="num" data-testid="compare-a">
                {formatValue(r.unit, r.a)}
              </td>
              <td className="num" data-testid="compare-b">
                {formatValue(r.unit, r.b)}
              </td>
              <td className="num" data-testid="compare-delta" title={r.better === 'b' ? t('bBetter') : r.better === 'a' ? t('aBetter') : undefined}>
                {formatDelta(r)}
                {r.better === 'b' ? ' ▲B' : r.better === 'a' ? ' ▲A' : '' /* i18n-ignore: side markers */}
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

/** A row's label in the page's language (the core's English label for a metric this catalog lacks). */
function metricLabel(t: Translate<CompareMessageKey>, key: string, fallback: string): string {
  const k = `metric.${key}`;
  return k in compareMessages.en ? t(k as CompareMessageKey) : fallback;
}

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
  const t = useT(compareMessages);

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
        <h2 id={headingId}>{t('heading')}</h2>
        <p className="muted note">{t('intro')}</p>
        <button type="button" className="icon-button" onClick={compareActions.close} aria-label={t('close')} data-testid="compare-close">
          ×
        </button>
      </header>
      <form className="compare-setup" onSubmit={onLoad}>
        <VariantForm form={form} setForm={setForm} />
        <div className="controls compare-controls" role="toolbar" aria-label={t('controls')}>
          <button type="submit" data-testid="compare-load" disabled={busy}>
            {t('load')}
          </button>
          <label className="field">
            <span className="field-label">{t('speed')}</span>
            <select data-testid="compare-speed" value={speed} onChange={(e) => setSpeed(e.target.value)}>
              {SPEEDS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label === 'speedMax' ? t('speedMax') : s.label}
                </option>
              ))}
            </select>
          </label>
          {phase === 'live' ? (
            <button type="button" data-testid="compare-pause" onClick={() => void compareActions.pause()}>
              {t('pauseBoth')}
            </button>
          ) : (
            <button type="button" data-testid="compare-play" onClick={() => void onLive()} disabled={busy}>
              {t('playBoth')}
            </button>
          )}
          <button type="button" data-testid="compare-run" onClick={() => void onRunToEnd()} disabled={busy}>
            {t('runBoth')}
          </button>
          <button type="button" data-testid="compare-reset" onClick={() => void compareActions.reset()} disabled={busy || !ready}>
            {t('resetBoth')}
          </button>
          <button type="button" data-testid="compare-share" onClick={compareActions.share} disabled={!ready} title={t('shareTitle')}>
            {t('share')}
          </button>
        </div>
      </form>
      {phase === 'loading' && (
        <p role="status" className="busy" data-testid="compare-busy">
          {t('loading')}
        </p>
      )}
      {phase === 'running' && (
        <p role="status" className="busy" data-testid="compare-busy">
          {t('running')}
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
          <span className="field-label">{t('link')}</span>
          <input readOnly value={shareUrl} data-testid="compare-share-url" onFocus={(e) => e.target.select()} size={60} />
        </label>
      )}
      {patch !== null && (
        <p className="note compare-patch-shown">
          {/* i18n-ignore: a formula */}
          B = A + <code data-testid="compare-patch-shown">{JSON.stringify(patch)}</code>
          {seedChanged && <strong className="note-warn">{t('seedChanged')}</strong>}
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
