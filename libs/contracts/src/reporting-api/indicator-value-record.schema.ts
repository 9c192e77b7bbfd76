import { z } from 'zod';

import { indicatorComputedV1Schema } from '../indicator-computed/indicator-computed.v1.schema';
import { timestampSchema } from '../shared.schema';

// The reporting service's view of an indicator value: the computed payload, the hierarchy version its
// unit code belongs to, and when reporting took it in. Extends (not copies) the topic's payload, so a
// field added to dx.indicator-values.v1 reaches portals without an edit here.
export const indicatorValueRecordSchema = indicatorComputedV1Schema.extend({
  hierarchyVersion: z.string().min(1),
  updatedAt: timestampSchema,
});

export type IndicatorValueRecord = z.infer<typeof indicatorValueRecordSchema>;
