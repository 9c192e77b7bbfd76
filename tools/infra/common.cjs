'use strict';
// Small helpers shared by the local-infra modules (plain CommonJS, no dependencies).
const net = require('node:net');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DX_DIR = path.join(REPO_ROOT, '.dx');

/** An error whose message is meant to be printed as is (no stack trace needed). */
class InfraError extends Error {
  constructor(message, code, cause) {
    super(message, cause ? { cause } : undefined);
    this.name = 'InfraError';
    this.code = code;
  }
}

const defaultLog = (message) => process.stderr.write(`[infra] ${message}\n`);

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when something accepts TCP connections on host:port. */
function portAnswers(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A TCP port that was free on 127.0.0.1 a moment ago (ask the OS for an ephemeral one). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Calls `attempt` until it resolves or the deadline passes; then rethrows the last error.
 * This is a readiness probe for processes we start, not a test assertion.
 */
async function retryUntil(attempt, { timeoutMs, intervalMs = 250, what = 'condition' }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError && lastError.message ? `: ${lastError.message}` : '';
      throw new InfraError(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`, 'INFRA_TIMEOUT', lastError);
    }
    await delay(intervalMs);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

module.exports = { REPO_ROOT, DX_DIR, InfraError, defaultLog, delay, portAnswers, freePort, retryUntil, isAlive };
