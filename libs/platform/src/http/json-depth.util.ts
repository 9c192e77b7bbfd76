/**
 * Deepest nesting of a JSON text, found by scanning the bytes once (strings skipped) before parsing:
 * a hostile body nested thousands deep is refused without being parsed.
 * Stops counting at `limit + 1`.
 */
export function jsonNestingExceeds(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c)
        escaped = true; // backslash
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return false;
}
