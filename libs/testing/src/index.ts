// Real-infrastructure test helpers (style C16/C17). Jest globalSetup/globalTeardown for integration
// configs: libs/testing/src/global-setup.cjs and global-teardown.cjs (plain CommonJS, not exported here).
export * from './assert-test-database-name.util';
export * from './collect-messages.util';
export * from './create-test-database.util';
export * from './create-test-kafka.util';
export * from './create-test-topics.util';
export * from './delete-test-topics.util';
export * from './drop-test-database.util';
export * from './expect-eventually.util';
export * from './get-test-infra.util';
export * from './unique-suffix.util';
export * from './wait-for-consumer-group-join.util';
export * from './free-port.util';
export * from './start-private-infra.util';
export * from './launch-browser.util';
export * from './start-mail-catcher.util';
export * from './start-webhook-receiver.util';
