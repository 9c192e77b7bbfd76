import { loadConfig } from '../config/config.util';
import { databaseConfigSchema, runtimeConfigSchema } from '../config/platform-config.schema';
import { migrateServiceDatabase } from '../database/migrations.util';
import { createLogger } from '../logging/logger';
import { ServiceOptions } from './bootstrap';
import { PlatformConfig } from './service-context';

const migrateConfigSchema = runtimeConfigSchema.extend(databaseConfigSchema.shape);

/**
 * The entry point of a service's `migrate` target: its migrations and nothing else (no Kafka, no HTTP),
 * so that a deployment can migrate before it starts instances. Instances still migrate on start, under
 * the same lock, so `npm start` needs no extra step.
 */
export async function runServiceMigrations<TConfig extends PlatformConfig>(
  options: ServiceOptions<TConfig>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  try {
    const config = loadConfig(migrateConfigSchema, env);
    const logger = createLogger(options.name, config.LOG_LEVEL);
    const applied = await migrateServiceDatabase(config.DATABASE_URL, options.name, options.database);
    logger.info({ applied: applied.map((migration) => migration.name) }, applied.length > 0 ? 'migrated' : 'no pending migration');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[${options.name}] không chuyển đổi được cơ sở dữ liệu / migration failed: ${message}\n`);
    process.exitCode = 1;
  }
}
