import type { ComponentProps } from 'react';
import { Button } from '@/components/nutui';
import './index.css';

type NutButtonProps = ComponentProps<typeof Button>;

export interface ModeratorButtonProps
  extends Omit<NutButtonProps, 'onClick' | 'size' | 'type' | 'fill' | 'disabled' | 'loading'> {
  /** `primary` for the main action, `secondary` (outline) for the others, `danger` for irreversible ones. */
  variant?: 'primary' | 'secondary' | 'danger';
  /** `large` (52 px) for a page's main actions, `normal` (48 px) inside cards and forms. */
  size?: 'normal' | 'large';
  disabled?: boolean;
  /** Shows a spinner and ignores taps while an action is under way. */
  busy?: boolean;
  onClick: () => void;
}

/**
 * A NutUI button for the committee pages. Like the resident pages'
 * ActionButton it has the button role and Enter/Space activation on the web,
 * and in addition it is really inert while disabled or busy (for the
 * keyboard too) and says so to screen readers with `aria-disabled`.
 */
export function ModeratorButton({
  variant = 'primary',
  size = 'normal',
  disabled = false,
  busy = false,
  onClick,
  className,
  ...rest
}: ModeratorButtonProps) {
  const inert = disabled || busy;
  const activate = () => {
    if (!inert) onClick();
  };
  const webProps =
    process.env.TARO_ENV === 'h5'
      ? {
          role: 'button',
          tabIndex: 0,
          'aria-disabled': inert ? true : undefined,
          'aria-busy': busy ? true : undefined,
          onKeyDown: (event: { key: string; preventDefault: () => void }) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              activate();
            }
          },
        }
      : {};
  const classes = [
    'moderator-button',
    variant === 'danger' ? 'moderator-button--danger' : '',
    disabled ? 'moderator-button--inactive' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Button
      {...rest}
      {...webProps}
      className={classes}
      size={size}
      type="primary"
      fill={variant === 'secondary' ? 'outline' : 'solid'}
      disabled={disabled}
      loading={busy}
      onClick={activate}
    />
  );
}
