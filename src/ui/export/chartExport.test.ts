import { describe, expect, it } from 'vitest';
import { exportFileName, slug, toCsv, TIME_COLUMN } from './chartExport';

describe('chart CSV', () => {
  it('writes a header naming the series and units, then the rows as drawn', () => {
    const csv = toCsv(
      [TIME_COLUMN, { key: 'p95', header: 'p95 (ms)' }, { key: 'p99', header: 'p99 (ms)' }],
      [
        { t: 0, p95: 12.5, p99: 20 },
        { t: 10, p95: null, p99: Number.NaN },
        { t: 20, p95: 0.1 + 0.2, p99: 1e-7 },
      ],
    );
    expect(csv).toBe('time (s),p95 (ms),p99 (ms)\r\n0,12.5,20\r\n10,,\r\n20,0.30000000000000004,1e-7\r\n');
  });

  it('quotes headers and text cells that need it', () => {
    const csv = toCsv([{ key: 'a', header: 'cost, "acme" ($)' }], [{ a: 'x,y' }, { a: 'plain' }, {}]);
    expect(csv.split('\r\n')).toEqual(['"cost, ""acme"" ($)"', '"x,y"', 'plain', '', '']);
  });

  it('names files after the scenario and the chart', () => {
    expect(exportFileName('flash-crowd', 'web latency', 'csv')).toBe('flash-crowd-web-latency.csv');
    expect(exportFileName('Flash crowd: HPA + CA', 'Replicas · web', 'png')).toBe('flash-crowd-hpa-ca-replicas-web.png');
    expect(exportFileName(null, 'cost', 'csv')).toBe('cost.csv');
    expect(exportFileName('', '', 'png')).toBe('chart.png');
    expect(slug('Überlast')).toBe('uberlast');
  });
});
