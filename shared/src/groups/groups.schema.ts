import { z } from 'zod';

/**
 * WeChat group chats (微信群): a visitor arriving from a share card in a group
 * is attributed to it; moderators bind groups to an estate or building; a
 * topic shows which groups its co-signers came from (counts only).
 */

const id = z.number().int().positive().max(2_147_483_647);

/** What a group chat is called until a moderator names it. */
export const UNNAMED_GROUP_NAME = '微信群';
export const GROUP_NAME_MAX = 60;

/** The name to show for a group chat. */
export function groupDisplayName(name: string | null | undefined): string {
  const trimmed = name?.trim();
  return trimmed ? trimmed : UNNAMED_GROUP_NAME;
}

/**
 * `POST /api/groups/enter`: what wx.getGroupEnterInfo gave the mini-program
 * (opened with a shareTicket), for the community the visitor is looking at.
 * `topicId`: the shared topic the card opened, which lets a visitor who has not
 * joined the community yet be counted.
 */
export const groupEnterBodySchema = z
  .object({
    communityId: id,
    topicId: id.optional(),
    encryptedData: z.string().min(1).max(8192),
    iv: z.string().min(1).max(64),
  })
  .strict();
export type GroupEnterBody = z.infer<typeof groupEnterBodySchema>;

/** The estate (and building) a group chat is bound to. */
export const groupBindingSchema = z.object({
  estateId: z.number().int(),
  estateName: z.string(),
  buildingId: z.number().int().nullable(),
  buildingName: z.string().nullable(),
});
export type GroupBinding = z.infer<typeof groupBindingSchema>;

export const groupEnterResultSchema = z.object({
  /** Send it with a co-sign (`POST /api/topics/:id/cosign {groupChatId}`) in the same community. */
  groupChatId: z.number().int(),
  bound: groupBindingSchema.nullable(),
});
export type GroupEnterResult = z.infer<typeof groupEnterResultSchema>;

/** A group chat as the community's moderators see it. */
export const groupChatSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  /** WeChat's id of the group in this mini-program (for `<open-data type="groupName">`). */
  openGid: z.string(),
  /** The name a moderator gave it, or null. */
  name: z.string().nullable(),
  /** `name`, or 微信群 when unnamed. */
  displayName: z.string(),
  bound: groupBindingSchema.nullable(),
  /** Co-signs attributed to the group. */
  cosigns: z.number().int(),
  createdAt: z.string(),
});
export type GroupChatView = z.infer<typeof groupChatSchema>;

export const groupChatListSchema = z.array(groupChatSchema);

/**
 * `PATCH /api/groups/:id`. `buildingId` binds to that building and its estate;
 * `estateId` alone binds to the whole estate; `estateId: null` unbinds;
 * `buildingId: null` keeps the estate only; `name: null` clears the name.
 */
export const updateGroupBodySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, '请填写群名称')
      .max(GROUP_NAME_MAX, `群名称不超过 ${GROUP_NAME_MAX} 个字`)
      .nullable()
      .optional(),
    estateId: id.nullable().optional(),
    buildingId: id.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: '请至少修改一项',
  });
export type UpdateGroupBody = z.infer<typeof updateGroupBodySchema>;

/** `GET /api/topics/:id/groups`: where a topic's co-signers came from, counts only. */
export const topicGroupSchema = z.object({
  name: z.string(),
  estateName: z.string().nullable(),
  buildingName: z.string().nullable(),
  cosigners: z.number().int(),
});
export const topicGroupListSchema = z.array(topicGroupSchema);
export type TopicGroup = z.infer<typeof topicGroupSchema>;
