import type { ComponentProps } from 'react';
import { Button } from '@/components/nutui';

type NutButtonProps = ComponentProps<typeof Button>;

export interface ActionButtonProps extends Omit<NutButtonProps, 'onClick' | 'size' | 'type' | 'fill'> {
  /** `primary` for the page's main action, `secondary` for the others. */
  variant?: 'primary' | 'secondary';
  onClick: () => void;
}

/**
 * A NutUI button sized for elderly residents (full width, 52 px tall). On the
 * web Taro renders buttons as `div`s, so this adds the button role, keyboard
 * focus and Enter/Space activation there.
 */
export function ActionButton({ variant = 'primary', onClick, block = true, ...rest }: ActionButtonProps) {
  const webProps =
    process.env.TARO_ENV === 'h5'
      ? {
          role: 'button',
          tabIndex: 0,
          onKeyDown: (event: { key: string; preventDefault: () => void }) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onClick();
            }
          },
        }
      : {};
  return (
    <Button
      {...rest}
      {...webProps}
      block={block}
      size="large"
      type="primary"
      fill={variant === 'primary' ? 'solid' : 'outline'}
      onClick={() => onClick()}
    />
  );
}
