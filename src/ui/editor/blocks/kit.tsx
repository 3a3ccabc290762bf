/**
 * Building blocks of the scenario-wide forms: a field maker, lists of items as cards (each with its
 * own fields, tables and remove button), an edit button, and the shell of an optional block (add it
 * when absent, remove it when present). Every change is a named edit the worker validates.
 */
import { memo, useCallback, useMemo, type ReactNode } from 'react';
import { commitEdit, useEditor } from '../editStore';
import { useT, type Translate } from '../../i18n/messages';
import { ExactIssues, Field, JsonField, type FieldType } from '../fields';
import { appendRow, getAt, removeRow, setAt, type Doc, type DocPath, type EditOutcome } from '../docEdits';
import { addBlock, hasBlock, removeBlock, type BlockId } from './blockEdits';
import { blockMessages } from './blocks.messages';

export type K = keyof typeof blockMessages.en;
export type T = Translate<K>;
export type Opts = ReadonlyArray<readonly [string, string]>;

export const opts = (values: readonly string[]): Opts => values.map((v) => [v, v] as const);
/** Choices with "not set" first, shown as the default value. */
export const withDefault = (t: T, label: string, values: readonly string[] | Opts): Opts => [
  ['', t('defaultOpt', { value: label })] as const,
  ...(values.length > 0 && typeof values[0] === 'string' ? opts(values as readonly string[]) : (values as Opts)),
];
/** Choices with "none" first (an optional reference). */
export const withNone = (t: T, values: readonly string[]): Opts => [['', t('none')] as const, ...opts(values)];

/** Ids the document holds (a stable array while they do not change). */
export function useIds(select: (doc: Doc) => string[]): string[] {
  const text = useEditor((s) => (s.doc ? select(s.doc).join('\n') : ''));
  return useMemo(() => (text === '' ? [] : text.split('\n')), [text]);
}

export interface FieldOpts {
  hint?: K;
  options?: Opts;
  apply?: (doc: Doc, value: unknown) => Doc;
  unlistedLabel?: (value: string) => string;
}

/** Makes the fields of one form: label, history name ("Billing · Spot fraction") and test id from one word. */
export function fieldMaker(t: T, scope: string, name: string) {
  return function field(path: DocPath, label: K, type: FieldType, testId: string, o: FieldOpts = {}): ReactNode {
    return (
      <Field
        key={testId}
        scope={scope}
        path={path}
        label={t(label)}
        type={type}
        editName={`${name} · ${t(label)}`}
        testId={testId}
        hint={o.hint ? t(o.hint) : undefined}
        options={o.options}
        unlistedLabel={o.unlistedLabel}
        apply={o.apply}
      />
    );
  };
}

/** A button that applies one named edit. */
export function EditButton({ label, name, scope, make, testId, danger }: { label: string; name: string; scope: string; make: (doc: Doc) => EditOutcome; testId: string; danger?: boolean }) {
  const busy = useEditor((s) => s.pending !== null);
  return (
    <button type="button" className={danger ? 'danger' : undefined} disabled={busy} onClick={() => void commitEdit(name, make, scope)} data-testid={testId}>
      {label}
    </button>
  );
}

/** A boolean of a row as a bare checkbox (the column header shows what it is; the label is for screen readers). */
export const CheckCell = memo(function CheckCell({ scope, path, label, editName, testId }: { scope: string; path: DocPath; label: string; editName: string; testId: string }) {
  const checked = useEditor((s) => (s.doc ? getAt(s.doc, path) === true : false));
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(blockMessages);
  return (
    <input
      type="checkbox"
      checked={checked}
      disabled={busy}
      aria-label={label}
      onChange={(e) => void commitEdit(`${editName} → ${e.target.checked ? t('on') : t('off')}`, (doc) => ({ ok: true, doc: setAt(doc, path, e.target.checked ? true : undefined) }), scope)}
      data-testid={testId}
    />
  );
});

/** A titled group of fields (the same fieldset as the element forms'). */
export { Block as Group } from '../forms';

/** The id (or another key) of an item, for its card's title. */
function ItemTitle({ path, label, keyName }: { path: DocPath; label: string; keyName: string }) {
  const id = useEditor((s) => (s.doc ? getAt(s.doc, [...path, keyName]) : undefined));
  return (
    <legend>
      {label} <span className="num">{typeof id === 'string' || typeof id === 'number' ? String(id) : ''}</span>
    </legend>
  );
}

export interface ItemsProps {
  scope: string;
  path: DocPath;
  /** What one item is ("tenant"). */
  itemLabel: string;
  /** e.g. "Tenants". */
  name: string;
  testId: string;
  /** The edit "Add" makes (may refuse, e.g. no host pool for an instance group). */
  add: (doc: Doc) => EditOutcome;
  /** The removal of item `index` (with its repairs); default: the row goes, the list with its last row. */
  remove?: (doc: Doc, index: number) => EditOutcome;
  render: (itemPath: DocPath, index: number) => ReactNode;
  empty?: string;
  /** The key shown in each card's title (default id). */
  titleKey?: string;
}

/** A list of the document as cards: one fieldset per item with its fields and a remove button, and "Add". */
export const Items = memo(function Items({ scope, path, itemLabel, name, testId, add, remove, render, empty, titleKey = 'id' }: ItemsProps) {
  const count = useEditor((s) => {
    const v = s.doc ? getAt(s.doc, path) : undefined;
    return Array.isArray(v) ? v.length : 0;
  });
  const busy = useEditor((s) => s.pending !== null);
  const t = useT(blockMessages);
  const onAdd = useCallback(() => void commitEdit(t('addItemName', { name, item: itemLabel }), add, scope), [add, itemLabel, name, scope, t]);
  return (
    <div className="edit-items" data-testid={testId}>
      {count === 0 && <p className="note">{empty ?? t('noItems', { item: itemLabel })}</p>}
      {Array.from({ length: count }, (_, i) => {
        const itemPath = [...path, i];
        return (
          <fieldset key={i} className="edit-block edit-item" data-testid={`${testId}-${i}`}>
            <ItemTitle path={itemPath} label={itemLabel} keyName={titleKey} />
            {render(itemPath, i)}
            <ExactIssues scope={scope} path={itemPath} testId={`${testId}-${i}`} />
            <div className="edit-row">
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() => void commitEdit(t('removeItemName', { name, item: itemLabel, n: i + 1 }), (doc) => (remove ? remove(doc, i) : removeRow(doc, path, i, true)), scope)}
                data-testid={`${testId}-${i}-remove`}
              >
                {t('removeItem', { item: itemLabel })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <ExactIssues scope={scope} path={path} testId={testId} />
      <button type="button" onClick={onAdd} disabled={busy} data-testid={`${testId}-add`}>
        {t('addItem', { item: itemLabel })}
      </button>
    </div>
  );
});

/** The id of the item at `path` ("" when none). */
export function idAt(doc: Doc, path: DocPath): string {
  const v = getAt(doc, [...path, 'id']);
  return typeof v === 'string' ? v : '';
}

/** Appends a row made from the document (an "Add" that cannot refuse). */
export const appendMade = (path: DocPath, make: (doc: Doc) => unknown) => (doc: Doc): EditOutcome => ({ ok: true, doc: appendRow(doc, path, make(doc)) });

/** An optional block: absent, a note and "Add"; present, its form and "Remove". */
export const BlockShell = memo(function BlockShell({ id, name, absentNote, children }: { id: BlockId; name: string; absentNote: string; children: ReactNode }) {
  const present = useEditor((s) => (s.doc ? hasBlock(s.doc, id) : false));
  const t = useT(blockMessages);
  const scope = `block:${id}`;
  if (!present) {
    return (
      <div data-testid={`block-${id}-absent`}>
        <p className="note">{absentNote}</p>
        <EditButton label={t('addBlock', { name })} name={t('addBlock', { name })} scope={scope} make={(d) => addBlock(d, id)} testId={`block-${id}-add`} />
      </div>
    );
  }
  return (
    <>
      {children}
      <ExactIssues scope={scope} path={[id]} testId={`block-${id}`} />
      <JsonField scope={scope} path={[id]} editName={name} testId={`block-${id}-json`} />
      <div className="edit-row">
        <EditButton label={t('removeBlock', { name })} name={t('removeBlock', { name })} scope={scope} make={(d) => removeBlock(d, id)} testId={`block-${id}-remove`} danger />
      </div>
    </>
  );
});
