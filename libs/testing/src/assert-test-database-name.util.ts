/**
 * Throws unless `name` is a database name that tests may create and drop: it must contain "test" and
 * be a plain lowercase identifier (letters, digits, underscores; at most 63 bytes).
 */
export function assertTestDatabaseName(name: string): void {
  if (!/test/.test(name)) {
    throw new Error(`refusing to touch database "${name}": test databases must have "test" in their name`);
  }
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`invalid test database name "${name}": use lowercase letters, digits and underscores (max 63)`);
  }
}
