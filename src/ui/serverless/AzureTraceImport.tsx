/**
 * A scenario replaying the Azure Functions 2019 trace from a folder (serverless.azureTrace): a
 * page cannot open files by path, so a banner says so and opens a dialog where the three files
 * (invocations.csv, durations.csv, memory.csv) are chosen from disk. The worker recognises them by
 * their headers, checks them (bad lines by file and number) and reloads the scenario with them.
 */
import { memo, useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { actions } from '../bridge';
import { setImportAzureOpen, useServerless } from './serverlessStore';
import type { AzureImportTitle } from '../../workers/serverless-types';
import { useT } from '../i18n/messages';
import { serverlessMessages, type ServerlessKey } from './messages';
import { richText } from './richText';

const TITLES: Readonly<Record<AzureImportTitle, ServerlessKey>> = { 'not-imported': 'azureNotImported', 'choose-files': 'azureChooseFiles', 'files-invalid': 'azureFilesInvalid' };

/**
 * What went wrong: a message of this catalog (worded when shown, so it follows the language), or the
 * worker's English title when it gave no code; the worker's error lines (by file and line) stay English.
 */
type Problem = { key: ServerlessKey; params?: Record<string, string>; title?: undefined; errors: string[] } | { key?: undefined; title: string; errors: string[] };

export const AzureTraceBanner = memo(function AzureTraceBanner() {
  const missing = useServerless((s) => s.info?.missingTrace ?? null);
  const onOpen = useCallback(() => setImportAzureOpen(true), []);
  const t = useT(serverlessMessages);
  if (!missing) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="azure-trace-banner">
      <div className="banner-text">
        <strong>{t('azureBanner')}</strong>
        <p>
          {richText(t('azureFolder', { files: missing.files.join(', ') }), {
            folder: (
              <span className="mono" data-testid="azure-trace-folder">
                {missing.folder}
              </span>
            ),
          })}{' '}
          <button type="button" className="linkish" onClick={onOpen} data-testid="azure-trace-import">
            {t('azureImportLink')}
          </button>
        </p>
      </div>
    </div>
  );
});

export const AzureTraceDialog = memo(function AzureTraceDialog() {
  const open = useServerless((s) => s.importOpen && s.info?.missingTrace != null);
  if (!open) return null;
  return <DialogBody />;
});

function DialogBody() {
  const missing = useServerless((s) => s.info?.missingTrace ?? null);
  const [files, setFiles] = useState<File[]>([]);
  const [minutes, setMinutes] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const t = useT(serverlessMessages);
  const titleId = useId();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  const onClose = useCallback(() => setImportAzureOpen(false), []);
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setImportAzureOpen(false);
    }
  }, []);
  const onFiles = useCallback((e: ChangeEvent<HTMLInputElement>) => {
    setFiles(Array.from(e.target.files ?? []));
    setProblem(null);
  }, []);
  const onSubmit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      if (files.length === 0) {
        setProblem({ key: 'azureChooseFirst', errors: [] });
        return;
      }
      const m = minutes.trim() === '' ? undefined : Number(minutes);
      if (m !== undefined && !(Number.isInteger(m) && m >= 1)) {
        setProblem({ key: 'azureCheckMinutes', params: { value: minutes }, errors: [] });
        return;
      }
      setBusy(true);
      setProblem(null);
      void actions
        .importAzureTrace(files, m)
        .then((r) => {
          if (!r.ok) setProblem(r.titleCode ? { key: TITLES[r.titleCode], errors: r.errors } : { title: r.title, errors: r.errors });
          else setImportAzureOpen(false);
        })
        .finally(() => setBusy(false));
    },
    [files, minutes],
  );
  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="azure-trace-dialog">
        <header className="modal-head">
          <h2 id={titleId}>{t('azureDialogTitle')}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')} data-testid="azure-trace-cancel-x">
            ×
          </button>
        </header>
        <p className="muted note">
          {/* i18n-ignore: the file names are the same in every language */}
          {richText(t(missing ? 'azureNoteFrom' : 'azureNote'), {
            // i18n-ignore
            inv: <span className="mono">invocations.csv</span>,
            // i18n-ignore
            dur: <span className="mono">durations.csv</span>,
            // i18n-ignore
            mem: <span className="mono">memory.csv</span>,
            folder: <span className="mono">{missing?.folder}</span>,
          })}
        </p>
        <form className="form" onSubmit={onSubmit}>
          <label className="field field-block">
            <span className="field-label">{t('azureFiles')}</span>
            <input ref={first} type="file" multiple accept=".csv,text/csv" data-testid="azure-trace-files" onChange={onFiles} />
          </label>
          {files.length > 0 && (
            <ul className="sls-azure-files" data-testid="azure-trace-chosen">
              {files.map((f) => (
                <li key={f.name} className="mono">
                  {f.name}
                </li>
              ))}
            </ul>
          )}
          <label className="field field-block">
            <span className="field-label">{t('azureMinutes')}</span>
            <input type="number" min="1" step="1" value={minutes} onChange={(e) => setMinutes(e.target.value)} placeholder={t('azureMinutesPlaceholder')} data-testid="azure-trace-minutes" />
          </label>
          {problem && (
            <div className="banner banner-error form-errors" role="alert" data-testid="azure-trace-errors">
              <div className="banner-text">
                <strong>{problem.key !== undefined ? t(problem.key) : problem.title}</strong>
                {problem.key === 'azureCheckMinutes' && (
                  <ul>
                    <li>{t('azureMinutesError', problem.params)}</li>
                  </ul>
                )}
                {problem.errors.length > 0 && (
                  <ul>
                    {problem.errors.map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          )}
          <footer className="modal-foot">
            <button type="button" onClick={onClose} data-testid="azure-trace-cancel">
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="azure-trace-submit">
              {busy ? t('importing') : t('importRestart')}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
