/* i18n-pending */
import { memo } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';

/**
 * A scenario that replays trace files named by path (the CLI reads them from the traces folder; a
 * page cannot open files by path): those workloads send nothing until the file is imported. One
 * line per file, with a button that opens Import trace for its workload.
 */
export const MissingTraceBanner = memo(function MissingTraceBanner() {
  const missing = useConsole((s) => s.scenario?.missingTraces);
  if (!missing || missing.length === 0) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="missing-trace-banner">
      <div className="banner-text">
        <strong>
          {missing.length === 1 ? 'This scenario replays a trace file' : `This scenario replays ${missing.length} trace files`} the browser cannot open by
          its path: {missing.length === 1 ? 'its workload sends' : 'these workloads send'} nothing until you import {missing.length === 1 ? 'it' : 'them'}.
        </strong>
        <ul>
          {missing.map((m) => (
            <li key={m.workload} data-testid="missing-trace">
              Workload <span className="mono">{m.workload}</span> replays{' '}
              <span className="mono" data-testid="missing-trace-file">
                {m.file || '(no file name)'}
              </span>{' '}
              <button type="button" className="linkish" onClick={() => actions.openImport(m.workload)} data-testid={`missing-trace-import-${m.workload}`}>
                Import {m.file ? (m.file.split('/').pop() ?? m.file) : 'the trace'} for {m.workload}…
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
});
