import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { mockApi } from '../test/support/mocks/mock-api.ts';
import { createDemoProxy, demoSession } from './proxy-plugin.ts';

/**
 * The static preview's server side, in the page: Mock Service Worker answers the requests the
 * dev server would (the mock vendor APIs under `/mock/`, the widget proxy under `/proxy/`, the
 * demo session at `/demo-session`) with the very same web-standard handlers, so any static host
 * can serve the demo. The proxy is the real one over the mocks; its secrets are the demo's
 * (in the page, so nothing is secret: it is a demo). Paths are from the origin's root, as the
 * widgets' attributes name them, wherever the preview itself is hosted.
 */
export async function startMockWorker(): Promise<void> {
  const proxy = createDemoProxy();
  const worker = setupWorker(
    http.all('/mock/*', ({ request }) => mockApi(request)),
    http.all('/proxy/*', ({ request }) => proxy(request)),
    http.get('/demo-session', ({ request }) => demoSession(request)),
  );
  await worker.start({
    // Copied beside index.html by `npm run build:demo`: found wherever the preview is hosted.
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
