import {
  groupChatListSchema,
  groupChatSchema,
  groupEnterBodySchema,
  groupEnterResultSchema,
  topicGroupListSchema,
  updateGroupBodySchema,
} from '../../../shared/src/groups/groups.schema';
import { idParam } from '../../../shared/src/members/members.schema';
import type { Api } from '../http/operations';
import { enterGroup, listGroupChats, listTopicGroups, updateGroupChat } from './groups.service';

/** WeChat group chats: arriving from a share card, binding groups, where a topic's co-signers came from. */
export function registerGroupRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/groups/enter',
    operationId: 'enterGroupChat',
    summary:
      'A visitor opened a share card in a WeChat group: the server decrypts wx.getGroupEnterInfo data with their session key and answers the group chat id to attribute later co-signs to',
    tag: 'groups',
    body: groupEnterBodySchema,
    rateLimit: { points: 120, duration: 3600 },
    response: { schema: groupEnterResultSchema, description: 'The group chat of the community the visitor came from' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED'],
    handler: async (ctx, { body, actor }) => enterGroup(ctx.services, actor, body),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/groups',
    operationId: 'listGroupChats',
    summary: "Moderators: the community's WeChat group chats, unbound first, with co-signs attributed to each",
    tag: 'groups',
    params: idParam,
    response: { schema: groupChatListSchema, description: 'Group chats' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, actor }) => listGroupChats(ctx.services.dataSource, actor, params.id),
  });

  api.add({
    method: 'patch',
    auth: 'user',
    path: '/api/groups/:id',
    operationId: 'updateGroupChat',
    summary: "Moderators of the group's community: name a group chat and bind it to an estate or building (or unbind)",
    tag: 'groups',
    params: idParam,
    body: updateGroupBodySchema,
    response: { schema: groupChatSchema, description: 'The group chat after the change' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, body, actor }) => updateGroupChat(ctx.services.dataSource, actor, params.id, body),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/topics/:id/groups',
    operationId: 'listTopicGroups',
    summary: "Which WeChat group chats a topic's co-signers came from: counts only, no one's identity",
    tag: 'groups',
    params: idParam,
    response: { schema: topicGroupListSchema, description: 'Groups with the number of co-signers from each' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => listTopicGroups(ctx.services.dataSource, actor, params.id),
  });
}
