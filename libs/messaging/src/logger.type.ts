/** The structured logger the messaging code writes to (pino's shape; see @dx/platform). */
export interface StructuredLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): StructuredLogger;
}

export const SILENT_LOGGER: StructuredLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => SILENT_LOGGER,
};
