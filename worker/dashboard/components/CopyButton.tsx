// Copies a secret or a link without showing a dialog; says so for screen readers.
import { useState } from 'preact/hooks';

export function CopyButton(props: { text: string; label: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <button type="button" class="copy" onClick={() => void copy()} aria-label={`Copy ${props.label}`}>
      {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed: select and copy' : 'Copy'}
    </button>
  );
}
