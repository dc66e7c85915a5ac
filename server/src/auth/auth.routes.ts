import { z } from 'zod';
import {
  acceptPrivacyBodySchema,
  deleteMeBodySchema,
  devLoginBodySchema,
  loginResponseSchema,
  meSchema,
  PRIVACY_AGREEMENT_VERSION,
  personaSchema,
  redeemInviteBodySchema,
  updateMeBodySchema,
  wechatLoginBodySchema,
} from '../../../shared/src/auth/auth.schema';
import type { AppServices } from '../http/context';
import type { Api } from '../http/operations';
import { loadActor } from './actor';
import {
  acceptPrivacy,
  deleteAccount,
  describeMe,
  exportMyData,
  listPersonas,
  loginAsPersona,
  loginWithWechat,
  redeemInvite,
  updateProfile,
} from './auth.service';

/** Login (WeChat; demo personas in demo mode only), the user's own profile, privacy, export and deletion. */
export function registerAuthRoutes(api: Api, services: AppServices): void {
  if (services.config.demoMode) {
    api.add({
      method: 'get',
      auth: 'public',
      path: '/api/auth/dev-personas',
      operationId: 'listDevPersonas',
      summary: 'Demo mode only: the personas one can sign in as (one per role)',
      tag: 'auth',
      response: { schema: z.array(personaSchema), description: 'Personas' },
      handler: async (ctx) => listPersonas(ctx.services.dataSource),
    });
    api.add({
      method: 'post',
      auth: 'public',
      path: '/api/auth/dev-login',
      operationId: 'devLogin',
      summary: 'Demo mode only: sign in as a persona',
      tag: 'auth',
      body: devLoginBodySchema,
      response: { schema: loginResponseSchema, description: 'Signed in' },
      errors: ['NOT_FOUND'],
      handler: async (ctx, { body }) => loginAsPersona(ctx.services, body.persona),
    });
  }

  api.add({
    method: 'post',
    auth: 'public',
    path: '/api/auth/wechat',
    operationId: 'wechatLogin',
    summary: 'Sign in with the code from wx.login (code2Session on the server; session_key never leaves it)',
    tag: 'auth',
    body: wechatLoginBodySchema,
    response: { schema: loginResponseSchema, description: 'Signed in' },
    errors: [
      'WECHAT_CODE_INVALID',
      'WECHAT_RATE_LIMITED',
      'WECHAT_USER_BLOCKED',
      'WECHAT_BUSY',
      'WECHAT_UNAVAILABLE',
      'FORBIDDEN',
    ],
    handler: async (ctx, { body }) => loginWithWechat(ctx.services, body.code),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/me',
    operationId: 'getMe',
    summary: 'The signed-in user: profile, communities with roles, unit claims',
    tag: 'me',
    response: { schema: meSchema, description: 'Profile' },
    handler: async (ctx, { actor }) => describeMe(ctx.services.dataSource, actor),
  });

  api.add({
    method: 'patch',
    auth: 'user',
    path: '/api/me',
    operationId: 'updateMe',
    summary: 'Change nickname or large-text mode',
    tag: 'me',
    body: updateMeBodySchema,
    response: { schema: meSchema, description: 'Updated profile' },
    handler: async (ctx, { actor, body }) => {
      await updateProfile(ctx.services.dataSource, actor, body);
      return describeMe(ctx.services.dataSource, (await loadActor(ctx.services.dataSource, actor.userId))!);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/me/privacy',
    operationId: 'acceptPrivacy',
    summary: `Accept the privacy agreement (version ${PRIVACY_AGREEMENT_VERSION}) before anything personal is collected`,
    tag: 'me',
    body: acceptPrivacyBodySchema,
    response: { schema: meSchema, description: 'Accepted' },
    handler: async (ctx, { actor, body }) => {
      await acceptPrivacy(ctx.services.dataSource, actor, body.version);
      return describeMe(ctx.services.dataSource, (await loadActor(ctx.services.dataSource, actor.userId))!);
    },
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/me/export',
    operationId: 'exportMyData',
    summary: 'Everything Yishi holds about the signed-in user (PIPL), as JSON',
    tag: 'me',
    response: { schema: z.record(z.string(), z.unknown()), description: 'The data' },
    handler: async (ctx, { actor }) => {
      ctx.set('Content-Disposition', `attachment; filename="yishi-my-data-${actor.userId}.json"`);
      return exportMyData(ctx.services.dataSource, actor);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/me/delete',
    operationId: 'deleteMyAccount',
    summary: 'Delete the account: personal data erased, public contributions stay anonymized, tokens revoked',
    tag: 'me',
    body: deleteMeBodySchema,
    response: { status: 204, description: 'Deleted' },
    handler: async (ctx, { actor }) => {
      await deleteAccount(ctx.services, actor);
      return undefined;
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/auth/redeem-invite',
    operationId: 'redeemInvite',
    summary: 'Redeem a one-time invitation code (e.g. the first moderator of a new community)',
    tag: 'auth',
    body: redeemInviteBodySchema,
    response: { schema: meSchema, description: 'Role granted' },
    errors: ['INVITE_INVALID'],
    handler: async (ctx, { actor, body }) => {
      await redeemInvite(ctx.services.dataSource, actor, body.code);
      return describeMe(ctx.services.dataSource, (await loadActor(ctx.services.dataSource, actor.userId))!);
    },
  });
}
