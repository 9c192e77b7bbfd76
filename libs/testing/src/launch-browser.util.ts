import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import type { Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * A headless Chromium for browser tests: the system's when installed, else the binary that the
 * @sparticuz/chromium package ships (unpacked to /tmp on first use; no download).
 */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  let executablePath = SYSTEM_CHROMIUM;
  if (!existsSync(executablePath)) {
    // The package is an ES module, which Jest's CommonJS runtime cannot load: ask a plain node for the path.
    executablePath = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import c from '@sparticuz/chromium'; process.stdout.write(await c.executablePath());"],
      {
        cwd: __dirname,
        encoding: 'utf8',
      },
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}
