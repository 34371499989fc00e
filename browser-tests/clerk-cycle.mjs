// The clerk's side in real headless Chromium (Debian's `chromium`): signed
// in as the demo clerk, a whole cycle by filling in and sending the forms
// a clerk would, each page audited with axe-core and for reflow on the
// way:
//
//   a new body (first sent empty: the error summary and the messages
//   beside the fields are checked) -> members -> two meetings -> an
//   agenda with a paper uploaded from a file and one exempt item ->
//   publish -> attendance, a minute with resolutions -> publish the
//   minutes -> confirm them at the next meeting.
//
// Then, signed out, the public meeting page shows the minute and the
// agenda pack, and not the exempt item's title.
//
// Usage: node clerk-cycle.mjs BASE_URL [SCREENSHOT_DIR], with the demo
// clerk's password in $MOOT_CLERK_PASSWORD. Exit status as audit.mjs.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  audit, checkReflow, commandLine, fail, finish, launch, newPage, screenshot, signIn,
} from './lib.mjs';

const { base, shots } = commandLine('clerk-cycle.mjs');
const SECRET = 'QZXBROWSERSECRET4410';

/// `days` on from today, as YYYY-MM-DD.
function daysFromToday(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/// Audits the page the browser is on and keeps a screenshot.
async function check(page, name) {
  const path = new URL(page.url()).pathname;
  await screenshot(page, shots, `clerk-${name}`);
  await audit(page, name, path);
  await checkReflow(page, name, path);
}

/// Fills in the form posting to `action` (each [name, value]: text,
/// select, checkbox `yes` ticks it, `file:PATH` uploads) and sends it;
/// returns the response of the page it leads to.
async function send(page, action, fields, expectStatus = 200) {
  const form = `form[action="${action}"]`;
  if (!(await page.$(form))) {
    fail(`no form posting to ${action} on ${page.url()}`);
    return undefined;
  }
  for (const [name, value] of fields) {
    const selector = `${form} [name="${name}"]`;
    const kind = await page.$eval(selector, (e) => (e.tagName === 'SELECT' ? 'select' : e.type)).catch(() => undefined);
    if (!kind) {
      fail(`the form posting to ${action} has no field ${name}`);
      continue;
    }
    if (kind === 'select') await page.select(selector, value);
    else if (kind === 'checkbox') { if (value) await page.click(selector); }
    else if (kind === 'file') await (await page.$(selector)).uploadFile(value.replace(/^file:/, ''));
    else {
      await page.$eval(selector, (e) => { e.value = ''; });
      await page.type(selector, value);
    }
  }
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click(`${form} button[type=submit]`),
  ]);
  if (response.status() !== expectStatus) {
    const problem = await page.$eval('.error-summary', (e) => e.textContent).catch(() => '');
    fail(`sending ${action} answered ${response.status()}, expected ${expectStatus} ${problem}`);
  }
  return response;
}

/// The id at the end of the page's path (`/clerk/bodies/7` -> `7`).
const idOfPage = (page) => new URL(page.url()).pathname.split('/').pop();

/// The first option's value of the select `name` in the form posting to
/// `action` whose text contains `label`.
async function option(page, action, name, label) {
  return page.$$eval(`form[action="${action}"] [name="${name}"] option`, (options, wanted) => {
    const found = options.find((o) => o.textContent.includes(wanted));
    return found ? found.value : '';
  }, label);
}

async function newBody(page) {
  await page.goto(new URL('/clerk', base).href, { waitUntil: 'load' });
  await check(page, 'clerk home');
  await send(page, '/clerk/bodies', [], 422);
  const summary = await page.$eval('.error-summary', (e) => e.textContent).catch(() => '');
  const besideName = await page.$eval('#name-error', (e) => e.textContent).catch(() => '');
  if (!summary.includes('There is a problem') || !besideName) fail(`an empty body form shows no errors: ${summary}`);
  await check(page, 'new body errors');
  await send(page, '/clerk/bodies', [
    ['organisation', 'Invented Borough Council'],
    ['name', 'Corporate Parenting Panel'],
    ['numbering', 'running'],
  ]);
  return idOfPage(page);
}

async function members(page, body) {
  const action = `/clerk/bodies/${body}/members`;
  for (const [name, role] of [['Cllr Ada Lovelace', 'chair'], ['Cllr Alan Turing', 'member']]) {
    await send(page, action, [
      ['name', name], ['role', role], ['party', 'Independent'], ['seat', 'voting'], ['starts', daysFromToday(-30)],
    ]);
  }
  await check(page, 'body');
}

async function schedule(page, body, days) {
  await page.goto(new URL(`/clerk/bodies/${body}`, base).href, { waitUntil: 'load' });
  await send(page, `/clerk/bodies/${body}/meetings`, [
    ['date', daysFromToday(days)], ['time', '10:00'], ['venue', 'Committee Room 1'], ['contact', 'Jo Bloggs'],
  ]);
  return idOfPage(page);
}

async function agenda(page, meeting) {
  const items = `/clerk/meetings/${meeting}/items`;
  await send(page, items, [['section', 'Part 1'], ['title', 'Children in care: annual report']]);
  await send(page, items, [['section', 'Part 2'], ['title', `Placement review ${SECRET}`], ['exempt_paragraph', '2']]);
  const paper = join(shots, 'paper.txt');
  writeFileSync(paper, 'The panel is asked to note the annual report.\n\nNumbers in care rose by four.\n');
  const upload = await page.$eval('form[action^="/clerk/items/"]', (f) => f.getAttribute('action'));
  await send(page, upload, [['title', 'Annual report'], ['file', `file:${paper}`]]);
  await check(page, 'agenda');
  await send(page, `/clerk/meetings/${meeting}/publish`, []);
  const text = await page.$eval('main', (m) => m.textContent);
  if (!/published/i.test(text)) fail(`the agenda does not say it is published: ${text.slice(0, 300)}`);
  await check(page, 'agenda published');
}

async function record(page, meeting, next) {
  const minutes = `/clerk/meetings/${meeting}/minutes`;
  await page.goto(new URL(minutes, base).href, { waitUntil: 'load' });
  await check(page, 'record of the meeting');
  const attendance = `/clerk/meetings/${meeting}/attendance`;
  const chair = await option(page, attendance, 'person', 'Ada Lovelace');
  await send(page, attendance, [['person', chair], ['presence', 'present']]);
  const item = await option(page, minutes, 'item', 'Children in care');
  await send(page, minutes, [
    ['item', item], ['title', 'Children in care: annual report'],
    ['text', 'The Director introduced the report.'], ['resolutions', 'That the report be noted.'],
  ]);
  await send(page, `/clerk/meetings/${meeting}/minutes/publish`, []);
  const confirm = `/clerk/meetings/${meeting}/minutes/confirm`;
  await send(page, confirm, [['at', next]]);
  const text = await page.$eval('main', (m) => m.textContent);
  if (!/confirmed/i.test(text)) fail(`the minutes do not say they are confirmed: ${text.slice(0, 300)}`);
  await check(page, 'minutes confirmed');
}

/// Signed out, the public meeting page shows the minute, links the pack,
/// and hides the exempt item.
async function publicView(browser, publicPath) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setBypassCSP(true);
  const response = await page.goto(new URL(publicPath, base).href, { waitUntil: 'load' });
  if (response.status() !== 200) fail(`the public meeting ${publicPath} answered ${response.status()}`);
  const html = await page.content();
  if (html.includes(SECRET)) fail(`the public meeting page shows the exempt item's title`);
  if (!html.includes('That the report be noted.')) fail('the public meeting page lacks the published minute');
  const pack = await page.$eval('a[href$="/agenda-pack.pdf"]', (a) => a.href).catch(() => undefined);
  if (!pack) fail('the public meeting page does not link the agenda pack');
  else {
    const pdf = await fetch(pack);
    if (pdf.status !== 200 || !(pdf.headers.get('content-type') ?? '').startsWith('application/pdf')) {
      fail(`the agenda pack answered ${pdf.status} ${pdf.headers.get('content-type')}`);
    }
  }
  await screenshot(page, shots, 'clerk-public-meeting');
  await audit(page, 'public meeting from the clerk', publicPath);
  await context.close();
}

const password = process.env.MOOT_CLERK_PASSWORD;
const browser = await launch();
try {
  if (!password) throw new Error('MOOT_CLERK_PASSWORD is not set');
  const page = await newPage(browser);
  await signIn(page, base, 'clerk', password);
  const body = await newBody(page);
  await members(page, body);
  const first = await schedule(page, body, 21);
  const second = await schedule(page, body, 49);
  await page.goto(new URL(`/clerk/meetings/${first}`, base).href, { waitUntil: 'load' });
  await agenda(page, first);
  const publicPath = await page.$eval('main a[href^="/meetings/"]', (a) => a.getAttribute('href'));
  await record(page, first, second);
  await publicView(browser, publicPath.split('#')[0].replace(/\/agenda-pack.*$/, ''));
  console.log(`clerk cycle done: body ${body}, meetings ${first} and ${second}, public ${publicPath}`);
} catch (error) {
  fail(`unexpected error: ${error.stack ?? error}`);
}
await finish(browser, shots);
