// Moot's pages in real headless Chromium (Debian's `chromium`):
//
// 1. a click-through a visitor would make: home -> a meeting -> a person,
//    with a screenshot of each page;
// 2. an axe-core audit (WCAG 2.0, 2.1 and 2.2, levels A and AA) of every
//    kind of page the site has, failing with each violation listed, and a
//    reflow check axe cannot make (WCAG 1.4.10: no sideways scrolling at
//    320 CSS pixels wide), and no table wider than its container at 1280
//    or 320 pixels (wide tables stack into summary rows).
//
// Usage: node audit.mjs BASE_URL [SCREENSHOT_DIR]
// The browser is $MOOT_CHROMIUM, else /usr/bin/chromium. Exit status: 0 all
// passed, 1 a check failed, 2 the browser could not be started.

import {
  audit, checkReflow, commandLine, fail, finish, launch, newPage, screenshot as shoot, signIn, WCAG_TAGS,
} from './lib.mjs';

// Every kind of page, in audit order. `path` is fixed; `clicked` pages are
// the ones the click-through reached; `from` names a page already audited
// whose first matching link (inside <main>) is followed.
// `optional` pages are audited when the site has them (not a 404), so pages
// other work adds are covered as soon as they exist.
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'bodies', path: '/bodies' },
  { name: 'body', from: 'bodies', link: 'a[href^="/bodies/"]:not([href$=".ics"])' },
  { name: 'meeting', clicked: true },
  { name: 'person', clicked: true },
  { name: 'not found', path: '/meetings/999999', status: 404 },
  { name: 'search', path: '/search?q=health', optional: true },
  { name: 'decisions', path: '/decisions', optional: true },
  { name: 'decisions filtered', path: '/decisions?status=taken&from-day=1&from-month=1&from-year=2000', optional: true },
  { name: 'item', from: 'meeting', link: 'a[href^="/items/"]' },
  { name: 'document', path: '/documents/1', optional: true },
  { name: 'scorecard', from: 'body', link: 'a[href$="/scorecard"]' },
  { name: 'indicator', from: 'scorecard', link: 'a[href^="/indicators/"]' },
  { name: 'exceptions', from: 'scorecard', link: 'a[href$="/exceptions"]' },
  { name: 'all exceptions', path: '/scorecard/exceptions' },
  { name: 'sign in', path: '/login' },
];

// Pages audited signed in as the demo admin (its password, printed by
// `moot serve --demo`, comes in $MOOT_ADMIN_PASSWORD), after the sign-in
// page with its error summary.
const SIGNED_IN_PAGES = [
  { name: 'accounts', path: '/admin/accounts' },
  { name: 'audit log', path: '/admin/audit' },
  { name: 'account', path: '/account' },
  { name: 'meeting signed in', path: '/meetings/1' },
];

const { base, shots } = commandLine('audit.mjs');
const screenshot = (page, name) => shoot(page, shots, name);

const browser = await launch();
try {
  const page = await newPage(browser);
  const clicked = await clickThrough(page);
  let visited = await auditAll(page, clicked);
  visited += await auditSignedIn(page);
  console.log(`audited ${visited} pages against ${WCAG_TAGS.join(', ')}`);
} catch (error) {
  fail(`unexpected error: ${error.stack ?? error}`);
}
await finish(browser, shots);

/// Home -> a meeting -> a person, by clicking links: the first meeting
/// on the home page whose page names people (upcoming meetings have no
/// minutes yet). Returns the paths reached, by page name.
async function clickThrough(page) {
  const reached = new Map();
  await visit(page, '/', 'home');
  const meetings = await page.$$eval('main a[href^="/meetings/"]', (links) => links.length);
  for (let i = 0; i < meetings; i += 1) {
    const meeting = await click(page, 'a[href^="/meetings/"]', i, /^\/meetings\/\d+$/);
    if (!meeting || !(await page.$('main a[href^="/people/"]'))) {
      await page.goBack({ waitUntil: 'load' });
      continue;
    }
    reached.set('meeting', meeting);
    await screenshot(page, 'meeting');
    const person = await click(page, 'a[href^="/people/"]', 0, /^\/people\/\d+$/);
    if (person) {
      reached.set('person', person);
      await screenshot(page, 'person');
    }
    return reached;
  }
  fail('no meeting linked from the home page names a person');
  return reached;
}

async function visit(page, path, name, status = 200) {
  const response = await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  if (response.status() !== status) {
    fail(`${name} ${path}: status ${response.status()}, expected ${status}`);
  }
  await screenshot(page, name);
}

/// Clicks the `nth` link matching `selector` in <main>; returns the path
/// reached, or undefined (with a failure) if it is not what was expected.
async function click(page, selector, nth, expected) {
  const links = await page.$$(`main ${selector}`);
  if (!links[nth]) {
    fail(`no link matching ${selector} on ${page.url()}`);
    return undefined;
  }
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), links[nth].click()]);
  const path = new URL(page.url()).pathname;
  if (!expected.test(path)) {
    fail(`clicking ${selector} led to ${path}`);
    return undefined;
  }
  const h1 = await page.$eval('h1', (h) => h.textContent.trim()).catch(() => '');
  if (!h1) fail(`${path} has no h1`);
  console.log(`clicked through to ${path}: "${h1}"`);
  return path;
}

/// Audits every page in PAGES; returns how many were audited.
async function auditAll(page, clicked) {
  const urls = new Map();
  let audited = 0;
  for (const spec of PAGES) {
    const path = spec.clicked
      ? clicked.get(spec.name)
      : (spec.path ?? (await linkOn(page, urls.get(spec.from), spec.link)));
    if (!path) {
      fail(`${spec.name}: no page of this kind was reached`);
      continue;
    }
    const response = await page.goto(new URL(path, base).href, { waitUntil: 'load' });
    if (spec.optional && response.status() === 404) {
      console.log(`skipped ${spec.name} (${path}): not on this site`);
      continue;
    }
    if (response.status() !== (spec.status ?? 200)) {
      fail(`${spec.name} ${path}: status ${response.status()}`);
    }
    urls.set(spec.name, path);
    await screenshot(page, `audit-${spec.name}`);
    await audit(page, spec.name, path);
    await checkReflow(page, spec.name, path);
    audited += 1;
  }
  return audited;
}

/// The sign-in form sent empty (its error summary audited), then signed
/// in as the demo admin, each of SIGNED_IN_PAGES audited; returns how many
/// pages were audited.
async function auditSignedIn(page) {
  const password = process.env.MOOT_ADMIN_PASSWORD;
  if (!password) {
    fail('MOOT_ADMIN_PASSWORD is not set: the signed-in pages cannot be audited');
    return 0;
  }
  await page.goto(new URL('/login', base).href, { waitUntil: 'load' });
  const [refused] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main button[type=submit]')]);
  if (refused.status() !== 422) fail(`an empty sign-in form answered ${refused.status()}`);
  await screenshot(page, 'audit-sign-in-errors');
  await audit(page, 'sign-in errors', '/login');
  await signIn(page, base, 'admin', password);
  let audited = 1;
  for (const spec of SIGNED_IN_PAGES) {
    const response = await page.goto(new URL(spec.path, base).href, { waitUntil: 'load' });
    if (response.status() !== 200) fail(`${spec.name} ${spec.path}: status ${response.status()}`);
    await screenshot(page, `audit-${spec.name}`);
    await audit(page, spec.name, spec.path);
    await checkReflow(page, spec.name, spec.path);
    audited += 1;
  }
  return audited;
}

async function linkOn(page, path, selector) {
  if (!path) return undefined;
  await page.goto(new URL(path, base).href, { waitUntil: 'load' });
  return page.$eval(`main ${selector}`, (a) => a.getAttribute('href')).catch(() => undefined);
}
