import type { DataSource, EntityManager } from 'typeorm';
import type { ValidRosterRow } from '../../../shared/src/communities/roster';
import type { RosterImportReport } from '../../../shared/src/members/members.schema';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import { assertModerator } from '../members/members.policy';
import { Building, Community, Estate, RosterOwner, Unit } from './communities.entity';
import { parseRosterFile } from './roster-file';

const BATCH = 500;
const fold = (text: string) => text.toLowerCase();

/**
 * Imports a roster file (CSV or XLSX) of units and owners into the community.
 * `validate` only reports; `all` writes nothing unless every row is valid;
 * `valid_rows` writes the valid rows and reports the others. Re-importing
 * updates units in place (by estate, building and unit label, case-insensitive)
 * and replaces the owners on file of every imported unit — never duplicates.
 * Errors: FORBIDDEN, NOT_FOUND, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE.
 */
export async function importRoster(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  file: { data: Buffer; filename: string },
  mode: RosterImportReport['mode'],
): Promise<RosterImportReport> {
  assertModerator(actor, communityId);
  if (!(await ds.getRepository(Community).findOne({ where: { id: communityId } }))) throw new AppError('NOT_FOUND');
  const parsed = await parseRosterFile(file.data, file.filename);
  const report: RosterImportReport = {
    mode,
    format: parsed.format,
    totalRows: parsed.totalRows,
    validRows: parsed.rows.length,
    errors: parsed.errors,
    ignoredColumns: parsed.ignoredColumns,
    applied: false,
    created: { estates: 0, buildings: 0, units: 0, owners: 0 },
    updatedUnits: 0,
    unchangedUnits: 0,
  };
  const write = mode === 'valid_rows' || (mode === 'all' && parsed.errors.length === 0);
  if (!write || parsed.rows.length === 0) return report;
  await runInTransaction(ds, async (em) => {
    await applyRows(em, communityId, parsed.rows, report);
    await audit(em, {
      communityId,
      actor,
      action: 'roster.import',
      objectType: 'community',
      objectId: communityId,
      summary: `导入房屋名册 ${parsed.rows.length} 行（新增 ${report.created.units} 户，更新 ${report.updatedUnits} 户）`,
      data: { mode, rows: parsed.rows.length, created: report.created, updatedUnits: report.updatedUnits },
    });
  });
  report.applied = true;
  return report;
}

async function applyRows(
  em: EntityManager,
  communityId: number,
  rows: ValidRosterRow[],
  report: RosterImportReport,
): Promise<void> {
  // Estates by name.
  const estates = new Map((await em.find(Estate, { where: { communityId } })).map((e) => [fold(e.name), e]));
  for (const name of new Set(rows.map((r) => r.estate))) {
    if (estates.has(fold(name))) continue;
    const estate = await em.save(em.create(Estate, { communityId, name, kind: 'commercial' }));
    estates.set(fold(name), estate);
    report.created.estates++;
  }
  // Buildings by estate and name.
  const estateIds = [...estates.values()].map((e) => e.id);
  const buildings = new Map<string, Building>();
  const buildingKey = (estateId: number, name: string) => `${estateId}/${fold(name)}`;
  for (const b of await em
    .createQueryBuilder(Building, 'b')
    .where('b.estate_id IN (:...ids)', { ids: estateIds })
    .getMany()) {
    buildings.set(buildingKey(b.estateId, b.name), b);
  }
  for (const row of rows) {
    const estate = estates.get(fold(row.estate))!;
    const key = buildingKey(estate.id, row.building);
    if (buildings.has(key)) continue;
    buildings.set(key, await em.save(em.create(Building, { estateId: estate.id, name: row.building })));
    report.created.buildings++;
  }
  // Units by building and label: insert the new ones, update the changed ones.
  const units = new Map<string, Unit>();
  const unitKey = (buildingId: number, label: string) => `${buildingId}/${fold(label)}`;
  for (const u of await em.find(Unit, { where: { communityId } })) units.set(unitKey(u.buildingId, u.label), u);
  const toInsert: Partial<Unit>[] = [];
  for (const row of rows) {
    const estate = estates.get(fold(row.estate))!;
    const building = buildings.get(buildingKey(estate.id, row.building))!;
    const existing = units.get(unitKey(building.id, row.unit));
    if (!existing) {
      toInsert.push({
        buildingId: building.id,
        estateId: estate.id,
        communityId,
        label: row.unit,
        areaCentiM2: row.areaCentiM2,
        areaSource: row.areaSource,
        developerHeld: row.developerHeld,
      });
      continue;
    }
    if (
      existing.areaCentiM2 !== row.areaCentiM2 ||
      existing.areaSource !== row.areaSource ||
      Boolean(existing.developerHeld) !== row.developerHeld
    ) {
      await em.update(
        Unit,
        { id: existing.id },
        { areaCentiM2: row.areaCentiM2, areaSource: row.areaSource, developerHeld: row.developerHeld },
      );
      report.updatedUnits++;
    } else {
      report.unchangedUnits++;
    }
  }
  for (let i = 0; i < toInsert.length; i += BATCH) await em.insert(Unit, toInsert.slice(i, i + BATCH));
  report.created.units = toInsert.length;
  if (toInsert.length > 0) {
    for (const u of await em.find(Unit, { where: { communityId } })) units.set(unitKey(u.buildingId, u.label), u);
  }
  // Owners on file: the imported units' owners are replaced by the file's.
  const owners: Partial<RosterOwner>[] = [];
  const importedUnitIds: number[] = [];
  for (const row of rows) {
    const estate = estates.get(fold(row.estate))!;
    const building = buildings.get(buildingKey(estate.id, row.building))!;
    const unit = units.get(unitKey(building.id, row.unit))!;
    importedUnitIds.push(unit.id);
    for (const o of row.owners) {
      owners.push({ unitId: unit.id, communityId, name: o.name, phone: o.phone, ownerRef: o.ownerRef });
    }
  }
  for (let i = 0; i < importedUnitIds.length; i += BATCH) {
    await em
      .createQueryBuilder()
      .delete()
      .from(RosterOwner)
      .where('unit_id IN (:...ids)', { ids: importedUnitIds.slice(i, i + BATCH) })
      .execute();
  }
  for (let i = 0; i < owners.length; i += BATCH) await em.insert(RosterOwner, owners.slice(i, i + BATCH));
  report.created.owners = owners.length;
}
