'use strict';
// `npm run start:service -- <name>`: one service alone, against KAFKA_BROKERS / DATABASE_URL (or their
// local defaults); starts no infrastructure. Used by docker-compose.yml and for debugging one service.
const { SERVICES, spawnService } = require('./services.cjs');

const name = process.argv[2];
const service = SERVICES.find((s) => s.name === name);
if (!service) {
  process.stderr.write(`usage: npm run start:service -- <${SERVICES.map((s) => s.name).join('|')}>\n`);
  process.exit(2);
}
const child = spawnService(service, process.env, null);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
