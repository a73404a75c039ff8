import '../src/define.ts';

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

const modules = import.meta.glob<DemoSection>('./sections/*.ts', { eager: true });
const main = document.querySelector('main')!;
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
