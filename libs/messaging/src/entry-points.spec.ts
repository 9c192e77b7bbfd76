// The framework-free entry (@dx/messaging) serves rebuild scripts and tools; only @dx/messaging/nest may
// bring in Nest. Each Nest package is replaced by one that fails when loaded.
const NEST_PACKAGES = ['@nestjs/microservices', '@nestjs/core', '@nestjs/common'];

function failWhenLoaded(): void {
  for (const name of NEST_PACKAGES) {
    jest.doMock(name, () => {
      throw new Error(`${name} loaded`);
    });
  }
}

describe('@dx/messaging entry points', () => {
  beforeEach(() => {
    jest.resetModules();
    failWhenLoaded();
  });

  afterEach(() => {
    for (const name of NEST_PACKAGES) jest.dontMock(name);
  });

  it('should load the root entry without any Nest package', () => {
    expect(() => jest.requireActual('./index')).not.toThrow();
  });

  it('should load @nestjs/microservices through the nest entry only', () => {
    expect(() => jest.requireActual('./nest')).toThrow('@nestjs/microservices loaded');
  });
});
