'use strict';
// `npm start`: Kafka and PostgreSQL (the local ones unless KAFKA_BROKERS / DATABASE_URL are given), then
// the four services; prints where everything is; Ctrl-C stops it all within seconds.
// `npm run start:prod` (`--prod`): the same, but builds the apps first (nx build -> dist/apps/<app>/main.cjs)
// and runs those bundles instead of transpiling TypeScript at start.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const { ensureInfra, InfraError } = require('../infra/local-infra.cjs');
const { startMailCatcher } = require('../infra/mail-catcher.cjs');
const { REPO_ROOT, SERVICES, portOf, appArguments, spawnService, waitUntilReady, stopChildren } = require('./services.cjs');

const BUILT = process.argv.includes('--prod');

const DEV_ADMIN_TOKEN = 'dev-admin-token';
const LOG_DIR = path.join(REPO_ROOT, '.dx', 'logs');

function say(message) {
  process.stdout.write(`${message}\n`);
}

function contractTopics() {
  require('../register.cjs');
  return require('../../libs/contracts/src/topics.constant.ts').TOPIC_DEFINITIONS;
}

function serviceDatabaseUrl(infraUrl, givenByUser) {
  if (givenByUser) return infraUrl;
  // Our own local server: the platform's database is `dx` (each service has its own schema in it).
  const url = new URL(infraUrl);
  url.pathname = '/dx';
  return url.toString();
}

/** `nx run-many -t build` for the services and the demo; exits on failure. */
function buildApps() {
  const projects = [...SERVICES.map((s) => s.name), 'demo'].join(',');
  say(`  build: ${projects} -> dist/apps/`);
  const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'run-many', '-t', 'build', `--projects=${projects}`, '--outputStyle=static'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', ...process.env },
  });
  if (result.status !== 0) {
    process.stderr.write('\nBiên dịch thất bại / build failed (npx nx run-many -t build)\n');
    process.exit(1);
  }
}

async function main() {
  const started = Date.now();
  say('Cần Thơ — nền tảng giám sát chuyển đổi số / Can Tho digital-transformation monitoring platform');
  if (BUILT) buildApps();
  let infra;
  try {
    // Topics once, before four services race to create them.
    infra = await ensureInfra({ purpose: 'start', log: (m) => say(`  ${m}`), topics: contractTopics() });
  } catch (error) {
    if (error instanceof InfraError) {
      process.stderr.write(`\nKhông khởi động được hạ tầng / cannot start the infrastructure:\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  // E-mail goes to SMTP_URL when given, else to a local mail catcher with a page to read it (contract.md).
  let mailCatcher;
  if (!process.env.SMTP_URL) {
    const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT || 1025);
    const webPort = Number(process.env.MAIL_CATCHER_PORT || 1080);
    mailCatcher = await startMailCatcher({ smtpPort, webPort }).catch(() => startMailCatcher({ smtpPort: 0, webPort: 0 }));
  }

  const adminToken = process.env.DX_ADMIN_TOKEN || DEV_ADMIN_TOKEN;
  // `npm start` is the developer's command: it says development explicitly, which alone lets the services
  // use the default admin token (with a warning in their logs) and keeps them on 127.0.0.1 (HOST to change).
  // Unset DX_ADMIN_TOKEN stays unset: the services then use the development default themselves.
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    KAFKA_BROKERS: infra.kafkaBrokers,
    DATABASE_URL: serviceDatabaseUrl(infra.databaseUrl, Boolean(process.env.DATABASE_URL)),
    DX_DEMO: process.env.DX_DEMO || 'on',
    ...(mailCatcher ? { SMTP_URL: mailCatcher.smtpUrl } : {}),
  };

  try {
    // The dashboard's static files, which reporting serves at `/` (the API works without them).
    const { buildDashboard } = require('../../apps/dashboard/build-dashboard.cjs');
    await buildDashboard();
  } catch (error) {
    process.stderr.write(`Không dựng được bảng điều khiển / dashboard build failed: ${error.message}\n`);
  }

  const children = [];
  let stopping = false;
  const shutdown = async (signal, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: đang dừng / stopping…`);
    await stopChildren(children);
    await mailCatcher?.stop();
    await infra.stop();
    say('Đã dừng / stopped.');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  for (const service of SERVICES) {
    const child = spawnService(service, env, path.join(LOG_DIR, `${service.name}.log`), { built: BUILT });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(`${service.name} stopped unexpectedly (code ${code}, signal ${signal}); see .dx/logs/${service.name}.log\n`);
        void shutdown('service exit', 1);
      }
    });
    children.push(child);
  }
  try {
    await Promise.all(SERVICES.map((s, i) => waitUntilReady(s, portOf(s, env), children[i], 120_000)));
  } catch (error) {
    process.stderr.write(`${error.message}; logs in .dx/logs/\n`);
    await shutdown('start-up failure', 1);
    return;
  }

  say('');
  say(`  Bảng điều khiển / dashboard   http://localhost:${portOf(SERVICES[0], env)}/`);
  say('');
  for (const service of SERVICES) {
    say(`  ${service.name.padEnd(13)} http://localhost:${portOf(service, env)}   ${service.what}`);
  }
  say(`  OpenAPI       http://localhost:${portOf(SERVICES[1], env)}/docs (và / and :3000/docs, :3003/docs)`);
  say(`  Kafka         ${infra.kafkaBrokers} (${infra.mode.kafka})`);
  say(`  PostgreSQL    ${new URL(env.DATABASE_URL).host}${new URL(env.DATABASE_URL).pathname} (${infra.mode.postgres})`);
  const mailbox = mailCatcher ? `${mailCatcher.webUrl} (hộp thư thử, không gửi ra ngoài / local mail catcher, nothing leaves)` : '(SMTP_URL)';
  say(`  E-mail        ${mailbox}`);
  say(`  Admin token   ${adminToken === DEV_ADMIN_TOKEN ? `${DEV_ADMIN_TOKEN} (mặc định cho phát triển / development default)` : '(DX_ADMIN_TOKEN)'}`);
  say(`  Logs          .dx/logs/<service>.log`);
  if (BUILT) say(`  Build         dist/apps/<service>/main.cjs (npm run start:prod)`);
  say(`\nSẵn sàng sau / ready after ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C để dừng / to stop.`);

  if (env.DX_DEMO === 'on') {
    // The demo agencies report through the public API, like any agency; the platform stays up if it fails.
    const demo = spawn(process.execPath, appArguments('demo', { built: BUILT }), {
      cwd: REPO_ROOT,
      env: { ...env, INGESTION_URL: `http://127.0.0.1:${portOf(SERVICES[1], env)}`, NOTIFICATION_URL: `http://127.0.0.1:${portOf(SERVICES[3], env)}` },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(demo);
    demo.on('exit', (code) => {
      if (code !== 0 && !stopping) process.stderr.write('Dữ liệu mô phỏng không nạp được / demo data failed (DX_DEMO=off to skip)\n');
    });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
