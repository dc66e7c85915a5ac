import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Section } from '@/components/Section';
import { type CommunitySummary, joinCommunity, listCommunities } from '@/services/communities';
import { openPage, PAGES } from '@/services/navigation';
import { currentCommunity, selectCommunity, useSession } from '@/services/session';
import './index.css';

/**
 * Switching between the communities the resident belongs to (the choice is
 * remembered); nothing when there is only one. The profile card shows which
 * one is current.
 */
export function CommunitySwitcher() {
  const session = useSession();
  const communities = session.me?.communities ?? [];
  const current = currentCommunity(session);
  const [open, setOpen] = useState(false);

  if (communities.length < 2) return null;
  return (
    <View className="yishi-community__switcher">
      <ActionButton variant="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '收起' : '切换社区'}
      </ActionButton>
      {open ? (
        <ChoiceList
          label="选择社区"
          choices={communities.map((c) => ({ value: c.id, label: c.name, description: c.subDistrictName }))}
          value={current?.id}
          onChange={(id) => {
            selectCommunity(id);
            setOpen(false);
          }}
        />
      ) : null}
    </View>
  );
}

/** For a resident who belongs to no community yet: choose one and join it. */
export function JoinCommunity() {
  const session = useSession();
  const [all, setAll] = useState<CommunitySummary[] | undefined>();
  const [joining, setJoining] = useState(false);

  useEffect(() => {
    let alive = true;
    listCommunities()
      .then((list) => {
        if (alive) setAll(list);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  const chosen = session.communityId;
  const join = async () => {
    if (chosen === undefined) return;
    if (!session.me?.privacyAccepted) {
      openPage(`${PAGES.privacy}?next=back`);
      return;
    }
    setJoining(true);
    try {
      await joinCommunity(chosen);
    } catch {
      // The request module has shown why.
    } finally {
      setJoining(false);
    }
  };

  return (
    <Section title="选择您的社区" description="您还没有加入社区。选择您居住的社区，加入后可以查看社区议题、认证房屋。">
      {all ? (
        <ChoiceList
          label="选择社区"
          choices={all.map((c) => ({
            value: c.id,
            label: c.name,
            description: `${c.subDistrictName} · ${c.estates.map((e) => e.name).join('、')}`,
          }))}
          value={chosen}
          onChange={(id) => selectCommunity(id)}
        />
      ) : (
        <View className="yishi-community__loading">正在读取社区列表…</View>
      )}
      <ActionButton disabled={chosen === undefined} loading={joining} onClick={() => void join()}>
        加入社区
      </ActionButton>
    </Section>
  );
}
