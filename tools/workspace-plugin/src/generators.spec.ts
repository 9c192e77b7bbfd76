import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';

import { featureGenerator } from './feature/feature.generator';
import { SERVICE_NAME_FILE, serviceGenerator } from './service/service.generator';

const REPO_ROOT = path.join(__dirname, '../../..');
const FIXED_NOW = () => 1_767_225_600_000; // 2026-01-01, so migration names are stable

// Prettier 3 cannot run inside Jest (it loads its plugins with a dynamic import): formatFiles is skipped,
// so the files are as the templates and edits wrote them, and those must already be laid out (a test below).
process.env['NX_SKIP_FORMAT'] = 'true';

/** A workspace tree holding the one platform file the service generator edits, as it is in the repository. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(SERVICE_NAME_FILE, readFileSync(path.join(REPO_ROOT, SERVICE_NAME_FILE), 'utf-8'));
  return tree;
}

async function auditServiceWithTwoFeatures(): Promise<Tree> {
  const tree = workspace();
  await serviceGenerator(tree, { name: 'audit', port: 3009, titleVi: 'Dịch vụ kiểm toán', titleEn: 'Audit service' }, FIXED_NOW);
  await featureGenerator(tree, { project: 'audit', name: 'retention-rules', titleVi: 'Quy tắc lưu giữ', titleEn: 'Retention rules' }, FIXED_NOW);
  await featureGenerator(tree, { project: 'audit', name: 'access-log', titleVi: 'Nhật ký truy cập', titleEn: 'Access log' }, FIXED_NOW);
  return tree;
}

/** The TypeScript files the generators created or changed, at their place in the repository. */
function changedTypeScript(tree: Tree): Map<string, string> {
  const files = new Map<string, string>();
  for (const change of tree.listChanges()) {
    if (change.type !== 'DELETE' && change.path.endsWith('.ts') && change.content)
      files.set(path.join(REPO_ROOT, change.path), change.content.toString('utf-8'));
  }
  return files;
}

/**
 * Type-checks the generated files as if they were in the repository, against the real libraries:
 * the compiler reads the generated (and changed) files from the tree and everything else from disk.
 */
function typeErrors(tree: Tree): string[] {
  const overlay = changedTypeScript(tree);
  const base = ts.readConfigFile(path.join(REPO_ROOT, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, REPO_ROOT);
  const compilerOptions = { ...options, types: ['node', 'jest'], noEmit: true };
  const host = ts.createCompilerHost(compilerOptions);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (file) => overlay.has(file) || fileExists.call(host, file);
  host.readFile = (file) => overlay.get(file) ?? readFile.call(host, file);
  host.directoryExists = (dir) => [...overlay.keys()].some((file) => file.startsWith(dir + path.sep)) || (directoryExists?.call(host, dir) ?? false);
  host.getSourceFile = (file, language, ...rest) => {
    const text = overlay.get(file);
    return text !== undefined ? ts.createSourceFile(file, text, language) : getSourceFile.call(host, file, language, ...rest);
  };
  const rootNames = [...overlay.keys()].filter((file) => file.includes(`${path.sep}apps${path.sep}audit${path.sep}`));
  const program = ts.createProgram({ rootNames, options: compilerOptions, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + (d.file ? ` (${path.relative(REPO_ROOT, d.file.fileName)})` : ''));
}

/** Runs `use` on the generated service's TypeScript files, written to a temporary directory (removed after). */
function withGeneratedFiles<T>(tree: Tree, use: (root: string, files: string[]) => T): T {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dx-generated-'));
  try {
    const files: string[] = [];
    for (const [file, text] of changedTypeScript(tree)) {
      const relative = path.relative(REPO_ROOT, file);
      if (!relative.startsWith(path.join('apps', 'audit'))) continue;
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), text);
      files.push(relative);
    }
    return use(root, files);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('service generator', () => {
  it('writes the composition root every service has, and adds the name bootstrap accepts', async () => {
    const tree = workspace();
    await serviceGenerator(tree, { name: 'audit', port: 3009, titleVi: 'Dịch vụ kiểm toán', titleEn: 'Audit service' }, FIXED_NOW);

    for (const file of [
      'project.json',
      'src/main.ts',
      'src/migrate.ts',
      'src/app.module.ts',
      'src/audit.options.ts',
      'src/config/audit.config.ts',
      'src/migrations/1767225600000-create-processed-events.ts',
      'test/integration/support/audit-test-app.ts',
      'test/integration/health/audit-is-ready.integration-spec.ts',
    ]) {
      expect(tree.exists(`apps/audit/${file}`)).toBe(true);
    }
    expect(tree.read('apps/audit/src/main.ts', 'utf-8')).toContain('runService(() => createServiceApp(AppModule, AUDIT_OPTIONS))');
    expect(tree.read('apps/audit/src/config/audit.config.ts', 'utf-8')).toContain("httpPortSchema('AUDIT_PORT', 3009)");
    expect(tree.read(SERVICE_NAME_FILE, 'utf-8')).toMatch(/export type ServiceName = [^;]*\| 'audit';/);
  });

  it('refuses a name that cannot be a database schema, and a service that exists', async () => {
    const tree = workspace();
    await expect(serviceGenerator(tree, { name: 'audit-log', port: 3009, titleVi: 'x', titleEn: 'x' })).rejects.toThrow('lower-case letters and digits only');
    await serviceGenerator(tree, { name: 'audit', port: 3009, titleVi: 'x', titleEn: 'x' });
    await expect(serviceGenerator(tree, { name: 'audit', port: 3010, titleVi: 'x', titleEn: 'x' })).rejects.toThrow('apps/audit already exists');
  });
});

describe('feature generator', () => {
  it('adds a slice, joins its module to AppModule and its migration to the options, after the existing ones', async () => {
    const tree = await auditServiceWithTwoFeatures();

    const appModule = tree.read('apps/audit/src/app.module.ts', 'utf-8') ?? '';
    expect(appModule).toContain("import { RetentionRulesModule } from './retention-rules/retention-rules.module';");
    expect(appModule).toMatch(/imports: \[RetentionRulesModule, AccessLogModule\]/);
    const options = tree.read('apps/audit/src/audit.options.ts', 'utf-8') ?? '';
    // Two features generated at the same instant still get increasing migration timestamps.
    expect(options).toMatch(/migrations: \[\s*CreateProcessedEvents1767225600000,\s*CreateRetentionRules1767225600001,\s*CreateAccessLog1767225600002,?\s*\]/);
    expect(tree.read('apps/audit/src/migrations/1767225600001-create-retention-rules.ts', 'utf-8')).toContain('CREATE TABLE audit.retention_rules');
    expect(tree.exists('apps/audit/src/retention-rules/1767225600001-create-retention-rules.ts')).toBe(false);
  });

  it('refuses an app without a composition root, naming the missing file', async () => {
    const tree = workspace();
    tree.write('apps/legacy/project.json', JSON.stringify({ name: 'legacy', root: 'apps/legacy', sourceRoot: 'apps/legacy/src' }));
    await expect(featureGenerator(tree, { project: 'legacy', name: 'things', titleVi: 'x', titleEn: 'x' })).rejects.toThrow(
      "apps/legacy/src/app.module.ts is missing: legacy is not a service in the platform's shape",
    );
  });
});

describe('what the generators write', () => {
  it('is laid out as npm run lint checks it (Prettier, the repository configuration)', async () => {
    const tree = await auditServiceWithTwoFeatures();

    const check = withGeneratedFiles(tree, (root, files) =>
      spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--config', path.join(REPO_ROOT, '.prettierrc.json'), ...files],
        {
          cwd: root,
          encoding: 'utf8',
        },
      ),
    );

    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('type-checks against the real libraries', async () => {
    const tree = await auditServiceWithTwoFeatures();

    expect(typeErrors(tree)).toEqual([]);
  });

  it('passes the feature-boundary check of npm run lint', async () => {
    const tree = await auditServiceWithTwoFeatures();

    const check = withGeneratedFiles(tree, (root) =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'tools/architecture/check-feature-boundaries.cjs'), root], {
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' },
      }),
    );

    expect(`${check.stdout}${check.stderr}`).toContain('no dependency violations found');
    expect(check.status).toBe(0);
  });
});
