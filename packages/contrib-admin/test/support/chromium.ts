/**
 * Debian's Chromium driven by playwright-core for the browser tests: a headless persistent
 * context in a temporary profile, and screenshots into test-artifacts/ at the repository root.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { packageDir } from './stack.js';

export const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(packageDir, '../../test-artifacts/contrib-admin');

/** Whether the browser tests must be skipped (never on CI, where a missing Chromium is an error). */
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && process.env.CI === 'true')
  throw new Error(`${CHROMIUM} is missing: the admin's browser tests need Debian's chromium (apt-get install -y chromium).`);

/** A running Chromium: its context, its page, a full-page screenshot by name, the artifacts' folder, and closing it (profile removed). */
export interface RunningChromium {
  context: BrowserContext;
  page: Page;
  /** A full-page screenshot of `target` (the main page unless a popup is given) into the artifacts. */
  shot(name: string, target?: Page): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts headless Chromium at desktop size in a fresh profile. */
export async function launchChromium(): Promise<RunningChromium> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'manouche-admin-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    shot: (name, target = page) => target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Logs `username` in through the admin's login form at `base` and waits for the admin index. */
export async function logInToAdmin(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/login/`);
  await page.getByLabel('Username:').fill(username);
  await page.getByLabel('Password:').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${base}/admin/`);
}
