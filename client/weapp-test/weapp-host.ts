import path from 'node:path';
import simulate from 'miniprogram-simulate';

/**
 * Just enough of the WeChat host around miniprogram-simulate to run the built
 * mini-program: `App`, `getApp`, `Page` (mapped onto `Component`, which is
 * what miniprogram-simulate renders) and a scripted `wx.request`.
 */

export const distRoot = path.resolve(__dirname, '../../dist/weapp');

type Callable = (...args: unknown[]) => unknown;
type Hooks = Record<string, Callable | undefined>;

export interface FakeRequest {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}

type Answer = { statusCode: number; data: unknown } | 'network-failure';

interface WxRequestOptions extends FakeRequest {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
}

const host = globalThis as unknown as Record<string, unknown>;
const pages: Hooks[] = [];
let app: Hooks | undefined;

/** Every request the mini-program made, oldest first. */
export const requests: FakeRequest[] = [];
let nextAnswers: Answer[] = [];

/** Queues the answers for the next requests; requests beyond them fail like a lost network. */
export function answerRequests(...answers: Answer[]): void {
  nextAnswers = answers;
}

function installHost(): void {
  host.App = (options: Hooks) => {
    app = options;
  };
  host.getApp = () => app;
  host.getCurrentPages = () => pages;
  host.Page = (options: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) (typeof value === 'function' ? methods : fields)[key] = value;
    const register = host.Component as (definition: unknown) => void;
    register({
      ...fields,
      methods,
      lifetimes: {
        attached(this: Hooks) {
          pages.push(this);
          this.onLoad?.({});
          this.onShow?.();
        },
        ready(this: Hooks) {
          this.onReady?.();
        },
        detached(this: Hooks) {
          this.onUnload?.();
          pages.splice(pages.indexOf(this), 1);
        },
      },
    });
  };

  const wx = host.wx as Record<string, unknown>;
  wx.request = (options: WxRequestOptions) => {
    const { url, method, header, data } = options;
    requests.push({ url, method, header, data });
    const answer = nextAnswers.shift() ?? 'network-failure';
    setTimeout(() => {
      if (answer === 'network-failure') {
        const error = { errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' };
        options.fail?.(error);
        options.complete?.(error);
      } else {
        const result = { ...answer, header: { 'content-type': 'application/json' }, errMsg: 'request:ok' };
        options.success?.(result);
        options.complete?.(result);
      }
    }, 0);
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
}

/** Loads dist/weapp/app.js and launches the app (once per test file). */
export function launchApp(): void {
  if (app) return;
  installHost();
  require(path.join(distRoot, 'app.js'));
  const launched = host.getApp as () => Hooks | undefined;
  const instance = launched();
  if (!instance) throw new Error('dist/weapp/app.js did not call App()');
  instance.onLaunch?.({ path: 'pages/home/index', query: {}, scene: 1001 });
}

/** Renders a built page (e.g. `pages/home/index`) and attaches it to the document. */
export function openPage(route: string) {
  const id = simulate.load(path.join(distRoot, route), 'page', { rootPath: distRoot });
  const page = simulate.render(id);
  page.attach(document.createElement('page-host'));
  return page;
}

/** Waits until `condition` holds, checking every 20 ms. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await simulate.sleep(20);
  }
}
