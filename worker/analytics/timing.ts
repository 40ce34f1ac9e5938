// Server-Timing for analytics: the D1 time and rows read of every statement
// a response needed, so a slow or over-reading dashboard shows in devtools.

export class D1Meter {
  durationMs = 0;
  rowsRead = 0;
  statements = 0;
  private readonly started = Date.now();

  /** Adds one D1 result's meta, and hands back its rows. */
  rows<T>(result: D1Result<T>): T[] {
    this.durationMs += Number(result.meta?.duration ?? 0);
    this.rowsRead += Number(result.meta?.rows_read ?? 0);
    this.statements += 1;
    return result.results;
  }

  /** `d1;dur=12.3;desc="1234 rows read", rows;desc="1234", total;dur=15` */
  header(): string {
    const d1 = Math.round(this.durationMs * 10) / 10;
    const total = Date.now() - this.started;
    return `d1;dur=${d1};desc="${this.rowsRead} rows read", rows;desc="${this.rowsRead}", statements;desc="${this.statements}", total;dur=${total}`;
  }
}
