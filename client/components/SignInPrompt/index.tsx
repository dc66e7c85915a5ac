import { ActionButton } from '@/components/ActionButton';
import { Section } from '@/components/Section';
import { openPage, PAGES } from '@/services/navigation';

interface SignInPromptProps {
  title?: string;
  description?: string;
}

/** For signed-out residents: why to sign in, and the button to do it. */
export function SignInPrompt({
  title = '您还没有登录',
  description = '登录后可以认证房屋、接收社区消息，并参与议题和表决。',
}: SignInPromptProps) {
  return (
    <Section title={title} description={description}>
      <ActionButton onClick={() => openPage(PAGES.login)}>登录</ActionButton>
    </Section>
  );
}
