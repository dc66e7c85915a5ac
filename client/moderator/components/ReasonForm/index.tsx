import { Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { ZodType } from 'zod';
import { ModeratorButton } from '../ModeratorButton';
import './index.css';
import { submitOnEnter } from '../submit-on-enter';

interface ReasonFormProps {
  /** What the reason is for, e.g. 驳回原因; also the input's accessible name. */
  label: string;
  /** Reasons one tap away; a tap puts the text into the input, where it can be edited. */
  presets: readonly string[];
  /** The shared body schema the server checks (`{ reason }`), so the hint is the server's. */
  schema: ZodType<{ reason: string }>;
  confirmLabel: string;
  /** Red confirm button for actions that take something away (驳回, 暂停). */
  danger?: boolean;
  busy?: boolean;
  /** Called with the trimmed reason once it is valid. */
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for the reason of a refusal (驳回, 暂停): quick picks, free text, a check before sending. */
export function ReasonForm({
  label,
  presets,
  schema,
  confirmLabel,
  danger = false,
  busy = false,
  onSubmit,
  onCancel,
}: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const parsed = schema.safeParse({ reason });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    setProblem(null);
    onSubmit(parsed.data.reason);
  };

  return (
    <View className="reason-form" role="group" aria-label={`填写${label}`}>
      <View className="reason-form__label">{label}</View>
      <View className="reason-form__presets" role="group" aria-label="常用原因">
        {presets.map((preset) => {
          const pick = () => {
            setReason(preset);
            setProblem(null);
          };
          const webProps =
            process.env.TARO_ENV === 'h5'
              ? {
                  tabIndex: 0,
                  onKeyDown: (event: { key: string; preventDefault: () => void }) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      pick();
                    }
                  },
                }
              : {};
          return (
            <View
              key={preset}
              {...webProps}
              className={`reason-form__preset${reason === preset ? ' reason-form__preset--chosen' : ''}`}
              role="button"
              aria-pressed={reason === preset}
              onClick={pick}
            >
              {preset}
            </View>
          );
        })}
      </View>
      <Input
        className={`reason-form__input${problem ? ' reason-form__input--invalid' : ''}`}
        value={reason}
        maxlength={200}
        placeholder="填写原因，将告知对方（2–200 字）"
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        onInput={(event) => {
          setReason(event.detail.value);
          if (problem) setProblem(null);
        }}
        {...submitOnEnter(submit)}
      />
      {problem && (
        <View className="reason-form__problem" role="alert">
          {problem}
        </View>
      )}
      <View className="reason-form__actions">
        <ModeratorButton variant={danger ? 'danger' : 'primary'} busy={busy} onClick={submit}>
          {confirmLabel}
        </ModeratorButton>
        <ModeratorButton variant="secondary" disabled={busy} onClick={onCancel}>
          取消
        </ModeratorButton>
      </View>
    </View>
  );
}
