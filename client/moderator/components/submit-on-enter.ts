/**
 * Props that make a Taro `<Input>` call `submit` when the keyboard's confirm
 * key (Enter, 搜索, 完成) is pressed. The mini-program has a `confirm` event;
 * on the web Taro's Input would hand an `onConfirm` prop on to the DOM
 * element, so there the Enter key is caught instead.
 */
export function submitOnEnter(submit: () => void): Record<string, unknown> {
  if (process.env.TARO_ENV === 'h5') {
    return {
      onKeyDown: (event: { key?: string }) => {
        if (event.key === 'Enter') submit();
      },
    };
  }
  return { onConfirm: submit };
}
