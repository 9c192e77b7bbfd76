'use strict';
// The four services as local processes: how to spawn one, and how to wait for it to be ready.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

const SERVICES = [
  { name: 'reporting', portVariable: 'REPORTING_PORT', defaultPort: 3000, what: 'bảng điều khiển, API cổng thông tin / dashboard, portal API' },
  { name: 'ingestion', portVariable: 'INGESTION_PORT', defaultPort: 3001, what: 'tiếp nhận số liệu, quản trị / ingestion, admin API' },
  { name: 'computation', portVariable: 'COMPUTATION_PORT', defaultPort: 3002, what: 'tính toán chỉ tiêu / indicator computation' },
  { name: 'notification', portVariable: 'NOTIFICATION_PORT', defaultPort: 3003, what: 'cảnh báo / alerts, subscriptions' },
];

/**
 * The V8 old-generation limit every service runs with, in MB: here (npm start, npm run bench), in
 * docker-compose.yml and in the Kubernetes manifests (NODE_OPTIONS; tools/k8s checks they agree). Without
 * it Node sizes the heap from the machine's memory (4 GB here) and lets garbage pile up far past what a
 * service holds alive: computation peaked at 480–640 MB, with it under 300 MB (quality.md; ADR 0023).
 */
const HEAP_LIMIT_MB = 256;
const HEAP_LIMIT_ARGUMENT = `--max-old-space-size=${HEAP_LIMIT_MB}`;

function portOf(service, env) {
  return Number(env[service.portVariable] || service.defaultPort);
}

/**
 * Node arguments that run an app: its TypeScript source through ts-node (development), or with
 * `built: true` the bundle that `nx run <app>:build` wrote to dist/apps/<app>/ (see `npm run build`).
 * Every service gets the heap limit (HEAP_LIMIT_MB); `nodeArgs` go before the app (e.g. `--cpu-prof` in
 * `npm run bench`; a later `--max-old-space-size` there wins).
 */
function appArguments(name, { built = false, nodeArgs = [] } = {}) {
  const node = [HEAP_LIMIT_ARGUMENT, ...nodeArgs];
  if (built) return [...node, '--enable-source-maps', path.join(REPO_ROOT, 'dist', 'apps', name, 'main.cjs')];
  return [...node, '-r', path.join(REPO_ROOT, 'tools', 'register.cjs'), path.join(REPO_ROOT, 'apps', name, 'src', 'main.ts')];
}

/** Starts a service (see appArguments); its JSON log goes to `logFile` (null: this process's output). */
function spawnService(service, env, logFile, options = {}) {
  const args = appArguments(service.name, options);
  if (!logFile) return spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return child;
}

function getStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** Polls `/health/ready` until 200; rejects when the process exits or the deadline passes. */
async function waitUntilReady(service, port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code, signal) => (exited = { code, signal }));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${service.name} exited (code ${exited.code}, signal ${exited.signal})`);
    if ((await getStatus(`http://127.0.0.1:${port}/health/ready`)) === 200) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${service.name} was not ready within ${Math.round(timeoutMs / 1000)} s`);
}

/** SIGTERM to every child, SIGKILL to those still alive after `graceMs`. */
async function stopChildren(children, graceMs = 10_000) {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    alive.map(
      (child) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
          }, graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

module.exports = { REPO_ROOT, SERVICES, HEAP_LIMIT_MB, HEAP_LIMIT_ARGUMENT, portOf, appArguments, spawnService, waitUntilReady, stopChildren };
