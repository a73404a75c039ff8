/**
 * Takes a screenshot of a page in headless Chromium, for looking at widget states:
 * `npx tsx scripts/screenshot.ts <url> <out.png> [width] [height] [--dark] [--wait=ms]`.
 */
import { chromium } from 'playwright';
import { chromiumArgs, chromiumHelp, findChromium } from './chromium.ts';

const [url, out, width = '1200', height = '900'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dark = process.argv.includes('--dark');
const wait = Number(process.argv.find((a) => a.startsWith('--wait='))?.slice(7) ?? 1500);
if (!url || !out) {
  console.error('usage: tsx scripts/screenshot.ts <url> <out.png> [width] [height] [--dark] [--wait=ms]');
  process.exit(2);
}
const executablePath = findChromium();
if (!executablePath) {
  console.error(chromiumHelp);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const page = await browser.newPage({
  viewport: { width: Number(width), height: Number(height) },
  colorScheme: dark ? 'dark' : 'light',
});
page.on('console', (message) => console.log(`[console.${message.type()}] ${message.text()}`));
page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
page.on('response', (response) => response.status() >= 400 && console.log(`[${response.status()}] ${response.url()}`));
await page.goto(url);
await page.waitForTimeout(wait);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
