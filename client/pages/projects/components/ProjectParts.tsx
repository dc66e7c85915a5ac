import type { ProjectEntry } from '@shared/projects/projects.schema';
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { describeMoment } from '@/components/when';
import { budgetText, dayText, loadProjectFile, PROJECT_STATUS_LABELS, type ProjectStatus } from '@/services/projects';
import './project.css';

const TONES: Record<ProjectStatus, string> = {
  demand: '',
  designing: '',
  filed: 'warning',
  returned: 'warning',
  approved: '',
  open_call: 'warning',
  in_progress: '',
  completed: 'done',
  evaluated: 'done',
  cancelled: 'muted',
};

/** A project's status as a coloured label (the word is always there). */
export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const tone = TONES[status];
  return (
    <View className={tone ? `project__status project__status--${tone}` : 'project__status'}>
      {PROJECT_STATUS_LABELS[status]}
    </View>
  );
}

/** One labelled fact; nothing when there is no value. */
export function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <View className="project__fact">
      <View className="project__fact-label">{label}</View>
      <View className="project__fact-value">{value}</View>
    </View>
  );
}

export interface DesignFacts {
  goals: string | null;
  serviceContent: string | null;
  beneficiaries: string | null;
  budgetFen: number | null;
  startDate: string | null;
  endDate: string | null;
}

/** The design: goals, content, who it serves, budget and dates. */
export function ProjectFacts({ design, demand }: { design: DesignFacts; demand?: string }) {
  return (
    <View className="project__facts">
      <Fact label="服务需求" value={demand} />
      <Fact label="项目目标" value={design.goals} />
      <Fact label="服务内容" value={design.serviceContent} />
      <Fact label="服务对象" value={design.beneficiaries} />
      <Fact label="项目预算" value={design.budgetFen === null ? null : budgetText(design.budgetFen)} />
      <Fact
        label="实施时间"
        value={design.startDate ? `${dayText(design.startDate)} 至 ${dayText(design.endDate)}` : null}
      />
    </View>
  );
}

/** Photos of a report or an application, fetched with the token, enlarged on tap. */
export function ProjectPhotos({ files }: { files: { uploadId: number; url: string }[] }) {
  const [paths, setPaths] = useState<Record<number, string>>({});
  useEffect(() => {
    let live = true;
    for (const f of files) {
      loadProjectFile(f.url)
        .then((path) => {
          if (live) setPaths((current) => ({ ...current, [f.uploadId]: path }));
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [files]);
  if (files.length === 0) return null;
  const loaded = files.map((f) => paths[f.uploadId]).filter((p): p is string => Boolean(p));
  return (
    <View className="project__photos">
      {files.map((f, i) =>
        paths[f.uploadId] ? (
          <Image
            key={f.uploadId}
            className="project__photo"
            src={paths[f.uploadId]!}
            mode="aspectFill"
            imgProps={{ alt: `第 ${i + 1} 张照片` }}
            onClick={() => void Taro.previewImage({ urls: loaded, current: paths[f.uploadId]! })}
          />
        ) : (
          <View key={f.uploadId} className="project__photo" aria-label="照片加载中" />
        ),
      )}
    </View>
  );
}

/** The project's record: who did what and when, with notes and photos. */
export function ProjectTimeline({ entries, empty }: { entries: ProjectEntry[]; empty: string }) {
  if (entries.length === 0) return <View className="project__muted">{empty}</View>;
  return (
    <View className="project__timeline" role="list">
      {entries.map((e) => (
        <View key={e.id} className="project__entry" role="listitem">
          <View className="project__entry-head">{e.label}</View>
          <View className="project__entry-meta">
            {e.by} · {describeMoment(e.createdAt)}
          </View>
          {e.note ? <View className="project__text">{e.note}</View> : null}
          <ProjectPhotos files={e.photos} />
        </View>
      ))}
    </View>
  );
}

/** The project id in the page's address (`?id=`), if it is one. */
export function projectIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}
