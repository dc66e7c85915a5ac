import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Server configuration, read once from the environment. Every variable is
 * documented in README.md ("Configuration").
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'DATABASE_URL must start with mysql:// or mariadb://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  YISHI_DATA_DIR: z.string().min(1).default('./data'),
  YISHI_H5_DIR: z.string().min(1).optional(),
  YISHI_SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  YISHI_DEMO_HISTORY: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 24 * 3600)
    .default(7 * 24 * 3600),
  YISHI_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  WECHAT_API_BASE: z.string().url().optional(),
  WECHAT_APPID: z.string().min(1).optional(),
  WECHAT_SECRET: z.string().min(1).optional(),
  WECHAT_PUSH_TOKEN: z.string().min(3).max(32).optional(),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  RATE_LIMIT_TOPICS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  CONTENT_CHECK: z.enum(['auto', 'wechat', 'local']).default('auto'),
  CONTENT_BLOCKED_WORDS: z.string().optional(),
  WECHAT_TEMPLATE_TOPIC_STATUS: z.string().min(1).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,40}$/, 'REDIS_PREFIX: letters, digits, ":", "_" or "-", at most 40')
    .default('yishi:'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** mysql:// URL, or undefined for the embedded SQLite database. */
  databaseUrl: string | undefined;
  dataDir: string;
  h5Dir: string;
  seedDemo: 'auto' | 'always' | 'never';
  /** With the demo: its meetings, votes and decisions so far (seedDemoHistory). */
  demoHistory: boolean;
  logLevel: string;
  dbPoolSize: number;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  uploadMaxBytes: number;
  version: string;
  jwtSecret: string;
  /** True when the development signing key is in use (refused in production). */
  jwtSecretIsDevelopmentKey: boolean;
  jwtTtlSeconds: number;
  /** `wechat`: WeChat's content checks after the local word list; `local`: the word list only. */
  contentCheck: 'wechat' | 'local';
  /** Extra blocked words (comma separated in CONTENT_BLOCKED_WORDS). */
  blockedWords: string[];
  /** Topics one user may submit per hour (S15). */
  topicsPerHour: number;
  /** Subscribe-message template ids; unset = no subscribe messages of that kind. */
  templates: { topicStatus: string | undefined };
  /** Demo mode: persona logins and the local fake WeChat server. */
  demoMode: boolean;
  /** Redis for the live meeting fan-out across server processes; unset = in memory (one process). */
  redis: { url: string | undefined; prefix: string };
  /** Where the public reaches this server (e.g. https://yishi.example.cn): WeChat downloads photos to check from here. */
  publicBaseUrl: string | undefined;
  wechat: {
    /** undefined = run the built-in fake WeChat server (demo mode only). */
    apiBase: string | undefined;
    appId: string;
    secret: string;
    /** Real credentials given (WECHAT_API_BASE, WECHAT_APPID and WECHAT_SECRET all set). */
    configured: boolean;
    /** The message push Token set in the mini-program console: pushed events must carry its signature. */
    pushToken: string | undefined;
  };
}

/** Signs tokens in development and tests only; the server refuses to start in production with it. */
export const DEVELOPMENT_JWT_SECRET = 'yishi-development-signing-key-not-for-production-use';

/** The repository root: the nearest folder above this file whose package.json is Yishi's. */
const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'yishi') return dir;
    } catch {
      // no package.json here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.YISHI_DATA_DIR),
    h5Dir: path.resolve(e.YISHI_H5_DIR ?? path.join(repoRoot, 'dist', 'h5')),
    seedDemo: e.YISHI_SEED_DEMO,
    demoHistory: e.YISHI_DEMO_HISTORY === 'on',
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.DB_POOL_SIZE,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    version: readVersion(),
    jwtSecret: e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
    jwtSecretIsDevelopmentKey: (e.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET) === DEVELOPMENT_JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    demoMode: demoModeOf(e.YISHI_DEMO, e.NODE_ENV, e.DATABASE_URL),
    // With real WeChat credentials the checks run at WeChat; the fake server's checks only when asked for.
    contentCheck:
      e.CONTENT_CHECK === 'auto'
        ? e.WECHAT_API_BASE && e.WECHAT_APPID && e.WECHAT_SECRET
          ? 'wechat'
          : 'local'
        : e.CONTENT_CHECK,
    blockedWords: (e.CONTENT_BLOCKED_WORDS ?? '')
      .split(/[,，\n]/)
      .map((w) => w.trim())
      .filter(Boolean),
    templates: { topicStatus: e.WECHAT_TEMPLATE_TOPIC_STATUS },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    topicsPerHour: e.RATE_LIMIT_TOPICS_PER_HOUR,
    wechat: {
      apiBase: e.WECHAT_API_BASE,
      appId: e.WECHAT_APPID ?? 'wx-demo-appid',
      secret: e.WECHAT_SECRET ?? 'demo-secret',
      configured: Boolean(e.WECHAT_API_BASE && e.WECHAT_APPID && e.WECHAT_SECRET),
      pushToken: e.WECHAT_PUSH_TOKEN,
    },
  };
}

/** Demo mode is on with the embedded database, never in production; YISHI_DEMO=on/off overrides outside production. */
function demoModeOf(setting: 'auto' | 'on' | 'off', env: string, databaseUrl: string | undefined): boolean {
  if (env === 'production') return false;
  if (setting !== 'auto') return setting === 'on';
  return !databaseUrl;
}

/**
 * Refuses configurations that must never run: production with the development
 * signing key, or production without WeChat credentials and API base.
 */
export function assertSafeForProduction(config: Config): void {
  if (config.env !== 'production') return;
  if (config.jwtSecretIsDevelopmentKey) {
    throw new Error('Refusing to start in production with the development JWT signing key: set JWT_SECRET');
  }
  if (!config.wechat.configured) {
    throw new Error('Refusing to start in production without WECHAT_API_BASE, WECHAT_APPID and WECHAT_SECRET');
  }
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export { repoRoot };
