// The one table of the dashboard: a scrolling wrapper, column headers, and
// rows whose first cell is the row's header, as screen readers expect.
import type { ComponentChildren } from 'preact';

export interface Column<Row> {
  key: string;
  head: ComponentChildren;
  cell: (row: Row) => ComponentChildren;
  /** Class of the body cell, e.g. "num" for right-aligned figures. */
  class?: string | ((row: Row) => string | undefined);
  /** Tooltip of the body cell. */
  title?: (row: Row) => string | undefined;
}

export function DataTable<Row>(props: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  class?: string;
  /** A caption read by screen readers only (charts' tables, whose card has a visible title). */
  hiddenCaption?: string;
  rowClass?: (row: Row) => string | undefined;
  /** Data attributes of a row, for the tests and the drill-down. */
  rowData?: (row: Row) => Record<`data-${string}`, string>;
}) {
  const [first, ...rest] = props.columns;
  const cellClass = (column: Column<Row>, row: Row) => (typeof column.class === 'function' ? column.class(row) : column.class);
  return (
    <div class="table-scroll">
      <table class={props.class}>
        {props.hiddenCaption !== undefined && <caption class="visually-hidden">{props.hiddenCaption}</caption>}
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" key={column.key}>
                {column.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            <tr key={props.rowKey(row, index)} class={props.rowClass?.(row)} {...props.rowData?.(row)}>
              {first && (
                <th scope="row" class={cellClass(first, row)} title={first.title?.(row)}>
                  {first.cell(row)}
                </th>
              )}
              {rest.map((column) => (
                <td key={column.key} class={cellClass(column, row)} title={column.title?.(row)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
