import { View } from '@tarojs/components';
import './index.css';

interface UploadProgressProps {
  /** What is being done, e.g. 正在检查 名册.xlsx. */
  label: string;
  /** Percentage of the file sent; at 100 the server is still working on it. */
  percent: number;
}

/** Progress of a file upload, then an indeterminate bar while the server processes the file. */
export function UploadProgress({ label, percent }: UploadProgressProps) {
  const processing = percent >= 100;
  const text = processing ? '上传完成，服务器正在处理…' : `正在上传 ${percent}%`;
  return (
    <View className="upload-progress" role="status" aria-live="polite">
      <View className="upload-progress__label">{label}</View>
      <View
        className="upload-progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={processing ? undefined : percent}
        aria-valuetext={text}
      >
        <View
          className={`upload-progress__bar${processing ? ' upload-progress__bar--processing' : ''}`}
          style={{ width: processing ? '100%' : `${Math.max(2, percent)}%` }}
        />
      </View>
      <View className="upload-progress__text">{text}</View>
    </View>
  );
}
