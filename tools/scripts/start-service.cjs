'use strict';
// `npm run start:service -- <name> [--prod]`: one service alone, against KAFKA_BROKERS / DATABASE_URL (or
// their local defaults); starts no infrastructure. For debugging one service; `--prod` runs its build
// (dist/apps/<name>/main.cjs, from `npx nx run <name>:build`).
const { SERVICES, spawnService } = require('./services.cjs');

const name = process.argv[2];
const service = SERVICES.find((s) => s.name === name);
if (!service) {
  process.stderr.write(`usage: npm run start:service -- <${SERVICES.map((s) => s.name).join('|')}> [--prod]\n`);
  process.exit(2);
}
const child = spawnService(service, process.env, null, { built: process.argv.includes('--prod') });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
