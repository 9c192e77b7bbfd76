import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The same command as the `architecture:lint` target, run on a fixture tree instead of the workspace.
function checkFixture(name: string): { status: number; output: string } {
  const result = spawnSync(
    process.execPath,
    [path.join(__dirname, '../check-feature-boundaries.cjs'), path.join(__dirname, '../fixtures', name)],
    // Plain text: the check colours its report when Nx runs it in a terminal.
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
  );
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

describe('feature boundaries inside a service', () => {
  it('accept features wired by their modules, a controller calling a use case and a one-way use of an exported service', () => {
    const { status, output } = checkFixture('correct');

    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('reject two features that import each other, although no file imports itself back', () => {
    const { status, output } = checkFixture('feature-cycle');

    expect(status).not.toBe(0);
    expect(output).toContain('error no-feature-cycles: apps/demo/src/readings');
    expect(output).not.toContain('no-file-cycles');
  });

  it('reject a feature cycle closed by a file of a sub-slice', () => {
    const { status, output } = checkFixture('feature-cycle-via-sub-slice');

    expect(status).not.toBe(0);
    expect(output).toContain('error no-feature-cycles: apps/demo/src/targets');
  });

  it('reject a controller that reads a repository', () => {
    const { status, output } = checkFixture('controller-imports-repository');

    expect(status).not.toBe(0);
    expect(output).toContain(
      'error entry-points-call-use-cases: apps/demo/src/readings/readings.controller.ts → apps/demo/src/readings/readings.repository.ts',
    );
  });

  it("reject a use case that reaches into another feature's repository", () => {
    const { status, output } = checkFixture('private-file-of-another-feature');

    expect(status).not.toBe(0);
    expect(output).toContain('error feature-public-surface: apps/demo/src/targets/set-target.service.ts → apps/demo/src/readings/readings.repository.ts');
  });

  it('reject two files of one feature that import each other', () => {
    const { status, output } = checkFixture('file-cycle');

    expect(status).not.toBe(0);
    expect(output).toContain('error no-file-cycles: apps/demo/src/readings/reading-scale.constant.ts');
  });
});
