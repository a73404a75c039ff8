import { chromium, type Browser, type Page } from 'playwright';
import { chromiumArgs, chromiumHelp, findChromium } from '../../scripts/chromium.ts';

/**
 * Playwright driving the machine's Chromium (scripts/chromium.ts), for Node tests that load a
 * page from their own server: a page whose headers they control (a strict CSP) or an app they
 * built themselves (React). Browsers are never downloaded.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumHelp);
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

/** Console errors and warnings, and uncaught exceptions, of a page from now on. */
export function recordPageProblems(page: Page): { errors: string[]; warnings: string[] } {
  const problems = { errors: [] as string[], warnings: [] as string[] };
  page.on('console', (message) => {
    // "Failed to load resource" names no URL in its text: add where it came from.
    const where = message.location().url;
    if (message.type() === 'error')
      problems.errors.push(
        where && message.text().startsWith('Failed to load') ? `${message.text()} (${where})` : message.text(),
      );
    if (message.type() === 'warning') problems.warnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
  return problems;
}
