import { memo, type ReactNode } from 'react';

/** A column heading: its words (already in the reader's language), right-aligned for figures, or said to screen readers only. */
export interface Column {
  readonly label: ReactNode;
  readonly right?: boolean;
  readonly srOnly?: boolean;
}

/** A table's header row of column headings (the console's tables share this one shape). */
export const TableHead = memo(function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col" className={c.right ? 'right' : undefined}>
            {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
});
