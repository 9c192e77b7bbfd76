import { ApiErrorCode, DomainError } from '@dx/contracts';

// The codes reporting's use cases refuse with (their statuses are in API_ERROR_STATUS).
export type ReportingErrorCode = Extract<ApiErrorCode, 'invalid_parameter' | 'unknown_unit' | 'unknown_indicator' | 'unknown_version'>;

// Echoed input is cut and stripped of control characters: a hostile path must not shape our answer.
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.slice(0, 32).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** A request reporting cannot answer, in the domain's words; the platform's error filter maps it to HTTP. */
export class ReportingError extends DomainError {
  constructor(
    override readonly code: ReportingErrorCode,
    text: { vi: string; en: string },
    details: ReadonlyArray<Record<string, unknown>> = [],
  ) {
    super(code, text, details);
    this.name = 'ReportingError';
  }

  static invalidParameter(parameter: string, message: string): ReportingError {
    return new ReportingError('invalid_parameter', { vi: `Tham số không hợp lệ: ${parameter}`, en: `invalid parameter: ${parameter}` }, [
      { parameter, message },
    ]);
  }

  static unknownUnit(code: string, version: string): ReportingError {
    const unit = shown(code);
    return new ReportingError(
      'unknown_unit',
      { vi: `Không có đơn vị "${unit}" trong phiên bản ${version}`, en: `no unit "${unit}" in hierarchy version ${version}` },
      [{ parameter: 'unit', unit, hierarchyVersion: version }],
    );
  }

  static unknownIndicator(code: string): ReportingError {
    const indicator = shown(code);
    return new ReportingError('unknown_indicator', { vi: `Không có chỉ tiêu "${indicator}"`, en: `no indicator "${indicator}"` }, [
      { parameter: 'code', indicator },
    ]);
  }

  static unknownVersion(version: string): ReportingError {
    const name = shown(version);
    return new ReportingError('unknown_version', { vi: `Không có phiên bản đơn vị hành chính "${name}"`, en: `no hierarchy version "${name}"` }, [
      { parameter: 'version', version: name },
    ]);
  }
}
