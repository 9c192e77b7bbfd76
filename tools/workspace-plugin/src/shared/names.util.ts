import { names } from '@nx/devkit';

/** The spellings a template needs of one kebab-case name (audit-log → AuditLog, auditLog, AUDIT_LOG, audit_log). */
export function spellings(name: string): { fileName: string; className: string; propertyName: string; constantName: string; snakeName: string } {
  const n = names(name);
  return { fileName: n.fileName, className: n.className, propertyName: n.propertyName, constantName: n.constantName, snakeName: n.constantName.toLowerCase() };
}

/** A migration's timestamp: after every migration the service has, so it runs last. */
export function nextMigrationTimestamp(existing: readonly string[], now: number): number {
  const taken = existing.map((file) => Number(/^(\d{13})-/.exec(file)?.[1] ?? 0));
  return Math.max(now, ...taken.map((t) => t + 1));
}
