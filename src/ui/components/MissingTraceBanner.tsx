import { memo } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { useT } from '../i18n/messages';
import { richText } from './richText';
import { shellMessages as m } from './messages';

/**
 * A scenario that replays trace files named by path (the CLI reads them from the traces folder; a
 * page cannot open files by path): those workloads send nothing until the file is imported. One
 * line per file, with a button that opens Import trace for its workload.
 */
export const MissingTraceBanner = memo(function MissingTraceBanner() {
  const missing = useConsole((s) => s.scenario?.missingTraces);
  const t = useT(m);
  if (!missing || missing.length === 0) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="missing-trace-banner">
      <div className="banner-text">
        <strong>{missing.length === 1 ? t('missingOne') : t('missingMany', { n: missing.length })}</strong>
        <ul>
          {missing.map((x) => (
            <li key={x.workload} data-testid="missing-trace">
              {richText(t('missingLine'), {
                workload: <span className="mono">{x.workload}</span>,
                file: (
                  <span className="mono" data-testid="missing-trace-file">
                    {x.file || t('noFileName')}
                  </span>
                ),
              })}{' '}
              <button type="button" className="linkish" onClick={() => actions.openImport(x.workload)} data-testid={`missing-trace-import-${x.workload}`}>
                {t('importFor', { file: x.file ? (x.file.split('/').pop() ?? x.file) : t('theTrace'), workload: x.workload })}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
});
