import path from 'node:path';
import type { Logger } from 'pino';
import { TokenService } from './auth/tokens';
import { assertSafeForProduction, type Config } from './config';
import { ContentChecker, DEFAULT_BLOCKED_WORDS } from './content/content-check';
import { createDataSource, dialectOf } from './db/data-source';
import { runMigrations, withSchemaLock } from './db/migrate';
import { seedDemoHistory } from './db/seed/demo-history';
import { seedDemo } from './db/seed/demo-seed';
import { AppEvents } from './events/app-events';
import type { AppServices } from './http/context';
import { LocalFileStorage } from './storage/storage';
import { createFakeWechat, type FakeWechat, type FakeWechatServer } from './wechat/fake-wechat';
import { WechatClient } from './wechat/wechat.client';

/**
 * Connects to the configured database, applies pending migrations and (when
 * the configuration asks for it) seeds the demo community — all under the
 * schema lock, so processes starting together take turns.
 */
export async function startServices(config: Config, logger: Logger): Promise<AppServices> {
  assertSafeForProduction(config);
  const dataSource = await createDataSource({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  await dataSource.initialize();
  const dialect = dialectOf(dataSource);
  try {
    await withSchemaLock(dataSource, async () => {
      const applied = await runMigrations(dataSource);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
      if (shouldSeedDemo(config)) {
        const seeded = await seedDemo(dataSource);
        if (seeded) logger.info('demo community seeded');
      }
    });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  const wechat = await connectWechat(config, logger);
  const services: AppServices = {
    config,
    dataSource,
    dialect,
    storage: new LocalFileStorage(path.join(config.dataDir, 'uploads')),
    lifecycle: { draining: false },
    events: new AppEvents(),
    tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
    wechat: wechat.client,
    fakeWechat: wechat.fake,
    content: new ContentChecker({
      blockedWords: [...DEFAULT_BLOCKED_WORDS, ...config.blockedWords],
      wechat: config.contentCheck === 'wechat' ? wechat.client : undefined,
      logger,
    }),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await wechat.server?.close();
    },
  };
  if (shouldSeedDemo(config) && config.demoHistory) {
    // Demo content only: a failure is logged, and Yishi starts without it.
    try {
      const seeded = await withSchemaLock(dataSource, () => seedDemoHistory(services));
      if (seeded) logger.info('demo meetings and votes seeded');
    } catch (error) {
      logger.warn({ err: error }, 'the demo meetings and votes could not be seeded');
    }
  }
  return services;
}

/**
 * The WeChat API client: against WECHAT_API_BASE when configured, otherwise
 * (development, demo, tests; never production) against the built-in fake
 * WeChat server started on a free local port.
 */
async function connectWechat(
  config: Config,
  logger: Logger,
): Promise<{ client: WechatClient; fake?: FakeWechat; server?: FakeWechatServer }> {
  const { appId, secret } = config.wechat;
  if (config.wechat.apiBase) {
    return { client: new WechatClient({ baseUrl: config.wechat.apiBase, appid: appId, secret, logger }) };
  }
  const fake = createFakeWechat({ appid: appId, secret, pushToken: config.wechat.pushToken });
  const server = await fake.listen(0, '127.0.0.1');
  logger.info({ url: server.url }, 'using the built-in fake WeChat server');
  return { client: new WechatClient({ baseUrl: server.url, appid: appId, secret, logger }), fake, server };
}

/** Demo data goes in with demo mode (the embedded database by default), never into production. */
export function shouldSeedDemo(config: Config): boolean {
  if (config.seedDemo === 'never') return false;
  if (config.seedDemo === 'always') return true;
  return config.demoMode;
}
