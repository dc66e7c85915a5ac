import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Community, SubDistrict } from '../communities/communities.entity';
import { AppError } from '../http/app-error';

/**
 * Who sees ledgers and statistics: the community's moderators, and the
 * admins of the sub-district it belongs to (for all of its communities).
 */

export async function reportableCommunity(ds: DataSource, actor: Actor, communityId: number): Promise<Community> {
  const community = await ds.getRepository(Community).findOne({ where: { id: communityId } });
  if (!community) throw new AppError('NOT_FOUND', { message: '没有这个社区' });
  if (!actor.isModerator(community.id) && !actor.isSubDistrictAdmin(community.subDistrictId)) {
    throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者和所属街道的工作人员可以查看台账和统计' });
  }
  return community;
}

export async function reportableSubDistrict(
  ds: DataSource,
  actor: Actor,
  subDistrictId: number,
): Promise<{ subDistrict: SubDistrict; communities: Community[] }> {
  const subDistrict = await ds.getRepository(SubDistrict).findOne({ where: { id: subDistrictId } });
  if (!subDistrict) throw new AppError('NOT_FOUND', { message: '没有这个街道' });
  if (!actor.isSubDistrictAdmin(subDistrict.id)) {
    throw new AppError('FORBIDDEN', { message: '只有本街道的工作人员可以查看全街道的台账和统计' });
  }
  const communities = await ds
    .getRepository(Community)
    .find({ where: { subDistrictId: subDistrict.id }, order: { id: 'ASC' } });
  return { subDistrict, communities };
}
