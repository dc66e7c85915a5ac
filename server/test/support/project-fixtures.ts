import type { DataSource } from 'typeorm';
import type { ProjectStatus } from '../../../shared/src/projects/project-states';
import { shanghaiDay } from '../../../shared/src/time';
import { User } from '../../src/auth/auth.entity';
import { Community, SubDistrict } from '../../src/communities/communities.entity';
import {
  ProjectApplication,
  ProjectEvent,
  ProjectSupervisor,
  ServiceProject,
} from '../../src/projects/projects.entity';
import type { FileStorage } from '../../src/storage/storage';
import { Upload } from '../../src/uploads/uploads.entity';
import { PNG } from './fixtures';

type Target = 'own' | 'other';

interface Call {
  method: 'get' | 'post' | 'patch';
  url: string;
  body?: object;
}

export interface ProjectFixtureContext {
  ds: () => DataSource;
  storage: () => FileStorage;
  /** The own demo community (和平里社区). */
  ownCommunity: () => number;
  freshMember: (target: Target) => Promise<number>;
}

/** The demo's social organisation (the social_org persona acts for it). */
const DEMO_ORG = '益邻社会工作服务中心';

/**
 * Permission-table calls (S11) for the project operations. "Other" is a
 * community of another sub-district: both demo communities share 长青街道,
 * whose admin and social organisations may act in either.
 */
export function projectCalls(c: ProjectFixtureContext): Record<string, (target: Target) => Promise<Call>> {
  let counter = 0;
  let otherCommunity: number | undefined;
  async function community(t: Target): Promise<number> {
    if (t === 'own') return c.ownCommunity();
    if (otherCommunity === undefined) {
      const sd = await c.ds().getRepository(SubDistrict).save({ name: '项目测试街道', code: 'SD-PRJ-PERM' });
      otherCommunity = (
        await c.ds().getRepository(Community).save({ name: '项目测试社区', code: 'C-PRJ-PERM', subDistrictId: sd.id })
      ).id;
    }
    return otherCommunity;
  }
  async function personaId(key: string): Promise<number> {
    return (await c.ds().getRepository(User).findOneByOrFail({ personaKey: key })).id;
  }
  /** A project in `status` with a full design; open calls end today, or ended long ago with `closedCall`. */
  async function project(t: Target, status: ProjectStatus, options: { closedCall?: boolean } = {}) {
    const ds = c.ds();
    const p = await ds.getRepository(ServiceProject).save({
      communityId: await community(t),
      topicId: null,
      title: `测试项目${counter++}`,
      demand: '用于权限测试的服务需求描述',
      status,
      goals: '用于权限测试的项目目标描述',
      serviceContent: '用于权限测试的服务内容描述',
      beneficiaries: '社区老人',
      budgetFen: 5_000_000,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      callDeadline: ['open_call', 'in_progress', 'completed'].includes(status)
        ? options.closedCall
          ? '2020-01-01'
          : shanghaiDay()
        : null,
      createdBy: 1,
      statusChangedAt: new Date(),
    });
    return p;
  }
  async function application(projectId: number, organisation: string, userId: number) {
    return c
      .ds()
      .getRepository(ProjectApplication)
      .save({
        projectId,
        applicantUserId: userId,
        applicantKey: `o:${organisation}`,
        partyId: null,
        organisation,
        proposal: '用于权限测试的服务方案',
        team: '测试团队',
        budgetFen: 4_000_000,
        attachmentsJson: '[]',
        status: 'submitted',
      });
  }
  /** In progress with the demo organisation (own) or another community's organisation selected. */
  async function inProgress(t: Target, status: ProjectStatus = 'in_progress') {
    const p = await project(t, status);
    const userId = await c.freshMember(t);
    const a = await application(p.id, t === 'own' ? DEMO_ORG : `测试社会组织${counter++}`, userId);
    await c
      .ds()
      .getRepository(ServiceProject)
      .update({ id: p.id }, { selectedApplicationId: a.id, selectionReason: '测试', selectedAt: new Date() });
    return p;
  }
  const noteBody = { body: '测试进展情况', photoUploadIds: [] };

  return {
    raiseProject: async (t) => ({
      method: 'post',
      url: '/api/projects',
      body: { communityId: await community(t), title: '测试服务项目', demand: '用于权限测试的服务需求描述' },
    }),
    designProject: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await project(t, 'demand')).id}/design`,
      body: {
        goals: '用于权限测试的项目目标描述',
        serviceContent: '用于权限测试的服务内容描述',
        beneficiaries: '社区老人',
        budgetYuan: '50000',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
      },
    }),
    submitProjectFiling: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await project(t, 'designing')).id}/submit-filing`,
      body: {},
    }),
    approveProjectFiling: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await project(t, 'filed')).id}/approve-filing`,
      body: {},
    }),
    returnProjectFiling: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await project(t, 'filed')).id}/return-filing`,
      body: { reason: '预算需要细化' },
    }),
    openProjectCall: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await project(t, 'approved')).id}/open-call`,
      body: { deadline: shanghaiDay() },
    }),
    applyToProject: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await project(t, 'open_call')).id}/applications`,
      body: { proposal: '用于权限测试的服务方案，内容足够具体和完整', team: '测试团队', budgetYuan: '40000' },
    }),
    selectProjectApplication: async (t) => {
      const p = await project(t, 'open_call', { closedCall: true });
      const a = await application(p.id, `测试社会组织${counter++}`, await c.freshMember(t));
      return {
        method: 'post',
        url: `/api/projects/${p.id}/select`,
        body: { applicationId: a.id, reason: '方案最具体，团队经验最丰富' },
      };
    },
    appointProjectSupervisors: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await inProgress(t)).id}/supervisors`,
      body: { userIds: [await personaId('resident')] },
    }),
    reportProjectProgress: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await inProgress(t)).id}/progress`,
      body: noteBody,
    }),
    /** The own project's supervisor is the resident persona; another community's is one of its members. */
    addProjectSupervisionNote: async (t) => {
      const p = await inProgress(t);
      await c
        .ds()
        .getRepository(ProjectSupervisor)
        .insert({
          projectId: p.id,
          userId: t === 'own' ? await personaId('resident') : await c.freshMember(t),
          appointedBy: 1,
          endedAt: null,
        });
      return { method: 'post', url: `/api/projects/${p.id}/supervision`, body: noteBody };
    },
    completeProject: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await inProgress(t)).id}/complete`,
      body: { summary: '项目按计划完成全部服务内容' },
    }),
    recordProjectEvaluation: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await inProgress(t, 'completed')).id}/evaluation`,
      body: {
        evaluator: '测试评估中心',
        score: 90,
        summary: '项目完成良好，居民满意',
        report: '评估报告正文：走访居民二十户，查阅服务台账',
      },
    }),
    cancelProject: async (t) => ({
      method: 'post',
      url: `/api/projects/${(await project(t, 'demand')).id}/cancel`,
      body: { reason: '需求已由其他渠道解决' },
    }),
    getProject: async (t) => ({ method: 'get', url: `/api/projects/${(await project(t, 'open_call')).id}` }),
    getProjectBoard: async (t) => ({ method: 'get', url: `/api/projects/${(await inProgress(t)).id}/board` }),
    getProjectFile: async (t) => {
      const p = await inProgress(t);
      const key = `progress-photo/test/${Date.now()}-${counter++}.png`;
      await c.storage().put(key, PNG, 'image/png');
      const upload = await c
        .ds()
        .getRepository(Upload)
        .save({
          ownerUserId: await c.freshMember(t),
          purpose: 'progress_photo',
          storageKey: key,
          contentType: 'image/png',
          sizeBytes: PNG.length,
          sha256: 'x',
        });
      await c
        .ds()
        .getRepository(ProjectEvent)
        .insert({
          projectId: p.id,
          action: 'reportProgress',
          actorId: upload.ownerUserId,
          actorRole: 'social_org',
          note: '测试进展',
          photosJson: JSON.stringify([upload.id]),
        });
      return { method: 'get', url: `/api/projects/${p.id}/files/${upload.id}` };
    },
    listCommunityProjects: async (t) => ({ method: 'get', url: `/api/communities/${await community(t)}/projects` }),
    listPendingProjectFilings: async () => ({ method: 'get', url: '/api/me/project-filings' }),
    listOpenProjectCalls: async () => ({ method: 'get', url: '/api/project-calls' }),
    listMyProjectApplications: async () => ({ method: 'get', url: '/api/me/project-applications' }),
  };
}
