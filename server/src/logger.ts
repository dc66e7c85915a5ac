import pino, { type Logger } from 'pino';

export type { Logger };

/** The one logger: JSON lines on stdout, request-scoped children carry `reqId`. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'yishi' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.session_key', '*.sessionKey', '*.phone'],
      censor: '[redacted]',
    },
  });
}
