/** The driver's error code (mysql2 `code`, better-sqlite3 `code`), also when TypeORM wrapped the error. */
export function driverErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

const UNIQUE_VIOLATION = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** A unique key refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverErrorCode(error);
  return code !== undefined && UNIQUE_VIOLATION.has(code);
}

/** Driver errors meaning "the database is not reachable right now" (the same list the error handler answers 503 for). */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
  'SQLITE_BUSY',
]);

/** The database is unreachable or too busy: retrying piece by piece cannot help. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if ((error as { code?: unknown })?.code === 'DATABASE_BUSY') return true;
  const code = driverErrorCode(error);
  return code !== undefined && UNAVAILABLE.has(code);
}
