import { createElement } from 'react';

/**
 * `@tarojs/components` for jsdom tests: the same React components the web
 * build renders (`h5.useHtmlComponents`). Each comes from its own file because
 * the package index hits an import cycle under CommonJS.
 */
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js';
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js';
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js';
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js';
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js';
export { default as View } from '@tarojs/components-react/dist/components/view/index.js';

/**
 * Taro's Textarea on the web is a Stencil element around a real <textarea>;
 * for jsdom tests, a plain <textarea> with the same props: the label set in
 * `nativeProps` (as on the web build) and `onInput` with `detail.value`.
 */
export function Textarea(props: {
  value?: string;
  placeholder?: string;
  maxlength?: number;
  disabled?: boolean;
  className?: string;
  nativeProps?: Record<string, unknown>;
  'aria-label'?: string;
  onInput?: (event: { detail: { value: string } }) => void;
}) {
  return createElement('textarea', {
    className: props.className,
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength,
    disabled: props.disabled,
    'aria-label': props['aria-label'],
    ...props.nativeProps,
    onChange: (event: { target: { value: string } }) => props.onInput?.({ detail: { value: event.target.value } }),
  });
}
