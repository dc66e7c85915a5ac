import Taro from '@tarojs/taro';

/** The mini-program cannot print: say where printing works. */
export function printPage(): void {
  void Taro.showToast({ title: '请在电脑上打开网页版议事后打印', icon: 'none', duration: 3000 });
}

export const canPrint = false;
