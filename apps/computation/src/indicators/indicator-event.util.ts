import { IndicatorComputedV1, IndicatorStatusChangedV1, ProducedIndicatorComputedV1, ProducedIndicatorStatusChangedV1 } from '@dx/contracts';
import { IndicatorValue, StatusEvent } from '@dx/domain';
import { OutgoingEvent } from '@dx/messaging';

/** The `indicator computed` message of a value. */
export function toIndicatorComputed(value: IndicatorValue, computedAt: Date): OutgoingEvent<ProducedIndicatorComputedV1> {
  return { contract: IndicatorComputedV1, data: { ...value, computedAt: computedAt.toISOString() } };
}

/** The `status changed` message of a slip, recovery or regression; `unit` is read in `hierarchyVersion`. */
export function toStatusChanged(event: StatusEvent, detectedAt: Date): OutgoingEvent<ProducedIndicatorStatusChangedV1> {
  return { contract: IndicatorStatusChangedV1, data: { ...event, detectedAt: detectedAt.toISOString() } };
}
