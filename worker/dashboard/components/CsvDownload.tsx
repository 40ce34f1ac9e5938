// Downloads an export through fetch, because a plain link could not send the token.
import { useState } from 'preact/hooks';
import type { Api, Query } from '../api';

export function CsvDownload(props: { api: Api; kind: 'pairs' | 'periods'; query: Query; label: string }) {
  const [state, setState] = useState<'idle' | 'busy' | string>('idle');
  const download = async () => {
    setState('busy');
    try {
      const { blob, filename } = await props.api.exportCsv(props.kind, props.query);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch (error) {
      setState(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <span class="csv-download">
      <button type="button" onClick={() => void download()} disabled={state === 'busy'}>
        {state === 'busy' ? 'Preparing…' : props.label}
      </button>
      {state !== 'idle' && state !== 'busy' && (
        <span class="error-text" role="alert">
          Download failed: {state}
        </span>
      )}
    </span>
  );
}
