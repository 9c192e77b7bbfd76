import { RejectionCode } from '@dx/domain';

export type SubmissionChannel = 'http' | 'csv' | 'kafka';

export interface Rejection {
  index: number;
  code: RejectionCode;
  message: string;
}

/** The contract's answer to a submission (202, or 422 when every item was rejected). */
export interface SubmissionAnswer {
  submissionId: string;
  accepted: number;
  revised: number;
  unchanged: number;
  rejected: Rejection[];
}

export interface SubmissionOutcome {
  status: 202 | 422;
  answer: SubmissionAnswer;
}

/** One submitted item with its position (0-based in JSON, the 1-based row in CSV). */
export interface SubmittedItem {
  index: number;
  item: unknown;
  /** Set when the item was already found unusable before the domain checks (a CSV row's columns). */
  rejection?: Omit<Rejection, 'index'>;
  /** Kafka intake: the message's id, claimed in the submission's transaction so that a replay is skipped. */
  messageId?: string;
}
