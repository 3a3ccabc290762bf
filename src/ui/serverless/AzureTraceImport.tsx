/* i18n-pending */
/**
 * A scenario replaying the Azure Functions 2019 trace from a folder (serverless.azureTrace): a
 * page cannot open files by path, so a banner says so and opens a dialog where the three files
 * (invocations.csv, durations.csv, memory.csv) are chosen from disk. The worker recognises them by
 * their headers, checks them (bad lines by file and number) and reloads the scenario with them.
 */
import { memo, useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { actions } from '../bridge';
import { setImportAzureOpen, useServerless } from './serverlessStore';

export const AzureTraceBanner = memo(function AzureTraceBanner() {
  const missing = useServerless((s) => s.info?.missingTrace ?? null);
  const onOpen = useCallback(() => setImportAzureOpen(true), []);
  if (!missing) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="azure-trace-banner">
      <div className="banner-text">
        <strong>This scenario replays the Azure Functions 2019 trace from a folder the browser cannot open by its path: it has no functions until you import the files.</strong>
        <p>
          Folder <span className="mono" data-testid="azure-trace-folder">{missing.folder}</span>: {missing.files.join(', ')}.{' '}
          <button type="button" className="linkish" onClick={onOpen} data-testid="azure-trace-import">
            Import the Azure trace files…
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
  const [problem, setProblem] = useState<{ title: string; errors: string[] } | null>(null);
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
        setProblem({ title: 'Choose the three files first', errors: [] });
        return;
      }
      const m = minutes.trim() === '' ? undefined : Number(minutes);
      if (m !== undefined && !(Number.isInteger(m) && m >= 1)) {
        setProblem({ title: 'Check the minutes', errors: [`minutes must be a whole number of at least 1, got "${minutes}"`] });
        return;
      }
      setBusy(true);
      setProblem(null);
      void actions
        .importAzureTrace(files, m)
        .then((r) => {
          if (!r.ok) setProblem({ title: r.title, errors: r.errors });
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
          <h2 id={titleId}>Import the Azure Functions trace</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close" data-testid="azure-trace-cancel-x">
            ×
          </button>
        </header>
        <p className="muted note">
          Choose <span className="mono">invocations.csv</span>, <span className="mono">durations.csv</span> and <span className="mono">memory.csv</span>
          {missing ? (
            <>
              {' '}
              from <span className="mono">{missing.folder}</span>
            </>
          ) : null}{' '}
          (the vHive invitro sample of the Azure Functions 2019 trace). One function per row of invocations.csv; the run starts again at 0.
        </p>
        <form className="form" onSubmit={onSubmit}>
          <label className="field field-block">
            <span className="field-label">Files (all three)</span>
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
            <span className="field-label">Replay only the first minutes (optional)</span>
            <input type="number" min="1" step="1" value={minutes} onChange={(e) => setMinutes(e.target.value)} placeholder="as the scenario says" data-testid="azure-trace-minutes" />
          </label>
          {problem && (
            <div className="banner banner-error form-errors" role="alert" data-testid="azure-trace-errors">
              <div className="banner-text">
                <strong>{problem.title}</strong>
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
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy} data-testid="azure-trace-submit">
              {busy ? 'Importing…' : 'Import and restart'}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
