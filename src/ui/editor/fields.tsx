/* i18n-pending */
/**
 * Form fields of the scenario editor. A field shows the document's value at its path; a change is
 * committed as a named edit (on Enter, on leaving the field, or at once for a dropdown). When the
 * worker refuses the edited scenario, the field keeps what was typed and shows the schema's message
 * for its path; the document (and the run) stay as they were.
 */
import { memo, useCallback, useId, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { commitEdit, issuesFor, useEditor } from './editStore';
import { formatDocPath, getAt, setAt, type Doc, type DocPath } from './docEdits';

export type FieldType = 'int' | 'number' | 'duration' | 'text' | 'select';

function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/**
 * The typed text as a document value. Numbers stay numbers only when they read as one, so a
 * wrong entry reaches the schema as written and comes back with its message (e.g. "must be a
 * whole number"). Empty means "remove the field" (its default applies).
 */
export function parseFieldValue(type: FieldType, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  if (type === 'int' || type === 'number') {
    const n = Number(t);
    return Number.isFinite(n) ? n : t;
  }
  if (type === 'duration') {
    const n = Number(t);
    return Number.isFinite(n) ? n : t;
  }
  return t;
}

/** The issues of the last refused edit at `path` (and below) for this form. */
function FieldIssues({ scope, path, testId, id }: { scope: string; path: string; testId: string; id: string }) {
  const issues = useEditor((s) => s.issues);
  const mine = issuesFor(issues, scope, path);
  if (mine.length === 0) return null;
  return (
    <ul className="edit-issues" role="alert" id={id} data-testid={`${testId}-error`}>
      {mine.map((i, k) => (
        <li key={k}>
          {i.path}: {i.message}
        </li>
      ))}
    </ul>
  );
}

export interface FieldProps {
  /** The form's scope (its element), so issues show in the form that made the edit. */
  scope: string;
  path: DocPath;
  label: string;
  type: FieldType;
  /** For "select": the choices (value, label); an empty value means "not set". */
  options?: ReadonlyArray<readonly [string, string]>;
  /** The history's name of the edit, e.g. "web: replicas". */
  editName: string;
  testId: string;
  hint?: string;
  /** Custom edit instead of setting the value at `path` (e.g. a type change that reshapes an object). */
  apply?: (doc: Doc, value: unknown) => Doc;
}

export const Field = memo(function Field({ scope, path, label, type, options, editName, testId, hint, apply }: FieldProps) {
  const value = useEditor((s) => (s.doc ? shown(getAt(s.doc, path)) : ''));
  const busy = useEditor((s) => s.pending !== null);
  const invalid = useEditor((s) => issuesFor(s.issues, scope, formatDocPath(path)).length > 0);
  const id = useId();
  // The draft follows the document whenever the document's value changes (an edit, undo, redo);
  // a refused edit leaves the document as it was, so what was typed stays.
  const [base, setBase] = useState(value);
  const [draft, setDraft] = useState(value);
  // The text last sent: leaving the field after a refused Enter does not send it again.
  const [tried, setTried] = useState<string | null>(null);
  if (base !== value) {
    setBase(value);
    setDraft(value);
    setTried(null);
  }
  const commit = useCallback(
    (text: string) => {
      if (text === value || text === tried) return;
      setTried(text);
      const v = parseFieldValue(type, text);
      void commitEdit(
        `${editName} → ${text.trim() === '' ? '(default)' : text.trim()}`,
        (doc) => ({ ok: true, doc: apply ? apply(doc, v) : setAt(doc, path, v) }),
        scope,
      );
    },
    [value, tried, type, editName, apply, path, scope],
  );
  const onChange = useCallback(
    (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setDraft(e.target.value);
      if (type === 'select') commit(e.target.value);
    },
    [type, commit],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        commit(e.currentTarget.value);
      } else if (e.key === 'Escape') {
        setDraft(value);
      }
    },
    [commit, value],
  );
  const onBlur = useCallback(() => commit(draft), [commit, draft]);
  const pathText = formatDocPath(path);
  return (
    <div className="edit-field">
      <label className="field field-block" htmlFor={id}>
        <span className="field-label">{label}</span>
        {type === 'select' ? (
          <select id={id} value={draft} onChange={onChange} disabled={busy} data-testid={testId}>
            {!(options ?? []).some(([v]) => v === draft) && <option value={draft}>{draft === '' ? '(not set)' : draft}</option>}
            {(options ?? []).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            type="text"
            inputMode={type === 'int' || type === 'number' ? 'decimal' : undefined}
            value={draft}
            onChange={onChange}
            onKeyDown={onKeyDown}
            onBlur={onBlur}
            data-testid={testId}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-issues` : undefined}
            title={hint}
          />
        )}
      </label>
      <FieldIssues scope={scope} path={pathText} testId={testId} id={`${id}-issues`} />
    </div>
  );
});

/**
 * The whole element as JSON, for everything the typed fields do not cover. Applied as one edit;
 * a JSON syntax error is shown here, schema issues below, and the text stays as typed.
 */
export const JsonField = memo(function JsonField({ scope, path, editName, testId }: { scope: string; path: DocPath; editName: string; testId: string }) {
  const value = useEditor((s) => (s.doc ? JSON.stringify(getAt(s.doc, path), null, 2) : ''));
  const busy = useEditor((s) => s.pending !== null);
  const issues = useEditor((s) => s.issues);
  const [base, setBase] = useState(value);
  const [draft, setDraft] = useState(value);
  const [syntax, setSyntax] = useState<string | null>(null);
  if (base !== value) {
    setBase(value);
    setDraft(value);
    setSyntax(null);
  }
  const id = useId();
  const onApply = useCallback(() => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft);
    } catch (e) {
      setSyntax(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setSyntax(null);
    void commitEdit(`${editName} (JSON)`, (doc) => ({ ok: true, doc: setAt(doc, path, parsed) }), scope);
  }, [draft, editName, path, scope]);
  const mine = issuesFor(issues, scope, formatDocPath(path));
  return (
    <details className="edit-json">
      <summary>Edit as JSON</summary>
      <label className="field field-block" htmlFor={id}>
        <span className="field-label">Every field of this element (see docs/scenario.md)</span>
        <textarea id={id} rows={10} spellCheck={false} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid={testId} />
      </label>
      <div className="edit-row">
        <button type="button" onClick={onApply} disabled={busy || draft === value} data-testid={`${testId}-apply`}>
          Apply JSON
        </button>
        <button type="button" onClick={() => setDraft(value)} disabled={draft === value}>
          Revert
        </button>
      </div>
      {syntax && (
        <p className="edit-issues" role="alert" data-testid={`${testId}-error`}>
          {syntax}
        </p>
      )}
      {mine.length > 0 && (
        <ul className="edit-issues" role="alert" data-testid={`${testId}-error`}>
          {mine.map((i, k) => (
            <li key={k}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
});
