import { AlertAcknowledgedV1, AlertEscalatedV1, AlertFiredV1, AlertResolvedV1 } from '@dx/contracts';
import { Alert, AlertLifecycleEvent, alertMessage, MessageContext } from '@dx/domain';
import { OutgoingEvent } from '@dx/messaging';

/** What every `dx.alerts.v1` event says about the alert as it is after the change. */
export function alertFacts(alert: Alert, context: MessageContext, changedAt: Date) {
  const base = {
    id: alert.id,
    unit: alert.unit,
    hierarchyVersion: alert.hierarchyVersion,
    frequency: alert.frequency,
    period: alert.period,
    severity: alert.severity,
    message: alertMessage(alert, context),
    firedAt: alert.firedAt.toISOString(),
    escalationLevel: alert.escalationLevel,
    ...(alert.escalatedAt ? { escalatedAt: alert.escalatedAt.toISOString() } : {}),
    ...(alert.acknowledgement ? { acknowledgedAt: alert.acknowledgement.at.toISOString(), acknowledgedBy: alert.acknowledgement.by } : {}),
    ...(alert.resolvedAt ? { resolvedAt: alert.resolvedAt.toISOString() } : {}),
    ...(alert.resolution ? { resolution: alert.resolution } : {}),
    ...(alert.inhibitedBy ? { inhibitedBy: alert.inhibitedBy } : {}),
    changedAt: changedAt.toISOString(),
  };
  const facts = alert.facts;
  if ('measure' in facts) {
    return { ...base, kind: 'overdue' as const, measure: alert.subject, openPeriods: [...alert.openPeriods], dueDate: facts.dueDate };
  }
  return {
    ...base,
    kind: alert.kind === 'regression' ? ('regression' as const) : ('status_slip' as const),
    indicator: alert.subject,
    status: facts.status,
    ...(facts.previousStatus !== undefined ? { previousStatus: facts.previousStatus } : {}),
    ...(facts.value !== undefined ? { value: facts.value } : {}),
    ...(facts.previousValue !== undefined ? { previousValue: facts.previousValue } : {}),
    ...(facts.expected !== undefined ? { expected: facts.expected } : {}),
  };
}

/**
 * The `dx.alerts.v1` message of a lifecycle change. Its id is the alert's id and the index of the history
 * entry that made the change: stable, so a re-published change is recognisable downstream.
 */
export function toAlertEvent(event: AlertLifecycleEvent, context: MessageContext): OutgoingEvent<any> {
  const { alert, at } = event;
  const id = `${alert.id}/${alert.history.length - 1}`;
  const facts = alertFacts(alert, context, at);
  switch (event.type) {
    case 'fired': {
      const data: AlertFiredV1 = { ...facts, state: 'firing' };
      return { contract: AlertFiredV1, id, time: at, data };
    }
    case 'acknowledged': {
      const ack = alert.acknowledgement;
      if (!ack) throw new RangeError(`acknowledged alert ${alert.id} has no acknowledgement`);
      const data: AlertAcknowledgedV1 = {
        ...facts,
        state: 'acknowledged',
        acknowledgedAt: ack.at.toISOString(),
        acknowledgedBy: ack.by,
        ...(ack.note !== undefined ? { acknowledgementNote: ack.note } : {}),
      };
      return { contract: AlertAcknowledgedV1, id, time: at, data };
    }
    case 'escalated': {
      const entry = alert.history[alert.history.length - 1];
      if (entry.type !== 'escalated' || !alert.escalatedAt) throw new RangeError(`alert ${alert.id} was not just escalated`);
      const data: AlertEscalatedV1 = {
        ...facts,
        state: 'firing',
        escalationLevel: entry.level,
        escalatedAt: alert.escalatedAt.toISOString(),
        escalatedTo: entry.unit,
      };
      return { contract: AlertEscalatedV1, id, time: at, data };
    }
    case 'resolved': {
      if (!alert.resolvedAt || !alert.resolution) throw new RangeError(`alert ${alert.id} is not resolved`);
      const data: AlertResolvedV1 = { ...facts, state: 'resolved', resolvedAt: alert.resolvedAt.toISOString(), resolution: alert.resolution };
      return { contract: AlertResolvedV1, id, time: at, data };
    }
  }
}
