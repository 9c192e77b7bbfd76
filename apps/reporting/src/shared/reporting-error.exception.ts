// WARNING: on the wire (the `code` of 4xx bodies); never rename.
export type ReportingErrorCode = 'invalid_parameter' | 'unknown_unit' | 'unknown_indicator' | 'unknown_version';

// Echoed input is cut and stripped of control characters: a hostile path must not shape our answer.
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.slice(0, 32).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** A request reporting cannot answer, in the domain's words; the HTTP layer maps the code to a status. */
export class ReportingError extends Error {
  constructor(
    readonly code: ReportingErrorCode,
    readonly text: { vi: string; en: string },
    readonly details: Array<Record<string, unknown>> = [],
  ) {
    super(`${text.vi} / ${text.en}`);
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
