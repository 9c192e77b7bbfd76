'use strict';
// Jest globalTeardown: stops only what global-setup.cjs started (nothing when the infrastructure was reused).
module.exports = async function globalTeardown() {
  const infra = globalThis.__DX_TEST_INFRA__;
  globalThis.__DX_TEST_INFRA__ = undefined;
  if (infra) await infra.stop();
};
