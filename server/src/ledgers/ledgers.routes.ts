import type { Context } from 'koa';
import { idParam } from '../../../shared/src/members/members.schema';
import { periodQuerySchema, resolvePeriod } from '../../../shared/src/stats/period';
import { type Ledger, ledgerSchema, meetingPrintSchema } from '../../../shared/src/stats/stats.schema';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { runInTransaction } from '../db/transaction';
import type { AppState } from '../http/context';
import type { Api } from '../http/operations';
import type { CommunityFacts } from '../stats/stats.data';
import { statsOf } from '../stats/stats.service';
import { communityLedger, subDistrictLedger } from './ledgers.service';
import { attachmentHeader, ledgerWorkbook, XLSX_CONTENT_TYPE } from './ledgers.xlsx';
import { meetingPrint } from './meeting-print';

/**
 * Sends the ledger as an XLSX download (UTF-8 file name per RFC 5987) and
 * records the export in the audit log: who took which community's data out.
 */
async function sendWorkbook(
  ctx: Context & { state: AppState },
  actor: Actor,
  ledger: Ledger,
  facts: CommunityFacts[],
): Promise<undefined> {
  const buffer = await ledgerWorkbook(ledger, statsOf(facts, ledger.period));
  const { from, to } = ledger.period;
  const community = ledger.scope.kind === 'community';
  await runInTransaction(ctx.services.dataSource, (em) =>
    audit(em, {
      communityId: community ? ledger.scope.id : null,
      actor,
      actorRole: community && actor.isModerator(ledger.scope.id) ? 'moderator' : 'subdistrict_admin',
      action: 'ledger.export',
      objectType: community ? 'community' : 'sub_district',
      objectId: ledger.scope.id,
      summary: `导出${ledger.scope.name}台账（${from}至${to}）`,
      data: { from, to },
    }),
  );
  ctx.status = 200;
  ctx.type = XLSX_CONTENT_TYPE;
  ctx.set(
    'Content-Disposition',
    attachmentHeader(
      `${ledger.scope.name}台账_${from}至${to}.xlsx`,
      `ledger-${community ? 'community' : 'subdistrict'}-${ledger.scope.id}-${from}-${to}.xlsx`,
    ),
  );
  ctx.set('Cache-Control', 'no-store');
  ctx.body = buffer;
  return undefined;
}

const XLSX_DESCRIPTION =
  'The ledger workbook: 统计汇总, 议题台账, 会议台账, 表决台账 (and 项目台账), each with a title row and a frozen header row';

/** Ledgers (台账) as JSON and XLSX, per community and across a sub-district; a meeting's print record. */
export function registerLedgerRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/ledger',
    operationId: 'getCommunityLedger',
    summary: "Moderators and the sub-district's admins: a community's topics, meetings and votes of a period",
    tag: 'ledgers',
    params: idParam,
    query: periodQuerySchema,
    response: { schema: ledgerSchema, description: 'The ledger' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      (await communityLedger(ctx.services.dataSource, actor, params.id, resolvePeriod(query))).ledger,
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/ledger/export',
    operationId: 'exportCommunityLedger',
    summary: "Moderators and the sub-district's admins: a community's ledger of a period as an XLSX workbook",
    tag: 'ledgers',
    params: idParam,
    query: periodQuerySchema,
    response: { description: XLSX_DESCRIPTION, contentType: XLSX_CONTENT_TYPE },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) => {
      const { ledger, facts } = await communityLedger(ctx.services.dataSource, actor, params.id, resolvePeriod(query));
      return sendWorkbook(ctx, actor, ledger, facts);
    },
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/sub-districts/:id/ledger',
    operationId: 'getSubDistrictLedger',
    summary: 'Sub-district admins: the ledger of every community of the sub-district (each row names its community)',
    tag: 'ledgers',
    params: idParam,
    query: periodQuerySchema,
    response: { schema: ledgerSchema, description: 'The ledger' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      (await subDistrictLedger(ctx.services.dataSource, actor, params.id, resolvePeriod(query))).ledger,
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/sub-districts/:id/ledger/export',
    operationId: 'exportSubDistrictLedger',
    summary: "Sub-district admins: every community's ledger of a period as one XLSX workbook with a 社区 column",
    tag: 'ledgers',
    params: idParam,
    query: periodQuerySchema,
    response: { description: XLSX_DESCRIPTION, contentType: XLSX_CONTENT_TYPE },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) => {
      const { ledger, facts } = await subDistrictLedger(
        ctx.services.dataSource,
        actor,
        params.id,
        resolvePeriod(query),
      );
      return sendWorkbook(ctx, actor, ledger, facts);
    },
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/meetings/:id/print',
    operationId: 'getMeetingPrint',
    summary:
      "Moderators and the sub-district's admins: a meeting's record for printing (agenda, sign-in list, results, minutes)",
    tag: 'ledgers',
    params: idParam,
    response: { schema: meetingPrintSchema, description: 'The meeting record' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, actor }) => meetingPrint(ctx.services.dataSource, actor, params.id),
  });
}
