import type { DataSource } from 'typeorm';
import { In, IsNull } from 'typeorm';
import {
  type Council as CouncilView,
  SEAT_PARTY_LABELS,
  type SeatParty,
} from '../../../shared/src/councils/councils.schema';
import { shanghaiDay } from '../../../shared/src/time';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Community, Estate } from '../communities/communities.entity';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import { Membership } from '../members/members.entity';
import { assertModerator } from '../members/members.policy';
import { publicName } from '../topics/topics.views';
import { Council, Seat } from './councils.entity';

/** The community's councils with their current and past seats; holders are named masked. */
export async function listCouncils(ds: DataSource, communityId: number): Promise<CouncilView[]> {
  if (!(await ds.getRepository(Community).exists({ where: { id: communityId } }))) throw new AppError('NOT_FOUND');
  const councils = await ds.getRepository(Council).find({ where: { communityId }, order: { id: 'ASC' } });
  if (councils.length === 0) return [];
  const [seats, estates] = await Promise.all([
    ds
      .getRepository(Seat)
      .find({ where: { councilId: In(councils.map((c) => c.id)), endedAt: IsNull() }, order: { id: 'ASC' } }),
    ds.getRepository(Estate).find({ where: { communityId } }),
  ]);
  const users = seats.length
    ? await ds.getRepository(User).find({ where: { id: In([...new Set(seats.map((s) => s.userId))]) } })
    : [];
  const today = shanghaiDay();
  return councils.map((c) => ({
    id: c.id,
    communityId: c.communityId,
    estateId: c.estateId,
    estateName: estates.find((e) => e.id === c.estateId)?.name ?? null,
    name: c.name,
    seats: seats
      .filter((s) => s.councilId === c.id)
      .map((s) => ({
        id: s.id,
        party: s.party,
        partyLabel: SEAT_PARTY_LABELS[s.party],
        holderName: publicName(users.find((u) => u.id === s.userId)),
        organisation: s.organisation,
        termStart: s.termStart,
        termEnd: s.termEnd,
        current: s.termStart <= today && today <= s.termEnd,
      })),
  }));
}

/** Moderators set up a council for the community or one of its estates. Errors: FORBIDDEN, VALIDATION_FAILED. */
export async function createCouncil(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  body: { name: string; estateId?: number },
) {
  assertModerator(actor, communityId);
  return runInTransaction(ds, async (em) => {
    if (body.estateId !== undefined && !(await em.exists(Estate, { where: { id: body.estateId, communityId } }))) {
      throw new AppError('VALIDATION_FAILED', {
        message: '本社区没有这个小区',
        details: { in: 'body', fields: [{ path: 'estateId', message: '本社区没有这个小区' }] },
      });
    }
    const council = await em.save(
      em.create(Council, { communityId, estateId: body.estateId ?? null, name: body.name }),
    );
    await audit(em, {
      communityId,
      actor,
      action: 'council.create',
      objectType: 'council',
      objectId: council.id,
      summary: `设立议事会「${body.name}」`,
      data: { estateId: body.estateId ?? null },
    });
    return council;
  });
}

/**
 * Moderators appoint a member of the community to a seat for a term.
 * Errors: NOT_FOUND (council), FORBIDDEN, NOT_FOUND (not a member), CONFLICT (already seated for that party).
 */
export async function appointSeat(
  ds: DataSource,
  actor: Actor,
  councilId: number,
  body: { userId: number; party: SeatParty; organisation?: string; termStart: string; termEnd: string },
) {
  return runInTransaction(ds, async (em) => {
    const council = await em.findOne(Council, { where: { id: councilId } });
    if (!council) throw new AppError('NOT_FOUND', { message: '没有这个议事会' });
    assertModerator(actor, council.communityId);
    if (!(await em.exists(Membership, { where: { userId: body.userId, communityId: council.communityId } }))) {
      throw new AppError('NOT_FOUND', { message: '该用户不是本社区成员' });
    }
    if (await em.exists(Seat, { where: { councilId, userId: body.userId, party: body.party, endedAt: IsNull() } })) {
      throw new AppError('CONFLICT', { message: '该成员已在议事会担任这一席位' });
    }
    const seat = await em.save(
      em.create(Seat, {
        councilId,
        ...body,
        organisation: body.organisation ?? null,
        appointedBy: actor.userId,
        endedAt: null,
      }),
    );
    await audit(em, {
      communityId: council.communityId,
      actor,
      action: 'council.appoint',
      objectType: 'seat',
      objectId: seat.id,
      summary: `议事会「${council.name}」任命成员 #${body.userId}（${body.party}）`,
      data: { councilId, userId: body.userId, party: body.party, termStart: body.termStart, termEnd: body.termEnd },
    });
    return seat;
  });
}

/** Moderators end a seat early (the row stays, for the record). Errors: NOT_FOUND, FORBIDDEN. */
export async function endSeat(ds: DataSource, actor: Actor, seatId: number): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const seat = await em.findOne(Seat, { where: { id: seatId } });
    if (!seat || seat.endedAt) throw new AppError('NOT_FOUND');
    const council = await em.findOneOrFail(Council, { where: { id: seat.councilId } });
    assertModerator(actor, council.communityId);
    await em.update(Seat, { id: seatId }, { endedAt: new Date() });
    await audit(em, {
      communityId: council.communityId,
      actor,
      action: 'council.end_seat',
      objectType: 'seat',
      objectId: seatId,
      summary: `议事会「${council.name}」结束成员 #${seat.userId} 的席位`,
      data: { councilId: council.id, userId: seat.userId },
    });
  });
}
