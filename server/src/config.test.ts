import { assertSafeForProduction, DEVELOPMENT_JWT_SECRET, loadConfig } from './config';

const productionEnv = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-sufficient-length-0123456789',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'production-secret',
};

describe('configuration', () => {
  test('defaults: port 3000, embedded database under ./data, demo mode on, development key', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('data')).toBe(true);
    expect(config.demoMode).toBe(true);
    expect(config.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  test('demo mode is off with a MySQL database and always off in production', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1/test' }).demoMode).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1/test', YISHI_DEMO: 'on' }).demoMode).toBe(true);
    expect(loadConfig({ ...productionEnv, YISHI_DEMO: 'on' }).demoMode).toBe(false);
  });

  test('production refuses the development signing key and missing WeChat credentials', () => {
    expect(() => assertSafeForProduction(loadConfig({ ...productionEnv, JWT_SECRET: undefined }))).toThrow(
      /JWT_SECRET/,
    );
    expect(() => assertSafeForProduction(loadConfig({ ...productionEnv, WECHAT_SECRET: undefined }))).toThrow(/WECHAT/);
    expect(() => assertSafeForProduction(loadConfig(productionEnv))).not.toThrow();
  });

  test('invalid settings are refused with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});
