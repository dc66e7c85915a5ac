import type { ProjectSummary } from '@shared/projects/projects.schema';
import { View } from '@tarojs/components';
import { LinkRow } from '@/components/LinkRow';
import { budgetText, dayText, PROJECT_STATUS_LABELS } from '@/services/projects';
import './project.css';

/** One line about a project for a list: status, budget, organisation or deadline, score. */
export function projectLine(p: ProjectSummary): string {
  const parts = [PROJECT_STATUS_LABELS[p.status], `预算 ${budgetText(p.budgetFen)}`];
  if (p.status === 'open_call' && p.callDeadline) parts.push(`${dayText(p.callDeadline)}截止`);
  if (p.organisation) parts.push(`承接：${p.organisation}`);
  if (p.evaluationScore !== null) parts.push(`评估 ${p.evaluationScore} 分`);
  return parts.join(' · ');
}

/** Projects as rows to tap; `empty` when there are none. */
export function ProjectList({
  projects,
  empty,
  onOpen,
  showCommunity = false,
}: {
  projects: ProjectSummary[];
  empty: string;
  onOpen: (p: ProjectSummary) => void;
  showCommunity?: boolean;
}) {
  if (projects.length === 0) return <View className="project__muted">{empty}</View>;
  return (
    <View role="list">
      {projects.map((p) => (
        <LinkRow
          key={p.id}
          label={showCommunity ? `${p.communityName}：${p.title}` : p.title}
          description={projectLine(p)}
          onPress={() => onOpen(p)}
        />
      ))}
    </View>
  );
}
