import { AuditEntry } from '../audit/audit.entity';
import { InviteCode, User, WechatSession } from '../auth/auth.entity';
import { Building, Community, Estate, RosterOwner, SubDistrict, Unit } from '../communities/communities.entity';
import { Council, Seat } from '../councils/councils.entity';
import { IdempotencyRecord } from '../http/idempotency.entity';
import {
  AgendaDecision,
  AgendaItem,
  Attendance,
  Meeting,
  MeetingInvitee,
  MeetingMinutes,
  MeetingSpeaker,
} from '../meetings/meetings.entity';
import { Membership, RoleGrant, UnitClaim } from '../members/members.entity';
import { Notification } from '../notifications/notifications.entity';
import {
  Evaluation,
  Implementation,
  Milestone,
  Objection,
  OutcomePhoto,
  OutcomeSettings,
  ProgressUpdate,
  Publicity,
} from '../outcomes/outcomes.entity';
import {
  ProjectApplication,
  ProjectEvaluation,
  ProjectEvent,
  ProjectSupervisor,
  ServiceProject,
} from '../projects/projects.entity';

import {
  CommentReport,
  CommunitySettings,
  Cosign,
  GroupChat,
  Party,
  PartyMember,
  SubscriptionGrant,
  Topic,
  TopicComment,
  TopicEvent,
  TopicFollow,
  TopicPhoto,
  TopicToken,
} from '../topics/topics.entity';
import { Upload } from '../uploads/uploads.entity';
import {
  Ballot,
  PaperBallot,
  Vote,
  VoteElector,
  VoteOption,
  VoteParticipation,
  VoteProxy,
} from '../votes/votes.entity';
import { AppMeta } from './app-meta.entity';

/** Every entity of the schema; migrations for both dialects are generated from this list. */
export const entities = [
  AppMeta,
  SubDistrict,
  Community,
  Estate,
  Building,
  Unit,
  RosterOwner,
  User,
  WechatSession,
  InviteCode,
  Membership,
  RoleGrant,
  UnitClaim,
  Notification,
  Upload,
  IdempotencyRecord,
  Party,
  PartyMember,
  CommunitySettings,
  Topic,
  TopicPhoto,
  TopicEvent,
  Cosign,
  TopicFollow,
  TopicComment,
  CommentReport,
  TopicToken,
  GroupChat,
  SubscriptionGrant,
  Vote,
  VoteElector,
  VoteParticipation,
  Ballot,
  Council,
  Seat,
  Meeting,
  MeetingInvitee,
  AgendaItem,
  Attendance,
  AuditEntry,
  ServiceProject,
  ProjectApplication,
  ProjectSupervisor,
  ProjectEvent,
  ProjectEvaluation,
  Publicity,
  Objection,
  Implementation,
  Milestone,
  ProgressUpdate,
  OutcomePhoto,
  Evaluation,
  OutcomeSettings,
  VoteOption,
  PaperBallot,
  VoteProxy,
  AgendaDecision,
  MeetingSpeaker,
  MeetingMinutes,
];
