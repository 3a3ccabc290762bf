/* i18n-pending */
import { memo, useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import type { TraceFormat } from '../../workers/sim.worker';

const FORMATS: ReadonlyArray<{ value: TraceFormat; label: string; hint: string }> = [
  { value: 'per-minute', label: 'Requests per minute (CSV)', hint: 'one count per line or a CSV column; line i = minute i' },
  { value: 'timestamps', label: 'Arrival timestamps (seconds)', hint: 'one arrival time per line, in increasing order' },
  { value: 'swf', label: 'SWF job log (Parallel Workloads Archive)', hint: 'job submit times become arrivals' },
];

/** Files larger than this are refused before reading. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

function guessFormat(name: string): TraceFormat | null {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  if (n.endsWith('.swf')) return 'swf';
  return null;
}

/**
 * "Import trace": replaces one workload's arrivals with a recorded trace. The worker parses the
 * file with the core's parser; a malformed file lists its bad lines here and changes nothing.
 */
export const ImportTraceDialog = memo(function ImportTraceDialog() {
  const open = useConsole((s) => s.importOpen);
  if (!open) return null;
  return <DialogBody />;
});

function DialogBody() {
  const workloads = useConsole((s) => s.scenario?.topology.workloads);
  const preselected = useConsole((s) => s.importWorkload);
  const [workload, setWorkload] = useState(() => (preselected && workloads?.some((w) => w.id === preselected) ? preselected : (workloads?.[0]?.id ?? '')));
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<TraceFormat>('per-minute');
  const [column, setColumn] = useState('');
  const [minuteSeconds, setMinuteSeconds] = useState('60');
  const [loop, setLoop] = useState(false);
  const [fit, setFit] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; errors: string[] } | null>(null);
  const titleId = useId();
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const onClose = useCallback(() => actions.closeImport(), []);
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      actions.closeImport();
    }
  }, []);
  const onFile = useCallback((e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0] ?? null;
    setFile(f);
    setProblem(null);
    const guess = f ? guessFormat(f.name) : null;
    if (guess) setFormat(guess);
  }, []);

  const onSubmit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      if (!file) {
        setProblem({ title: 'Choose a trace file first', errors: [] });
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        setProblem({ title: `${file.name} is too large`, errors: [`at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`] });
        return;
      }
      const seconds = Number(minuteSeconds);
      if (!(seconds > 0) || !Number.isFinite(seconds)) {
        setProblem({ title: 'Check the time compression', errors: [`seconds per trace minute must be a number above 0, got "${minuteSeconds}"`] });
        return;
      }
      setBusy(true);
      setProblem(null);
      void actions
        .importTrace(file, {
          workload,
          format,
          ...(column.trim() !== '' && format !== 'swf' ? { column: column.trim() } : {}),
          minuteSeconds: seconds,
          loop,
          fitDuration: fit,
        })
        .then((r) => {
          if (!r.ok) setProblem({ title: r.title, errors: r.errors });
        })
        .finally(() => setBusy(false));
    },
    [file, workload, format, column, minuteSeconds, loop, fit],
  );

  const hint = FORMATS.find((f) => f.value === format)?.hint ?? '';
  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="trace-dialog">
        <header className="modal-head">
          <h2 id={titleId}>Import a trace</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close" data-testid="trace-cancel-x">
            ×
          </button>
        </header>
        <p className="muted note">
          The trace replaces the chosen workload&apos;s arrivals and the scenario restarts at time 0. Plain or gzip-compressed
          (.gz) files; lines starting with # or ; are comments.
        </p>
        <form className="form" onSubmit={onSubmit}>
          <label className="field field-block">
            <span className="field-label">Workload</span>
            <select ref={first} data-testid="trace-workload" value={workload} onChange={(e) => setWorkload(e.target.value)}>
              {(workloads ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.id} → {w.target}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-block">
            <span className="field-label">File</span>
            <input type="file" data-testid="trace-file" accept=".csv,.txt,.tsv,.swf,.gz,text/csv,text/plain,application/gzip" onChange={onFile} />
          </label>
          <label className="field field-block">
            <span className="field-label">Format</span>
            <select data-testid="trace-format" value={format} onChange={(e) => setFormat(e.target.value as TraceFormat)}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
            <span className="hint">{hint}</span>
          </label>
          <div className="form-row">
            <label className="field field-block">
              <span className="field-label">CSV column (optional)</span>
              <input
                type="text"
                data-testid="trace-column"
                value={column}
                onChange={(e) => setColumn(e.target.value)}
                placeholder="the last column"
                disabled={format === 'swf'}
                spellCheck={false}
              />
            </label>
            <label className="field field-block">
              <span className="field-label">One trace minute lasts (simulated s)</span>
              <input
                type="number"
                data-testid="trace-minute-seconds"
                value={minuteSeconds}
                min="0.001"
                step="any"
                onChange={(e) => setMinuteSeconds(e.target.value)}
              />
              <span className="hint">60 replays in real time; 1 replays a minute per second</span>
            </label>
          </div>
          <div className="form-row">
            <label className="check">
              <input type="checkbox" data-testid="trace-loop" checked={loop} onChange={(e) => setLoop(e.target.checked)} /> Loop when it ends
            </label>
            <label className="check">
              <input type="checkbox" data-testid="trace-fit" checked={fit} onChange={(e) => setFit(e.target.checked)} /> Run for the trace&apos;s length
            </label>
          </div>
          {problem && (
            <div className="banner banner-error form-errors" role="alert" data-testid="trace-errors">
              <div className="banner-text">
                <strong>{problem.title}</strong>
                {problem.errors.length > 0 && (
                  <ul>
                    {problem.errors.map((m, i) => (
                      <li key={i} data-testid="trace-error">
                        {m}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          )}
          <footer className="modal-foot">
            <button type="button" onClick={onClose} data-testid="trace-cancel">
              Cancel
            </button>
            <button type="submit" className="primary" data-testid="trace-submit" disabled={busy || !workload}>
              {busy ? 'Importing…' : 'Import and restart'}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
