import { View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { TextArea } from '@/components/TextArea';

/** A written text and one button: a completion summary, a reason to cancel. */
export function ReasonAction({
  label,
  placeholder,
  button,
  variant = 'primary',
  check,
  onSubmit,
}: {
  label: string;
  placeholder?: string;
  button: string;
  variant?: 'primary' | 'danger';
  /** The problem with the text, if any. */
  check: (text: string) => string | undefined;
  onSubmit: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const problem = check(text.trim());
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      await onSubmit(text.trim());
      setText('');
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };
  return (
    <View>
      <TextArea
        label={label}
        value={text}
        onChange={setText}
        placeholder={placeholder}
        maxLength={2000}
        rows={3}
        error={error}
      />
      <View className="project__actions">
        <ActionButton variant={variant} loading={saving} onClick={() => void submit()}>
          {button}
        </ActionButton>
      </View>
    </View>
  );
}
