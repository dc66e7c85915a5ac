import type { ComponentProps } from 'react';
import { Button } from '@/components/nutui';

type NutButtonProps = ComponentProps<typeof Button>;

export interface ActionButtonProps extends Omit<NutButtonProps, 'onClick' | 'size' | 'type' | 'fill'> {
  /** `primary` for the page's main action, `secondary` for the others, `danger` for what cannot be undone. */
  variant?: 'primary' | 'secondary' | 'danger';
  onClick: () => void;
}

/**
 * A NutUI button sized for elderly residents (full width, 52 px tall). On the
 * web Taro renders buttons as `div`s, so this adds the button role, keyboard
 * focus and Enter/Space activation there. A disabled or busy (`loading`)
 * button does nothing when pressed.
 */
export function ActionButton({ variant = 'primary', onClick, block = true, loading, ...rest }: ActionButtonProps) {
  const inactive = Boolean(rest.disabled || loading);
  const press = () => {
    if (!inactive) onClick();
  };
  const webProps =
    process.env.TARO_ENV === 'h5'
      ? {
          role: 'button',
          tabIndex: inactive ? -1 : 0,
          'aria-disabled': inactive ? true : undefined,
          'aria-busy': loading ? true : undefined,
          onKeyDown: (event: { key: string; preventDefault: () => void }) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              press();
            }
          },
        }
      : {};
  // NutUI's spinner is an <i> element, which the mini-program cannot render:
  // there a busy button is simply disabled.
  const busyProps = process.env.TARO_ENV === 'h5' ? { loading } : { disabled: inactive };
  return (
    <Button
      {...rest}
      {...busyProps}
      {...webProps}
      block={block}
      size="large"
      type={variant === 'danger' ? 'danger' : 'primary'}
      fill={variant === 'secondary' ? 'outline' : 'solid'}
      onClick={press}
    />
  );
}
