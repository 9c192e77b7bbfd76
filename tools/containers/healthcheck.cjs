'use strict';
// HEALTHCHECK of a service image: exit 0 when GET /health/ready answers 200 on the service's own port.
// DX_SERVICE names the service; its port variable and default come from services.cjs (copied beside it).
const http = require('node:http');
const { SERVICES, portOf } = require('./services.cjs');

const service = SERVICES.find((s) => s.name === process.env.DX_SERVICE);
if (!service) {
  process.stderr.write(`healthcheck: DX_SERVICE=${process.env.DX_SERVICE} is not a service with an HTTP port\n`);
  process.exit(1);
}
const request = http.get({ host: '127.0.0.1', port: portOf(service, process.env), path: '/health/ready', timeout: 4000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => process.exit(1));
