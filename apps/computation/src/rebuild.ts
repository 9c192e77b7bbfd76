import 'reflect-metadata';

import { ConfigError } from '@dx/platform';

import { rebuildComputation } from './rebuild/rebuild.service';

// `npx nx run computation:rebuild`: drop this service's state and rebuild it from dx.observations.v1.
rebuildComputation(process.env)
  .then((summary) => {
    process.stderr.write(
      `rebuild done: ${summary.messages} messages, ${summary.facts} facts, ${summary.values} indicator values in ${(summary.elapsedMs / 1000).toFixed(1)} s\n`,
    );
    process.exit(0);
  })
  .catch((error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`rebuild failed: ${message}\n`);
    process.exit(1);
  });
