/**
 * Who may call each operation (QUALITY.md S11). The permission tests call
 * every operation as every persona, against objects of the persona's own
 * community and of another community, and compare with this table. A new
 * operation must be added here or the tests fail.
 *
 * - `anyone`: also without signing in.
 * - `signed_in`: any signed-in user (acting on their own data only).
 * - a list of personas: only they (in their own community).
 * - `otherCommunity`: `denied` = even an allowed persona is refused (403/404)
 *   for an object of another community; `not_applicable` = the operation has
 *   no community object, or public structure only.
 */
export type Persona =
  | 'resident'
  | 'owner'
  | 'newcomer'
  | 'new_owner'
  | 'representative'
  | 'property_manager'
  | 'owners_committee'
  | 'social_org'
  | 'grid_worker'
  | 'moderator'
  | 'subdistrict_admin';

export const PERSONAS: Persona[] = [
  'resident',
  'owner',
  'newcomer',
  'new_owner',
  'representative',
  'property_manager',
  'owners_committee',
  'social_org',
  'grid_worker',
  'moderator',
  'subdistrict_admin',
];

export interface Permission {
  allow: 'anyone' | 'signed_in' | Persona[];
  otherCommunity: 'denied' | 'not_applicable';
}

export const PERMISSIONS: Record<string, Permission> = {
  getHealth: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getReadiness: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getOpenApiDocument: { allow: 'anyone', otherCommunity: 'not_applicable' },
  listDevPersonas: { allow: 'anyone', otherCommunity: 'not_applicable' },
  devLogin: { allow: 'anyone', otherCommunity: 'not_applicable' },
  wechatLogin: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getMe: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  updateMe: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  acceptPrivacy: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  exportMyData: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  deleteMyAccount: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  redeemInvite: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  listCommunities: { allow: 'anyone', otherCommunity: 'not_applicable' },
  listBuildings: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  listUnits: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  joinCommunity: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  claimUnit: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  /** Only the claimant: every other persona gets 404. */
  withdrawClaim: { allow: [], otherCommunity: 'denied' },
  listClaimsForModeration: { allow: ['moderator'], otherCommunity: 'denied' },
  approveClaim: { allow: ['moderator'], otherCommunity: 'denied' },
  rejectClaim: { allow: ['moderator'], otherCommunity: 'denied' },
  listMembers: { allow: ['moderator'], otherCommunity: 'denied' },
  suspendMember: { allow: ['moderator'], otherCommunity: 'denied' },
  restoreMember: { allow: ['moderator'], otherCommunity: 'denied' },
  grantRole: { allow: ['moderator'], otherCommunity: 'denied' },
  revokeRole: { allow: ['moderator'], otherCommunity: 'denied' },
  importRoster: { allow: ['moderator'], otherCommunity: 'denied' },
  listNotifications: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  /** Only one's own message: every other persona gets 404. */
  markNotificationRead: { allow: [], otherCommunity: 'not_applicable' },
  markAllNotificationsRead: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  uploadPhoto: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  /** The uploader, and moderators of the community for claim evidence: every other persona gets 404. */
  getUpload: { allow: ['moderator'], otherCommunity: 'denied' },
  // Topics (the personas resident, owner, representative and owners_committee are verified residents).
  submitTopic: { allow: ['resident', 'owner', 'representative', 'owners_committee'], otherCommunity: 'denied' },
  getTopic: { allow: 'anyone', otherCommunity: 'not_applicable' },
  /** Only the author: every other persona is refused. */
  resubmitTopic: { allow: [], otherCommunity: 'denied' },
  returnTopic: { allow: ['moderator'], otherCommunity: 'denied' },
  rejectTopic: { allow: ['moderator'], otherCommunity: 'denied' },
  mergeTopic: { allow: ['moderator'], otherCommunity: 'denied' },
  acceptTopic: { allow: ['moderator'], otherCommunity: 'denied' },
  routeTopic: { allow: ['moderator'], otherCommunity: 'denied' },
  /** The responsible party (the test routes to the property company, whose member is property_manager). */
  sendBackTopic: { allow: ['property_manager'], otherCommunity: 'denied' },
  takeOnTopic: { allow: ['property_manager'], otherCommunity: 'denied' },
  escalateTopic: { allow: ['moderator', 'property_manager'], otherCommunity: 'denied' },
  answerTopic: { allow: ['moderator', 'property_manager'], otherCommunity: 'denied' },
  bulkActOnTopics: { allow: ['moderator'], otherCommunity: 'denied' },
  cosignTopic: { allow: ['resident', 'owner', 'representative', 'owners_committee'], otherCommunity: 'denied' },
  followTopic: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  unfollowTopic: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  getCommunitySettings: { allow: 'anyone', otherCommunity: 'not_applicable' },
  updateCommunitySettings: { allow: ['moderator'], otherCommunity: 'denied' },
  listParties: { allow: 'anyone', otherCommunity: 'not_applicable' },
  // Comments, photos and content review.
  listTopicComments: { allow: 'anyone', otherCommunity: 'not_applicable' },
  postTopicComment: {
    allow: [
      'resident',
      'owner',
      'representative',
      'property_manager',
      'owners_committee',
      'social_org',
      'moderator',
      'subdistrict_admin',
    ],
    otherCommunity: 'denied',
  },
  reportComment: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  hideComment: { allow: ['moderator'], otherCommunity: 'denied' },
  releaseComment: { allow: ['moderator'], otherCommunity: 'denied' },
  listCommentsForModeration: { allow: ['moderator'], otherCommunity: 'denied' },
  getSignedMedia: { allow: 'anyone', otherCommunity: 'not_applicable' },
  receiveWechatEvent: { allow: 'anyone', otherCommunity: 'not_applicable' },
  verifyWechatPushUrl: { allow: 'anyone', otherCommunity: 'not_applicable' },
  listTopicPhotos: { allow: 'anyone', otherCommunity: 'not_applicable' },
  releaseTopicPhoto: { allow: ['moderator'], otherCommunity: 'denied' },
  hideTopicPhoto: { allow: ['moderator'], otherCommunity: 'denied' },
  releaseTopicContent: { allow: ['moderator'], otherCommunity: 'denied' },
  /** Members and role holders of the community (the test makes every persona a member of its own community). */
  enterGroupChat: { allow: 'signed_in', otherCommunity: 'denied' },
  listGroupChats: { allow: ['moderator'], otherCommunity: 'denied' },
  updateGroupChat: { allow: ['moderator'], otherCommunity: 'denied' },
  listTopicGroups: { allow: 'anyone', otherCommunity: 'not_applicable' },
  // Topic lists.
  listCommunityTopics: { allow: 'anyone', otherCommunity: 'not_applicable' },
  findSimilarTopics: { allow: 'anyone', otherCommunity: 'not_applicable' },
  listMyTopics: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  listMyQueue: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  /** Members of the party (the property company's is property_manager) and the community's moderators. */
  listPartyQueue: { allow: ['moderator', 'property_manager'], otherCommunity: 'denied' },
  listModeratorInbox: { allow: ['moderator'], otherCommunity: 'denied' },
  listEscalatedTopics: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  // Votes (the persona voters are the verified residents).
  createVote: { allow: ['moderator'], otherCommunity: 'denied' },
  listVotes: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getVote: { allow: 'anyone', otherCommunity: 'not_applicable' },
  castBallot: { allow: ['resident', 'owner', 'representative', 'owners_committee'], otherCommunity: 'denied' },
  closeVote: { allow: ['moderator'], otherCommunity: 'denied' },
  getVoteRecord: { allow: 'anyone', otherCommunity: 'not_applicable' },
  findReceipt: { allow: 'anyone', otherCommunity: 'not_applicable' },
  // Paper ballots (entered by one grid worker or moderator, confirmed by another) and proxies.
  searchVoteElectors: { allow: ['moderator', 'grid_worker'], otherCommunity: 'denied' },
  recordPaperBallot: { allow: ['moderator', 'grid_worker'], otherCommunity: 'denied' },
  listPaperBallots: { allow: ['moderator', 'grid_worker'], otherCommunity: 'denied' },
  /** Entered by someone else (a fresh member in the test), so every clerk persona may confirm or reject. */
  confirmPaperBallot: { allow: ['moderator', 'grid_worker'], otherCommunity: 'denied' },
  rejectPaperBallot: { allow: ['moderator', 'grid_worker'], otherCommunity: 'denied' },
  authorizeProxy: { allow: ['resident', 'owner', 'representative', 'owners_committee'], otherCommunity: 'denied' },
  /** Only the voter who gave it: every other persona gets 404. */
  revokeProxy: { allow: [], otherCommunity: 'denied' },
  listVoteProxies: { allow: ['moderator'], otherCommunity: 'denied' },
  getProxyAuthorization: { allow: ['moderator'], otherCommunity: 'denied' },
  // Councils.
  listCouncils: { allow: 'anyone', otherCommunity: 'not_applicable' },
  createCouncil: { allow: ['moderator'], otherCommunity: 'denied' },
  appointSeat: { allow: ['moderator'], otherCommunity: 'denied' },
  endSeat: { allow: ['moderator'], otherCommunity: 'denied' },
  // Meetings (council seat holders in the demo: resident, representative, owners_committee, property_manager, social_org).
  scheduleMeeting: { allow: ['moderator'], otherCommunity: 'denied' },
  getMeeting: { allow: 'anyone', otherCommunity: 'not_applicable' },
  announceMeeting: { allow: ['moderator'], otherCommunity: 'denied' },
  /** Invitees only: the test's meeting invites the own community's council. */
  checkInToMeeting: {
    allow: ['resident', 'representative', 'owners_committee', 'property_manager', 'social_org'],
    otherCommunity: 'denied',
  },
  rollCall: { allow: ['moderator'], otherCommunity: 'denied' },
  browseMeetings: { allow: 'anyone', otherCommunity: 'not_applicable' },
  listMeetingInvitees: { allow: ['moderator'], otherCommunity: 'denied' },
  listAgendaCandidates: { allow: ['moderator'], otherCommunity: 'denied' },
  getCheckInQr: { allow: ['moderator'], otherCommunity: 'denied' },
  // The live session and minutes (the test's speakers are fresh members, so only moderators end or withdraw them).
  cancelMeeting: { allow: ['moderator'], otherCommunity: 'denied' },
  startMeeting: { allow: ['moderator'], otherCommunity: 'denied' },
  openAgendaItem: { allow: ['moderator'], otherCommunity: 'denied' },
  decideAgendaItem: { allow: ['moderator'], otherCommunity: 'denied' },
  /** Checked-in invitees only: the test's meeting has every invitee checked in. */
  requestFloor: {
    allow: ['resident', 'representative', 'owners_committee', 'property_manager', 'social_org'],
    otherCommunity: 'denied',
  },
  addSpeaker: { allow: ['moderator'], otherCommunity: 'denied' },
  grantFloor: { allow: ['moderator'], otherCommunity: 'denied' },
  endSpeech: { allow: ['moderator'], otherCommunity: 'denied' },
  withdrawSpeaker: { allow: ['moderator'], otherCommunity: 'denied' },
  closeMeeting: { allow: ['moderator'], otherCommunity: 'denied' },
  getLiveState: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getMinutes: { allow: 'anyone', otherCommunity: 'not_applicable' },
  editMinutes: { allow: ['moderator'], otherCommunity: 'denied' },
  publishMinutes: { allow: ['moderator'], otherCommunity: 'denied' },
  listSubscriptionTemplates: { allow: 'anyone', otherCommunity: 'not_applicable' },
  recordSubscriptionGrants: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  // Three-society service projects ("other" is a community of another sub-district; see support/project-fixtures.ts).
  raiseProject: { allow: ['moderator'], otherCommunity: 'denied' },
  designProject: { allow: ['moderator'], otherCommunity: 'denied' },
  submitProjectFiling: { allow: ['moderator'], otherCommunity: 'denied' },
  approveProjectFiling: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  returnProjectFiling: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  openProjectCall: { allow: ['moderator'], otherCommunity: 'denied' },
  applyToProject: { allow: ['social_org'], otherCommunity: 'denied' },
  selectProjectApplication: { allow: ['moderator'], otherCommunity: 'denied' },
  appointProjectSupervisors: { allow: ['moderator'], otherCommunity: 'denied' },
  /** The selected organisation: the test selects the social_org persona's organisation. */
  reportProjectProgress: { allow: ['social_org'], otherCommunity: 'denied' },
  /** Moderators and the project's supervisors: the test appoints the resident persona. */
  addProjectSupervisionNote: { allow: ['moderator', 'resident'], otherCommunity: 'denied' },
  completeProject: { allow: ['moderator'], otherCommunity: 'denied' },
  recordProjectEvaluation: { allow: ['moderator', 'subdistrict_admin'], otherCommunity: 'denied' },
  cancelProject: { allow: ['moderator'], otherCommunity: 'denied' },
  getProject: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getProjectBoard: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getProjectFile: { allow: 'anyone', otherCommunity: 'not_applicable' },
  listCommunityProjects: { allow: 'anyone', otherCommunity: 'not_applicable' },
  listPendingProjectFilings: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  listOpenProjectCalls: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  listMyProjectApplications: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  // Outcomes: resolutions, publicity and objections, implementation, evaluation, the public board.
  recordResolution: { allow: ['moderator'], otherCommunity: 'denied' },
  publishResolution: { allow: ['moderator'], otherCommunity: 'denied' },
  listBoard: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getBoardEntry: { allow: 'anyone', otherCommunity: 'not_applicable' },
  getBoardPhoto: { allow: 'anyone', otherCommunity: 'not_applicable' },
  fileObjection: { allow: ['resident', 'owner', 'representative', 'owners_committee'], otherCommunity: 'denied' },
  listObjectionsForModeration: { allow: ['moderator'], otherCommunity: 'denied' },
  answerObjection: { allow: ['moderator'], otherCommunity: 'denied' },
  assignImplementation: { allow: ['moderator'], otherCommunity: 'denied' },
  addMilestone: { allow: ['moderator'], otherCommunity: 'denied' },
  /** The responsible party in the test is the property company (property_manager), the person a fresh member. */
  completeMilestone: { allow: ['moderator', 'property_manager'], otherCommunity: 'denied' },
  postProgress: { allow: ['moderator', 'property_manager'], otherCommunity: 'denied' },
  reportCompletion: { allow: ['moderator', 'property_manager'], otherCommunity: 'denied' },
  /** A community-wide topic: every verified resident of the community. */
  evaluateTopic: { allow: ['resident', 'owner', 'representative', 'owners_committee'], otherCommunity: 'denied' },
  listCommunityOverdue: { allow: ['moderator'], otherCommunity: 'denied' },
  listSubDistrictOverdue: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  getOutcomeSettings: { allow: 'anyone', otherCommunity: 'not_applicable' },
  updateOutcomeSettings: { allow: ['moderator'], otherCommunity: 'denied' },
  // The audit log (read and export only).
  listCommunityAudit: { allow: ['moderator'], otherCommunity: 'denied' },
  exportCommunityAudit: { allow: ['moderator'], otherCommunity: 'denied' },
  listSubDistrictAudit: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  exportSubDistrictAudit: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  // Ledgers and statistics: the community's moderators and its sub-district's admins ("other" = a community of another sub-district).
  listStatsScopes: { allow: 'signed_in', otherCommunity: 'not_applicable' },
  getCommunityStats: { allow: ['moderator', 'subdistrict_admin'], otherCommunity: 'denied' },
  getSubDistrictStats: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  getCommunityLedger: { allow: ['moderator', 'subdistrict_admin'], otherCommunity: 'denied' },
  exportCommunityLedger: { allow: ['moderator', 'subdistrict_admin'], otherCommunity: 'denied' },
  getSubDistrictLedger: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  exportSubDistrictLedger: { allow: ['subdistrict_admin'], otherCommunity: 'denied' },
  getMeetingPrint: { allow: ['moderator', 'subdistrict_admin'], otherCommunity: 'denied' },
};
