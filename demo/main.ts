import '../src/define.ts';
import { connectionControl, useConnection } from './connection.ts';

/**
 * The demo page is a set of sections, one file each in `demo/sections/`, shown in `order`.
 * A section gets its own `<section>` with a heading and fills it in `mount`.
 */
interface DemoSection {
  order: number;
  title: string;
  id: string;
  mount(container: HTMLElement): void;
}

// The static preview (`npm run build:demo`) has no dev server: the mock vendors and the proxy
// answer in the page, through Mock Service Worker, before any widget asks them.
if (import.meta.env.MODE === 'static-preview') {
  await (await import('./mock-worker.ts')).startMockWorker();
  const footer = document.querySelector('.shop-footer');
  if (footer)
    footer.textContent =
      'Demo data only. A static preview: the mock APIs and the widget proxy run in this page (Mock Service Worker).';
}

const modules = import.meta.glob<DemoSection>('./sections/*.ts', { eager: true });
const main = document.querySelector('main')!;

// Production's path first: every widget goes through the proxy unless the page asks otherwise
// (`?direct`, or choosing a mock fault, which only the direct path can inject).
const bar = document.createElement('div');
bar.className = 'demo-toolbar demo-connection';
bar.append(connectionControl());
const note = document.createElement('span');
note.className = 'demo-note';
note.textContent = 'Choosing a mock API fault switches to direct mode: the proxy only reaches healthy mocks.';
bar.append(note);
main.append(bar);
const startDirect =
  new URLSearchParams(location.search).has('direct') ||
  [...new URLSearchParams(location.search).keys()].some((key) => ['csomni', 'algonomy', 'giosg'].includes(key));
await useConnection(startDirect ? 'direct' : 'proxy');

for (const section of Object.values(modules).sort((a, b) => a.order - b.order)) {
  const element = document.createElement('section');
  element.className = 'demo-section';
  element.id = section.id;
  element.setAttribute('aria-labelledby', `${section.id}-title`);
  const heading = document.createElement('h2');
  heading.id = `${section.id}-title`;
  heading.textContent = section.title;
  element.append(heading);
  main.append(element);
  section.mount(element);
}
