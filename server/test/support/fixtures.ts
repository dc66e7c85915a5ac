import type { TestServer } from './test-db';

/** A valid 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The id of a demo unit by estate, building and label. */
export async function unitId(server: TestServer, estate: string, building: string, label: string): Promise<number> {
  const rows = (await server.dataSource.query(
    `SELECT u.id FROM unit u JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = u.estate_id
      WHERE e.name = ? AND b.name = ? AND u.label = ?`,
    [estate, building, label],
  )) as { id: number }[];
  if (!rows[0]) throw new Error(`no unit ${estate} ${building} ${label}`);
  return Number(rows[0].id);
}

/** The id of a community by name. */
export async function communityIdOf(server: TestServer, name: string): Promise<number> {
  const rows = (await server.dataSource.query('SELECT id FROM community WHERE name = ?', [name])) as { id: number }[];
  if (!rows[0]) throw new Error(`no community ${name}`);
  return Number(rows[0].id);
}
