import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import { scorecardResponseSchema } from '@dx/contracts';
import { expectEventually, launchBrowser } from '@dx/testing';

import { formatValue } from '../../../../dashboard/src/format';
import { Pipeline, startPipeline } from '../support/pipeline.util';

const { buildDashboard } = require('../../../../dashboard/build-dashboard.cjs') as { buildDashboard: (outdir: string) => Promise<unknown> };

const SCREENSHOTS = resolve(__dirname, '../../../../../tmp/screenshots');
const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'];
const COMMUNES = { '31117': [4000, 0.8], '31120': [3000, 0.7], '31153': [2000, 0.55] } as const;

// The dashboard in a real Chromium, on the whole pipeline: agencies' reports → ingestion → computation →
// reporting → the page, live through the change stream.
describe('The dashboard in a browser', () => {
  let dashboardDir: string;
  let pipeline: Pipeline;
  let portal: string;
  let browser: Browser;
  let page: Page;

  const cityScorecard = async (period: string) => scorecardResponseSchema.parse((await request(portal).get(`/v1/scorecard?unit=92&period=${period}`)).body);
  const socRowValue = () => page.locator('tr[data-indicator="SOC-01"] td.value').first().innerText();
  const axeViolations = async () => {
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
      violations: Array<{ id: string; impact: string; nodes: unknown[] }>;
    };
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dashboardDir = mkdtempSync(join(tmpdir(), 'dx-dashboard-'));
    await buildDashboard(dashboardDir);
    pipeline = await startPipeline({
      name: 'dashboard',
      reporting: true,
      env: {
        DX_CLOCK_NOW: '2025-07-20T09:00:00+07:00',
        DX_DEMO: 'on',
        REPORTING_DASHBOARD_DIR: dashboardDir,
      },
    });
    portal = pipeline.portal;
    await pipeline.createAgency();
    // Six quarters of households with fibre in three wards, each a little better than the last.
    await pipeline.submit(
      Object.entries(COMMUNES).flatMap(([unit, [households, share]]) =>
        QUARTERS.flatMap((period, i) => [
          { measure: 'households.total', unit, period, value: households },
          { measure: 'households.fibre', unit, period, value: Math.round(households * (share + 0.02 * i)) },
        ]),
      ),
    );
    // Every report in: (4000 × 0.9 + 3000 × 0.8 + 2000 × 0.65) / 9000 for the city in 2025.
    await expectEventually(
      async () => expect((await cityScorecard('2025')).indicators.find((i) => i.code === 'SOC-01')?.value).toBeCloseTo((7300 / 9000) * 100, 9),
      { timeoutMs: 90_000 },
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline?.close();
    if (dashboardDir) rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('should open the overview in Vietnamese with the synthetic-data banner', async () => {
    await page.goto(`${portal}/`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining(['Chính quyền số', 'Xã hội số', 'Cảnh báo đang mở', 'Báo cáo quá hạn']));
    expect(await page.locator('#synthetic-banner').innerText()).toContain('Dữ liệu mô phỏng');
    expect(await page.locator('thead th').first().innerText()).toBe('Chỉ tiêu');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-vi.png'), fullPage: true });
  });

  it('should show the numbers the API gives, written the Vietnamese way', async () => {
    const period = await page.locator('#period').inputValue();
    const api = await cityScorecard(period);
    for (const entry of api.indicators) {
      const cell = await page.locator(`tr[data-indicator="${entry.code}"] td.value`).innerText();
      expect(cell).toBe(formatValue(entry.value, entry.valueUnit, 'vi'));
    }
    // It opens on the newest year already over, 2024 (the clock says 2025-07-20), whose households are
    // 2024-Q4's: (4000 × 0.86 + 3000 × 0.76 + 2000 × 0.61) / 9000 = 6940 / 9000 = 77.1 %.
    expect(period).toBe('2024');
    expect(await socRowValue()).toBe('77,1 %');
  });

  it('should switch to English and keep the choice in the URL', async () => {
    await page.getByRole('link', { name: 'Switch to English' }).click();
    await page.waitForSelector('html[lang="en"]');
    await page.waitForSelector('body[data-ready="true"]');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining(['Digital government', 'Digital society', 'Open alerts']));
    expect(await socRowValue()).toBe('77.1%');
    expect(await page.locator('#synthetic-banner').innerText()).toContain('Synthetic data');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-en.png'), fullPage: true });
    // Links keep the language.
    expect(await page.locator('tr[data-indicator="SOC-01"] a').getAttribute('href')).toContain('lang=en');
  });

  it('should show a value sent through ingestion without a reload', async () => {
    await page.goto(`${portal}/?period=2025`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await socRowValue()).toBe('81,1 %');
    await page.evaluate('window.__sameDocument = true');
    // Phường Châu Văn Liêm reaches 100 % in 2025-Q2: (3600 + 2400 + 2000) / 9000 = 88.9 %.
    await pipeline.submit([{ measure: 'households.fibre', unit: '31153', period: '2025-Q2', value: 2000 }]);
    await expectEventually(async () => expect(await socRowValue()).toBe('88,9 %'), { timeoutMs: 60_000, intervalMs: 250 });
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
  });

  it('should draw the indicator’s series with its trajectory and the 2025 and 2030 targets', async () => {
    await page.goto(`${portal}/indicators/SOC-01?unit=31117&version=2024-11`);
    await page.waitForSelector('body[data-ready="true"]');
    const chart = page.locator('#chart');
    expect((await chart.getAttribute('data-series'))?.split('|')).toEqual(['Giá trị thực tế', 'Lộ trình', 'Mục tiêu 2025', 'Mục tiêu 2030']);
    expect(await chart.getAttribute('aria-label')).toContain('Phường Cái Khế');
    const svgText = await chart.locator('svg').innerHTML();
    expect(svgText).toContain('Mục tiêu 2025');
    expect(await chart.locator('svg path').count()).toBeGreaterThan(10);
    expect(await page.locator('table.ranking').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'indicator-vi.png'), fullPage: true });
    expect(await axeViolations()).toEqual([]);
  });

  it('should mark the 2025 reorganisation on a series that crosses it', async () => {
    // The city's code exists in both versions: today's (2025-07) series and the former city's, marked apart.
    await page.goto(`${portal}/indicators/SOC-01?unit=92`);
    await page.waitForSelector('body[data-ready="true"]');
    expect((await page.locator('#chart').getAttribute('data-series'))?.split('|')).toEqual([
      'Trước sắp xếp (đơn vị cũ)',
      'Giá trị thực tế',
      'Lộ trình',
      'Mục tiêu 2025',
      'Mục tiêu 2030',
    ]);
    expect(await page.locator('#chart svg').innerHTML()).toContain('Sắp xếp đơn vị hành chính 07/2025');
    expect(await page.getByRole('note').filter({ hasText: '01/07/2025' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'indicator-reorganisation-vi.png'), fullPage: true });
  });

  it('should rank the wards of a district best first', async () => {
    await page.goto(`${portal}/indicators/SOC-01?unit=916&version=2024-11&lang=en`);
    await page.waitForSelector('body[data-ready="true"]');
    const rows = await page.locator('table.ranking tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')));
    expect(rows.slice(0, 2)).toEqual(['31117', '31120']);
    await page.screenshot({ path: join(SCREENSHOTS, 'indicator-ranking-en.png'), fullPage: true });
  });

  it('should pass axe without serious or critical violations and fit a phone', async () => {
    await page.goto(`${portal}/`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await axeViolations()).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${portal}/`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
    await page.locator('#pillar-society').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-phone-society.png') });
  });
});
