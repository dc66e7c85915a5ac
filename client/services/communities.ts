import { type Me, meSchema } from '@shared/auth/auth.schema';
import {
  buildingSchema,
  type CommunitySummary,
  communitySummarySchema,
  unitOptionSchema,
} from '@shared/members/members.schema';
import { z } from 'zod';
import { request } from './request';
import { updateMe } from './session';

/** Communities, their estates, buildings and units (for the switcher and the unit claim form). */

export type { CommunitySummary };
export type Building = z.infer<typeof buildingSchema>;
export type UnitOption = z.infer<typeof unitOptionSchema>;

/** Every community with its sub-district and estates (public). */
export function listCommunities(): Promise<CommunitySummary[]> {
  return request('/communities', { schema: z.array(communitySummarySchema) });
}

/** The buildings of an estate. */
export function listBuildings(estateId: number): Promise<Building[]> {
  return request(`/estates/${estateId}/buildings`, { schema: z.array(buildingSchema) });
}

/** The units of a building (labels such as 1单元601). */
export function listUnits(buildingId: number): Promise<UnitOption[]> {
  return request(`/buildings/${buildingId}/units`, { schema: z.array(unitOptionSchema) });
}

/** Joins a community (before or without verifying a unit); needs privacy consent. */
export async function joinCommunity(communityId: number): Promise<Me> {
  const me = await request(`/communities/${communityId}/join`, { method: 'POST', data: {}, schema: meSchema });
  updateMe(me);
  return me;
}
