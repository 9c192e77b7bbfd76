import { Module } from '@nestjs/common';

/** The `AppModule` of a service with no features: what a spec tests is the platform alone. */
@Module({})
export class NoFeaturesModule {}
