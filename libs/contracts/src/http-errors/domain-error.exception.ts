import { ApiErrorCode } from './api-error-code.enum';

/** Text shown to people: Vietnamese first, English second. */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
}

/**
 * A request a use case refuses, in the domain's words: a stable `code` (the HTTP error code clients match
 * on), the reason in Vietnamese and English, and details naming what was wrong. Use cases throw it and know
 * nothing of HTTP; the platform's error filter is the one place that turns it into a status and a body.
 * It lives beside the codes, in the contracts, because both sides need it: use cases (apps, the domain) and
 * the HTTP layer (the platform, which may not import the domain).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly text: LocalizedText,
    readonly details: ReadonlyArray<Readonly<Record<string, unknown>>> = [],
  ) {
    super(`${text.vi} / ${text.en}`);
    this.name = 'DomainError';
  }

  /** Input that is not what was asked for (400), with every wrong field (`{path, message}`) in `details`. */
  static invalidRequest(fields: ReadonlyArray<{ readonly path: string; readonly message: string }>): DomainError {
    return new DomainError('invalid_request', { vi: 'Yêu cầu không hợp lệ', en: 'invalid request' }, fields);
  }

  /** No such thing (404), under `code` when clients must tell one missing thing from another. */
  static notFound(text: LocalizedText, code: ApiErrorCode = 'not_found'): DomainError {
    return new DomainError(code, text);
  }

  /** It exists already (409). */
  static conflict(text: LocalizedText): DomainError {
    return new DomainError('conflict', text);
  }
}
