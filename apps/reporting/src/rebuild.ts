import 'reflect-metadata';

import { ConfigError } from '@dx/platform';

import { rebuildReporting } from './rebuild/rebuild.command';

// `npx nx run reporting:rebuild`: drop the read models and rebuild them from the start of the topics.
rebuildReporting(process.env)
  .then((summary) => {
    process.stderr.write(`rebuild done: ${summary.messages} messages, ${summary.values} indicator values in ${(summary.elapsedMs / 1000).toFixed(1)} s\n`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`rebuild failed: ${message}\n`);
    process.exit(1);
  });
