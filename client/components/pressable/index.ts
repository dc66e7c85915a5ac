/**
 * Makes a View behave like a native control on the web: a role, keyboard
 * focus and Enter/Space activation (Taro renders Views as plain `div`s there).
 * On the mini-program the role is kept for screen readers and taps do the rest.
 */
export type PressableRole = 'button' | 'radio' | 'switch' | 'link' | 'checkbox';

export interface PressableOptions {
  role?: PressableRole;
  disabled?: boolean;
}

export function pressableProps(onPress: () => void, { role = 'button', disabled = false }: PressableOptions = {}) {
  const press = () => {
    if (!disabled) onPress();
  };
  const common = { role, onClick: press, 'aria-disabled': disabled ? true : undefined };
  if (process.env.TARO_ENV !== 'h5') return common;
  return {
    ...common,
    tabIndex: disabled ? -1 : 0,
    onKeyDown: (event: { key: string; preventDefault: () => void }) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        press();
      }
    },
  };
}
