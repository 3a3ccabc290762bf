/**
 * Form fields of the scenario editor. A field shows the document's value at its path; a change is
 * committed as a named edit (on Enter, on leaving the field, or at once for a dropdown). When the
 * worker refuses the edited scenario, the field keeps what was typed and shows the schema's message
 * for its path; the document (and the run) stay as they were.
 */
import { memo, useCallback, useId, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { commitEdit, issuesFor, useEditor } from './editStore';
import { useT } from '../i18n/messages';
import { editorMessages } from './editor.messages';
import { appendRow, formatDocPath, getAt, parseNumberList, removeRow, setAt, type Doc, type DocPath, type EditOutcome } from './docEdits';

/** words: a list of ids ("eu-a, eu-b"); json: a number, a JSON object or list, else the text. */
export type FieldType = 'int' | 'number' | 'duration' | 'text' | 'select' | 'numbers' | 'words' | 'json';

function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.every((x) => typeof x === 'number' || typeof x === 'string')) return value.join(', ');
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
  if (type === 'numbers') return parseNumberList(t);
  if (type === 'words') return t.split(/[\s,;]+/).filter((x) => x !== '');
  if (type === 'json') {
    if (Number.isFinite(Number(t))) return Number(t);
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return JSON.parse(t) as unknown;
      } catch {
        return t;
      }
    }
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
  /** The label for screen readers only (a cell of a table of rows, whose header shows it). */
  compact?: boolean;
  /** For "select": how a value outside the choices is shown (default: as it is). */
  unlistedLabel?: (value: string) => string;
}

export const Field = memo(function Field({ scope, path, label, type, options, editName, testId, hint, apply, compact, unlistedLabel }: FieldProps) {
  const value = useEditor((s) => (s.doc ? shown(getAt(s.doc, path)) : ''));
  const busy = useEditor((s) => s.pending !== null);
  const invalid = useEditor((s) => issuesFor(s.issues, scope, formatDocPath(path)).length > 0);
  const t = useT(editorMessages);
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
        `${editName} → ${text.trim() === '' ? t('defaultValue') : text.trim()}`,
        (doc) => ({ ok: true, doc: apply ? apply(doc, v) : setAt(doc, path, v) }),
        scope,
      );
    },
    [value, tried, type, editName, apply, path, scope, t],
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
        <span className={compact ? 'sr-only' : 'field-label'}>{label}</span>
        {type === 'select' ? (
          <select
            id={id}
            value={draft}
            onChange={onChange}
            disabled={busy}
            data-testid={testId}
            title={hint}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-issues` : undefined}
          >
            {!(options ?? []).some(([v]) => v === draft) && <option value={draft}>{draft === '' ? t('notSet') : unlistedLabel ? unlistedLabel(draft) : draft}</option>}
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
            placeholder={type === 'numbers' ? '0.1, 0.2, 0.5' : undefined}
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
  const t = useT(editorMessages);
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
      setSyntax(t('badJson', { error: e instanceof Error ? e.message : String(e) }));
      return;
    }
    setSyntax(null);
    void commitEdit(t('jsonName', { name: editName }), (doc) => ({ ok: true, doc: setAt(doc, path, parsed) }), scope);
  }, [draft, editName, path, scope, t]);
  const mine = issuesFor(issues, scope, formatDocPath(path));
  return (
    <details className="edit-json">
      <summary>{t('editJson')}</summary>
      <label className="field field-block" htmlFor={id}>
        <span className="field-label">{t('jsonHelp')}</span>
        <textarea id={id} rows={10} spellCheck={false} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid={testId} />
      </label>
      <div className="edit-row">
        <button type="button" onClick={onApply} disabled={busy || draft === value} data-testid={`${testId}-apply`}>
          {t('applyJson')}
        </button>
        <button type="button" onClick={() => setDraft(value)} disabled={draft === value}>
          {t('revert')}
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

/** The schema's messages shown next to a field ("path: message"), or nothing. */
export function IssueList({ issues, testId }: { issues: ReadonlyArray<{ path: string; message: string }>; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="edit-issues" role="alert" data-testid={`${testId}-error`}>
      {issues.map((i, k) => (
        <li key={k}>
          {i.path}: {i.message}
        </li>
      ))}
    </ul>
  );
}

/** The issues of the last refused edit exactly at `path` (a row or a whole list), for errors no cell shows. */
export const ExactIssues = memo(function ExactIssues({ scope, path, testId }: { scope: string; path: DocPath; testId: string }) {
  const issues = useEditor((s) => s.issues);
  const text = formatDocPath(path);
  return <IssueList issues={issues && issues.scope === scope ? issues.issues.filter((i) => i.path === text) : []} testId={testId} />;
});

/** A boolean of the document as a checkbox (unchecked with `removeWhenOff` removes the field). */
export const CheckField = memo(function CheckField({ scope, path, label, editName, testId, fallback = false }: { scope: string; path: DocPath; label: string; editName: string; testId: string; fallback?: boolean }) {
  const value = useEditor((s) => (s.doc ? getAt(s.doc, path) : undefined));
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(editorMessages);
  const checked = typeof value === 'boolean' ? value : fallback;
  return (
    <div className="edit-field edit-check">
      <label className="field">
        <input
          type="checkbox"
          checked={checked}
          disabled={busy}
          onChange={(e) => void commitEdit(`${editName} → ${e.target.checked ? t('on') : t('off')}`, (doc) => ({ ok: true, doc: setAt(doc, path, e.target.checked) }), scope)}
          data-testid={testId}
        />
        <span>{label}</span>
      </label>
      <FieldIssues scope={scope} path={formatDocPath(path)} testId={testId} id={`${testId}-issues`} />
    </div>
  );
});

/** One column of a table of rows: a field of each row (relative path), or a custom cell. */
export interface RowColumn {
  key: string;
  label: string;
  type?: FieldType;
  options?: ReadonlyArray<readonly [string, string]>;
  unlistedLabel?: (value: string) => string;
  /** Path below the row (default: [key]). */
  path?: DocPath;
  hint?: string;
  apply?: (doc: Doc, value: unknown, rowPath: DocPath) => Doc;
  /** A custom cell instead of a field. */
  render?: (rowPath: DocPath, index: number, scope: string) => ReactNode;
}

export interface RowsProps {
  scope: string;
  /** Path of the array. */
  path: DocPath;
  columns: readonly RowColumn[];
  /** The row "Add" appends, from the current document. */
  newRow: (doc: Doc) => unknown;
  /** e.g. "web: autoscaler rules". */
  editName: string;
  /** What one row is, e.g. "rule". */
  itemLabel: string;
  testId: string;
  /** Removing the last row removes the field (an optional list); else an empty list stays. */
  dropWhenEmpty?: boolean;
  /** Shown when there are no rows. */
  empty?: string;
  /** A title above the table. */
  caption?: string;
  /** A custom removal of row `index` (e.g. the last call target takes the calls block with it). */
  removeRowEdit?: (doc: Doc, index: number) => EditOutcome;
  /** No "Add" button (rows are added another way). */
  noAdd?: boolean;
}

/**
 * A list of the document as a table of rows: one field per column, a remove button per row and an
 * "Add" button. Each change is an edit of its own; the schema's messages show in the cell (or
 * under the row / the table when they are about the whole row or list).
 */
export const Rows = memo(function Rows({ scope, path, columns, newRow, editName, itemLabel, testId, dropWhenEmpty, empty, caption, removeRowEdit, noAdd }: RowsProps) {
  const count = useEditor((s) => {
    const v = s.doc ? getAt(s.doc, path) : undefined;
    return Array.isArray(v) ? v.length : 0;
  });
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(editorMessages);
  const onAdd = useCallback(
    () => void commitEdit(t('addRowName', { name: editName, item: itemLabel }), (doc) => ({ ok: true, doc: appendRow(doc, path, newRow(doc)) }), scope),
    [editName, itemLabel, path, newRow, scope, t],
  );
  const rows = Array.from({ length: count }, (_, i) => i);
  return (
    <div className="edit-rows" data-testid={testId}>
      {caption && <span className="field-label">{caption}</span>}
      {count === 0 ? (
        <p className="note">{empty ?? t('noRows', { item: itemLabel })}</p>
      ) : (
        <table className="edit-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" title={c.hint}>
                  {c.label}
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">{t('removeCol')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => {
              const rowPath = [...path, i];
              return (
                <tr key={i} data-testid={`${testId}-row-${i}`}>
                  {columns.map((c) => (
                    <td key={c.key}>
                      {c.render ? (
                        c.render(rowPath, i, scope)
                      ) : (
                        <Field
                          scope={scope}
                          path={[...rowPath, ...(c.path ?? [c.key])]}
                          label={t('cellLabel', { label: c.label, item: itemLabel, n: i + 1 })}
                          compact
                          type={c.type ?? 'number'}
                          options={c.options}
                          unlistedLabel={c.unlistedLabel}
                          hint={c.hint}
                          editName={t('rowEditName', { name: editName, n: i + 1, label: c.label })}
                          testId={`${testId}-${i}-${c.key}`}
                          apply={c.apply ? (doc, v) => c.apply!(doc, v, rowPath) : undefined}
                        />
                      )}
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      className="linkish"
                      disabled={busy}
                      aria-label={t('removeRow', { item: itemLabel, n: i + 1 })}
                      title={t('removeRow', { item: itemLabel, n: i + 1 })}
                      onClick={() => void commitEdit(t('removeRowName', { name: editName, item: itemLabel, n: i + 1 }), (doc) => (removeRowEdit ? removeRowEdit(doc, i) : removeRow(doc, path, i, dropWhenEmpty)), scope)}
                      data-testid={`${testId}-${i}-remove`}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.map((i) => (
        <ExactIssues key={i} scope={scope} path={[...path, i]} testId={`${testId}-${i}`} />
      ))}
      <ExactIssues scope={scope} path={path} testId={testId} />
      {!noAdd && (
        <button type="button" onClick={onAdd} disabled={busy} data-testid={`${testId}-add`}>
          {t('addRow', { item: itemLabel })}
        </button>
      )}
    </div>
  );
});
