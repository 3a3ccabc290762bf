/**
 * Form fields for values that used to be JSON only: a text editor of a list or a map (message
 * filters, per-minute counts) that checks its syntax before the edit, and a distribution picker for
 * durations that may be drawn from a distribution. Each change is one named edit; the worker's
 * schema messages show next to the field.
 */
import { memo, useCallback, useId, useState } from 'react';
import { useT } from '../i18n/messages';
import { commitEdit, issuesFor, useEditor } from './editStore';
import { ExactIssues, Field, IssueList } from './fields';
import { formatDocPath, getAt, setAt, type Doc, type DocPath } from './docEdits';
import { fieldLabelMessages, paramLabel } from './fieldLabels.messages';
import { DISTRIBUTION_TYPES, distributionKind, distributionValueOfKind, formatFilter, formatPerMinute, parseFilter, parsePerMinute } from './valueEdits';

type Obj = Record<string, unknown>;

/** The schema's messages of the last refused edit at `path` (and below) for this form. */
function Issues({ scope, path, testId }: { scope: string; path: DocPath; testId: string }) {
  const issues = useEditor((s) => s.issues);
  return <IssueList issues={issuesFor(issues, scope, formatDocPath(path))} testId={testId} />;
}

interface TextValueProps {
  scope: string;
  path: DocPath;
  label: string;
  hint: string;
  editName: string;
  testId: string;
  format: (value: unknown) => string;
  /** The value of the text, or the reason it is not one (shown, nothing applied). */
  parse: (text: string) => { ok: true; value: unknown } | { ok: false; error: string };
  /** The edit of the parsed value (default: set it at `path`). */
  apply?: (doc: Doc, value: unknown) => Doc;
  /** A line under the field from the current value (e.g. a count). */
  summary?: (value: unknown) => string;
}

/** A text area holding a value in a readable form, applied with its button (or Ctrl+Enter). */
const TextValueField = memo(function TextValueField({ scope, path, label, hint, editName, testId, format, parse, apply, summary }: TextValueProps) {
  const raw = useEditor((s) => (s.doc ? getAt(s.doc, path) : undefined));
  const value = format(raw);
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(fieldLabelMessages);
  const id = useId();
  const [base, setBase] = useState(value);
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (base !== value) {
    setBase(value);
    setDraft(value);
    setError(null);
  }
  const onApply = useCallback(() => {
    const r = parse(draft);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    void commitEdit(editName, (doc) => ({ ok: true, doc: apply ? apply(doc, r.value) : setAt(doc, path, r.value) }), scope);
  }, [apply, draft, editName, parse, path, scope]);
  return (
    <div className="edit-field">
      <label className="field field-block" htmlFor={id}>
        <span className="field-label">{label}</span>
        <textarea
          id={id}
          rows={3}
          spellCheck={false}
          value={draft}
          title={hint}
          aria-invalid={error !== null || undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              onApply();
            }
          }}
          data-testid={testId}
        />
      </label>
      <div className="edit-row">
        <button type="button" onClick={onApply} disabled={busy || draft === value} data-testid={`${testId}-apply`}>
          {t('apply')}
        </button>
        {summary && <span className="hint">{summary(raw)}</span>}
      </div>
      {error && (
        <p className="edit-issues" role="alert" data-testid={`${testId}-syntax`}>
          {error}
        </p>
      )}
      <Issues scope={scope} path={path} testId={testId} />
    </div>
  );
});

/** A subscription's message filter: "name = value1, value2" a line. */
export const FilterField = memo(function FilterField({ scope, path, name, index, testId }: { scope: string; path: DocPath; name: string; index: number; testId: string }) {
  const t = useT(fieldLabelMessages);
  const parse = useCallback((text: string) => {
    const r = parseFilter(text);
    return r.ok ? { ok: true as const, value: r.filter } : { ok: false as const, error: t('filterBadLine', { n: r.line }) };
  }, [t]);
  return <TextValueField scope={scope} path={path} label={t('filterOf', { n: index + 1 })} hint={t('filterHint')} editName={t('filterName', { name })} testId={testId} format={formatFilter} parse={parse} />;
});

const LONGEST_EDITED = 5000;

/** A function's trace of invocations per minute (trace.perMinute); empty removes the trace. */
export const PerMinuteField = memo(function PerMinuteField({ scope, fnPath, name, testId }: { scope: string; fnPath: DocPath; name: string; testId: string }) {
  const t = useT(fieldLabelMessages);
  const length = useEditor((s) => {
    const v = s.doc ? getAt(s.doc, [...fnPath, 'trace', 'perMinute']) : undefined;
    return Array.isArray(v) ? v.length : 0;
  });
  const parse = useCallback((text: string) => {
    const r = parsePerMinute(text);
    return r.ok ? { ok: true as const, value: r.list } : { ok: false as const, error: t('perMinuteBad', { n: r.index, value: r.value }) };
  }, [t]);
  const apply = useCallback((doc: Doc, v: unknown) => setAt(doc, [...fnPath, 'trace'], v === undefined ? undefined : { perMinute: v }), [fnPath]);
  const summary = useCallback((v: unknown) => (Array.isArray(v) ? t('perMinuteCount', { n: v.length, total: v.reduce((a: number, x) => a + (typeof x === 'number' ? x : 0), 0) }) : ''), [t]);
  if (length > LONGEST_EDITED) return <p className="note">{t('perMinuteTooLong', { n: length })}</p>;
  return <TextValueField scope={scope} path={[...fnPath, 'trace', 'perMinute']} label={t('perMinute')} hint={t('perMinuteHint')} editName={`${name} · ${t('perMinute')}`} testId={testId} format={formatPerMinute} parse={parse} apply={apply} summary={summary} />;
});

export interface DistributionFieldProps {
  scope: string;
  path: DocPath;
  /** What the value is ("Cold start"), for the labels and the history. */
  label: string;
  /** Where it is, for the history ("Functions 2"); default none. */
  context?: string;
  testId: string;
  /** May be a plain duration too (a union of a duration and a distribution). */
  allowDuration?: boolean;
  /** The "not set" choice, e.g. "(default: from runtime and memory)"; absent, the value is required. */
  unsetLabel?: string;
  /** The mean a new distribution starts from when the value had none, seconds. */
  fallbackMean: number;
}

/** A duration drawn from a distribution: its kind (reshaped on change), then its parameters. */
export const DistributionField = memo(function DistributionField({ scope, path, label, context, testId, allowDuration, unsetLabel, fallbackMean }: DistributionFieldProps) {
  const named = context ? `${context} · ${label}` : label;
  const t = useT(fieldLabelMessages);
  const kind = useEditor((s) => (s.doc ? distributionKind(getAt(s.doc, path)) : ''));
  const keys = useEditor((s) => {
    const v = s.doc ? getAt(s.doc, path) : undefined;
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v as Obj).filter((k) => k !== 'type' && typeof (v as Obj)[k] === 'number').join(' ') : '';
  });
  const options: Array<readonly [string, string]> = [
    ...(unsetLabel !== undefined ? [['', unsetLabel] as const] : []),
    ...(allowDuration ? [['duration', t('asDuration')] as const] : []),
    ...DISTRIBUTION_TYPES.map((d) => [d, d] as const),
  ];
  const typeLabel = t('distType', { what: label });
  const busy = useEditor((s) => s.pending !== null);
  const selectId = useId();
  // A kind the picker does not list (an empirical sample list, …) stays shown, edited as JSON below.
  const other = kind !== '' && !options.some(([v]) => v === kind);
  if (other) options.push([kind, t('otherKind', { kind })] as const);
  const shown = kind;
  return (
    <>
      <div className="edit-field">
        <label className="field field-block" htmlFor={selectId}>
          <span className="field-label">{typeLabel}</span>
          <select
            id={selectId}
            value={shown}
            disabled={busy}
            data-testid={`${testId}-type`}
            onChange={(e) => {
              const next = e.target.value;
              const text = options.find(([v]) => v === next)?.[1] ?? next;
              void commitEdit(`${named} → ${text}`, (doc) => ({ ok: true, doc: setAt(doc, path, distributionValueOfKind(next, getAt(doc, path), fallbackMean)) }), scope);
            }}
          >
            {options.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        {kind !== 'duration' && <ExactIssues scope={scope} path={path} testId={testId} />}
      </div>
      {kind === 'duration' && <Field scope={scope} path={path} label={label} type="duration" editName={named} testId={`${testId}-value`} />}
      {other && <Field scope={scope} path={path} label={label} type="json" editName={named} testId={`${testId}-json`} />}
      {!other && keys !== '' &&
        keys.split(' ').map((k) => <Field key={k} scope={scope} path={[...path, k]} label={paramLabel(t, k)} type="number" editName={`${named} · ${paramLabel(t, k)}`} testId={`${testId}-${k}`} />)}
    </>
  );
});
