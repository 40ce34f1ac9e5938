// Upload (or paste) the participants-and-pairs CSV and show the Worker's per-row report.
import { useState } from 'preact/hooks';
import type { Api } from '../api';
import type { ImportReport } from '../../../shared/contract';
import { ErrorNote } from './States';
import { DataTable } from './DataTable';

const EXAMPLE = `type,displayName,email,function,region,generation,a,b,mentor,cohort,startsOn,endsOn,cadenceDays
participant,Ana Ruiz,ana@example.org,Sales,EMEA,Gen Z,,,,,,,
participant,Tom Berg,tom@example.org,Finance,EMEA,Boomer,,,,,,,
pair,,,,,,ana@example.org,tom@example.org,ana@example.org,2026-spring,2026-03-01,,14`;

export function ImportCsv(props: { api: Api; onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const pickFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setReport(await props.api.importCsv(csv));
      props.onImported();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import participants and pairs</h2>
      <p class="muted">
        One CSV with a row per participant and per pair; importing the same file again changes nothing.
      </p>
      <details>
        <summary>Columns and an example</summary>
        <p class="small">
          <code>type</code> is <code>participant</code> or <code>pair</code>. People need <code>displayName</code> and <code>email</code> (and may have
          function, region, generation); pairs name their members <code>a</code>, <code>b</code> and the optional <code>mentor</code> by email, and need{' '}
          <code>startsOn</code> (YYYY-MM-DD).
        </p>
        <pre class="example">{EXAMPLE}</pre>
      </details>
      <form class="stack" onSubmit={(event) => void submit(event)}>
        <label>
          CSV file <input type="file" accept=".csv,text/csv" onChange={(event) => void pickFile(event)} />
        </label>
        <label>
          or paste it here
          <textarea rows={6} spellcheck={false} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy || !csv.trim()}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      {report && <ImportResult report={report} />}
    </section>
  );
}

export function ImportResult(props: { report: ImportReport }) {
  const { report } = props;
  const existing = report.rows.filter((r) => r.status === 'existing').length;
  return (
    <div class="import-report" role="status">
      <p>
        <strong>
          {report.created} created, {existing} already there, {report.rejected} rejected.
        </strong>
      </p>
      <DataTable
        rows={report.rows}
        rowKey={(row) => row.line}
        rowClass={(row) => (row.status === 'rejected' ? 'rejected' : undefined)}
        columns={[
          { key: 'line', head: 'Line', cell: (row) => row.line },
          { key: 'row', head: 'Row', cell: (row) => row.type },
          { key: 'result', head: 'Result', cell: (row) => row.status },
          { key: 'who', head: 'Who', cell: (row) => row.name ?? '—' },
          { key: 'details', head: 'Details', cell: (row) => row.error ?? '' },
        ]}
      />
    </div>
  );
}
