// What Moot's browser checks share: starting Debian's Chromium headless,
// collecting failures, screenshots, the axe-core audit (WCAG 2.0, 2.1 and
// 2.2, A and AA), the reflow check axe cannot make (WCAG 1.4.10) and the
// check that no table is wider than its container at 1280 or 320 pixels.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/// The failures of one run, printed as they happen.
export const failures = [];
export function fail(message) {
  failures.push(message);
  console.error(`FAIL ${message}`);
}

/// Reads `BASE_URL [SCREENSHOT_DIR]` from the command line; the
/// screenshot directory is made.
export function commandLine(script) {
  const [base, shotsArg] = process.argv.slice(2);
  if (!base) {
    console.error(`usage: node ${script} BASE_URL [SCREENSHOT_DIR]`);
    process.exit(2);
  }
  const shots = resolve(shotsArg ?? join(tmpdir(), 'moot-screenshots'));
  mkdirSync(shots, { recursive: true });
  return { base, shots };
}

/// Starts $MOOT_CHROMIUM (else /usr/bin/chromium) headless; exits 2 when
/// it cannot be started.
export async function launch() {
  try {
    return await puppeteer.launch({
      executablePath: process.env.MOOT_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (error) {
    console.error(`cannot start Chromium: ${error.message}`);
    console.error('install it with: apt-get install chromium (or set MOOT_CHROMIUM to its path)');
    process.exit(2);
  }
}

/// A new page the size of a desktop window. The site forbids scripts
/// (Content-Security-Policy); axe is injected by the test, not by the site.
export async function newPage(browser) {
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.setViewport({ width: 1280, height: 900 });
  return page;
}

/// Ends the run: closes the browser and exits 1 if anything failed.
export async function finish(browser, shots) {
  await browser.close();
  console.log(`screenshots in ${shots}`);
  if (failures.length > 0) {
    console.error(`${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log('all browser checks passed');
}

export async function screenshot(page, shots, name) {
  const file = join(shots, `${name.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

/// Runs axe on the page; each violation is a failure.
export async function audit(page, name, path) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_TAGS,
  );
  console.log(`axe ${name} (${path}): ${results.passes.length} rules passed, ${results.violations.length} violated`);
  for (const v of results.violations) {
    const nodes = v.nodes.map((n) => `      ${n.target.join(' ')}: ${n.html}`).join('\n');
    fail(`${name} (${path}) violates ${v.id} [${v.impact}]: ${v.help}\n    ${v.helpUrl}\n${nodes}`);
  }
}

/// WCAG 1.4.10 Reflow: at 320 CSS pixels wide the page needs no
/// horizontal scrolling.
/// Every page it checks also has its tables checked at both widths
/// (checkTableWidths).
export async function checkReflow(page, name, path) {
  const NARROW = 320;
  await checkTableWidths(page, name, path, 1280);
  await page.setViewport({ width: NARROW, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await checkTableWidths(page, name, path, NARROW);
  await page.setViewport({ width: 1280, height: 900 });
  if (width > NARROW) {
    fail(`${name} (${path}) scrolls sideways at ${NARROW}px wide (content is ${width}px)`);
  }
}

/// No table wider than its container at `width` CSS pixels: a table in a
/// scrolling region that scrolls sideways still fails, since the reader
/// has to scroll it (at 320 pixels tables stack into summary rows).
export async function checkTableWidths(page, name, path, width) {
  await page.setViewport({ width, height: width > 800 ? 900 : 640 });
  const wide = await page.evaluate(() => [...document.querySelectorAll('table')].map((table) => {
    const container = table.closest('.table-scroll') ?? table.parentElement;
    const own = Math.max(table.offsetWidth, table.scrollWidth);
    const room = container.clientWidth;
    const label = table.querySelector('caption')?.textContent.trim().slice(0, 60) ?? table.className;
    return { label, own, room };
  }).filter((t) => t.own > t.room + 1));
  for (const t of wide) {
    fail(`${name} (${path}) at ${width}px: table "${t.label}" is ${t.own}px wide in ${t.room}px`);
  }
}

/// Signs in through the sign-in form; a failure if the header does not
/// then say who is signed in.
export async function signIn(page, base, username, password) {
  await page.goto(new URL('/login', base).href, { waitUntil: 'load' });
  await page.type('#username', username);
  await page.type('#password', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main button[type=submit]')]);
  const header = await page.$eval('header', (h) => h.textContent);
  if (!header.includes('Signed in as')) fail(`signing in as ${username} failed: ${page.url()}`);
}
