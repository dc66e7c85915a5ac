import type { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 1_500;

/** True when the database answers `SELECT 1` within 1.5 s. */
export async function pingDatabase(ds: DataSource): Promise<boolean> {
  if (!ds.isInitialized) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ds.query('SELECT 1').then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
