// The privacy policy the store listings link to is served by the Worker, as a
// static page under the same strict headers as the dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';

let worker: RunningWorker;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.stop();
});

describe('privacy policy page', () => {
  it('is served at /privacy.html with its stylesheet and the strict headers', async () => {
    const page = await fetch(`${worker.url}/privacy.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<h1>Twoway privacy policy</h1>');
    for (const heading of ['What it sends to your programme', 'Who can see what', 'how to remove it']) expect(html).toContain(heading);
    // Self-contained: nothing is loaded from another origin.
    expect(html).not.toMatch(/(?:src|href)="https?:/);
    const css = await fetch(`${worker.url}/privacy.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});
