/**
 * Error codes shared by server and client. Every error the API returns has
 * `{ error: { code, message, details } }` where `code` is one of these and
 * `message` is a Chinese sentence fit to show a resident.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容不符合要求，请检查后重试' },
  INVALID_JSON: { status: 400, message: '请求内容格式有误，请刷新后重试' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录' },
  FORBIDDEN: { status: 403, message: '您没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '您要找的内容不存在或已删除' },
  ROUTE_NOT_FOUND: { status: 404, message: '请求的接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持此操作方式' },
  CONFLICT: { status: 409, message: '操作与当前状态冲突，请刷新后重试' },
  ILLEGAL_TRANSITION: { status: 409, message: '当前状态下不能进行此操作' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '相同的请求正在处理中，请稍候' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '请求标识已被其他内容使用，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的文件或内容类型' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  PRIVACY_CONSENT_REQUIRED: { status: 403, message: '请先阅读并同意隐私保护指引' },
  MEMBER_SUSPENDED: { status: 403, message: '您在本社区的账号已被暂停使用，如有疑问请联系社区居委会' },
  NOT_VERIFIED: { status: 403, message: '请先完成房屋认证' },
  INVITE_INVALID: { status: 400, message: '邀请码无效或已过期' },
  WECHAT_CODE_INVALID: { status: 401, message: '微信登录凭证已失效，请重新登录' },
  WECHAT_RATE_LIMITED: { status: 429, message: '登录的人太多了，请稍等一分钟再试' },
  WECHAT_USER_BLOCKED: { status: 403, message: '微信提示该账号存在安全风险，暂时无法登录，请稍后再试' },
  WECHAT_BUSY: { status: 503, message: '微信服务繁忙，请稍后再试' },
  WECHAT_UNAVAILABLE: { status: 503, message: '暂时无法连接微信服务，请稍后再试' },
  CONTENT_RISKY: { status: 422, message: '内容含有不适宜公开发布的信息，请修改后再提交' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
  DATABASE_BUSY: { status: 503, message: '系统繁忙，请稍后重试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** One field-level problem in a VALIDATION_FAILED error. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `title` or `photos.2`; empty for the whole body. */
  path: string;
  /** Chinese explanation fit for a resident. */
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** The Chinese message for a code; falls back to the generic internal message. */
export function errorMessage(code: string): string {
  return isErrorCode(code) ? ERRORS[code].message : ERRORS.INTERNAL.message;
}
