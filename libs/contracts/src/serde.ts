import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { CLOUDEVENTS_CONTENT_TYPE, CloudEvent, cloudEventEnvelopeSchema } from './envelope.schema';
import { EventContract, EventData } from './event-contract';

export type ContractErrorCode = 'malformed_json' | 'invalid_envelope' | 'unknown_type' | 'invalid_payload';

/** Why a message does not satisfy its contract; `path` points at the wrong field (e.g. `data.value`). */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'ContractError';
  }
}

export type Decoded<TData> = { ok: true; event: CloudEvent<TData>; contract: EventContract<TData> } | { ok: false; error: ContractError };

/** A Kafka message ready for kafkajs `send`. */
export interface EncodedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface EncodeOptions {
  /** CloudEvents `source`, e.g. `/dx/ingestion`. */
  source: string;
  /** A stable id lets consumers de-duplicate re-deliveries; random when the event has no natural id. */
  id?: string;
  time?: Date;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

function firstIssue(error: z.ZodError, prefix: string[]): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: formatPath([...prefix, ...(issue?.path ?? [])]), message: issue?.message ?? 'invalid' };
}

/**
 * Builds the CloudEvents envelope around `data`, checking `data` against the contract first:
 * a producer bug fails at the producer, not in every consumer.
 */
export function encodeEvent<TData>(contract: EventContract<TData, unknown>, data: TData, options: EncodeOptions): EncodedMessage {
  const checked = contract.schema.safeParse(data);
  if (!checked.success) {
    const { path, message } = firstIssue(checked.error, ['data']);
    throw new ContractError('invalid_payload', `${contract.type}: ${message}`, path);
  }
  const event: CloudEvent<TData> = {
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    source: options.source,
    type: contract.type,
    time: (options.time ?? new Date()).toISOString(),
    subject: contract.subjectOf(checked.data),
    datacontenttype: 'application/json',
    data: checked.data,
  };
  return {
    key: contract.keyOf(checked.data),
    value: JSON.stringify(event),
    headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
  };
}

/** Parses and validates a message value against one or more contracts (matched by `type`). Never throws. */
export function decodeEvent<C extends EventContract<any>>(contracts: C | ReadonlyArray<C>, raw: Buffer | string | null | undefined): Decoded<EventData<C>> {
  type TData = EventData<C>;
  if (raw === null || raw === undefined) {
    return { ok: false, error: new ContractError('malformed_json', 'message has no value') };
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return { ok: false, error: new ContractError('malformed_json', 'message value is not JSON') };
  }
  const envelope = cloudEventEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const { path, message } = firstIssue(envelope.error, []);
    return { ok: false, error: new ContractError('invalid_envelope', message, path) };
  }
  const candidates: ReadonlyArray<EventContract<TData>> = Array.isArray(contracts) ? contracts : [contracts as EventContract<TData>];
  const contract = candidates.find((c) => c.type === envelope.data.type);
  if (!contract) {
    const expected = candidates.map((c) => c.type).join(', ');
    return {
      ok: false,
      error: new ContractError('unknown_type', `type ${envelope.data.type} is not one of: ${expected}`, 'type'),
    };
  }
  const data = (contract.decodeSchema ?? contract.schema).safeParse(envelope.data.data);
  if (!data.success) {
    const { path, message } = firstIssue(data.error, ['data']);
    return { ok: false, error: new ContractError('invalid_payload', message, path) };
  }
  return { ok: true, event: { ...envelope.data, data: data.data } as CloudEvent<TData>, contract };
}
