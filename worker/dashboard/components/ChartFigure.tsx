// One chart with its accessible twin: the canvas is described by its title,
// and a <details> holds a table of exactly the same numbers.
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { Chart, type ChartConfiguration } from '../charts';
import { DataTable } from './DataTable';

export interface FigureTable {
  head: string[];
  rows: Array<Array<string | number>>;
}

export function ChartFigure(props: {
  title: string;
  description?: ComponentChildren;
  config: ChartConfiguration;
  table: FigureTable;
  tall?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return; // no canvas support (e.g. a test DOM): the table still carries the numbers
    const chart = new Chart(context, props.config);
    return () => chart.destroy();
  }, [props.config]);
  return (
    <figure class="card chart-card">
      <figcaption>
        <h3>{props.title}</h3>
        {props.description && <p class="muted">{props.description}</p>}
      </figcaption>
      <div class={props.tall ? 'chart tall' : 'chart'}>
        <canvas ref={canvas} role="img" aria-label={`${props.title} chart; the same numbers are in the table below`} />
      </div>
      <details>
        <summary>Show the numbers as a table</summary>
        <DataTable
          hiddenCaption={props.title}
          rows={props.table.rows}
          rowKey={(_, index) => index}
          columns={props.table.head.map((head, j) => ({ key: head, head, cell: (row: FigureTable['rows'][number]) => row[j] }))}
        />
      </details>
    </figure>
  );
}
