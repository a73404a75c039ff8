import { existsSync } from 'node:fs';

/**
 * Finds a Chromium to drive in tests and benchmarks. `CHROME_PATH` wins; otherwise Debian's
 * binary is launched directly (its `/usr/bin/chromium` wrapper prints a shell error here).
 * Browsers are never downloaded: install Debian's `chromium` package instead.
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumHelp =
  'No Chromium found. Install it with `sudo apt-get install -y chromium` (Debian), ' +
  'or point CHROME_PATH at a Chromium or Chrome binary.';
