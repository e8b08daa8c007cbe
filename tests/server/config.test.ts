import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('server configuration from the environment', () => {
  it('has defaults for a workshop on the local network', () => {
    expect(loadConfig({}, '/srv/parley')).toEqual({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/srv/parley/data',
      databaseFile: path.join('/srv/parley/data', 'parley.db'),
      logLevel: 'info',
      adminToken: null,
      databaseUrl: null,
      databaseSchema: null,
      redisUrl: null,
      redisChannelPrefix: 'parley',
      catchUpIntervalMs: null,
      compactAfterRows: 500,
      dropPublishEvery: 0,
    });
  });

  it('reads ADMIN_TOKEN, refusing one short enough to guess', () => {
    const token = 'a-long-admin-token-for-tests-0123456789';
    expect(loadConfig({ ADMIN_TOKEN: token }).adminToken).toBe(token);
    expect(loadConfig({ ADMIN_TOKEN: '' }).adminToken).toBeNull();
    expect(() => loadConfig({ ADMIN_TOKEN: 'secret' })).toThrow(
      /ADMIN_TOKEN: must be at least 24 characters/,
    );
  });

  it('reads HOST, PORT (0 allowed), DATA_DIR and LOG_LEVEL; empty values count as unset', () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: '/var/lib/parley',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      dataDir: '/var/lib/parley',
      logLevel: 'debug',
    });
    expect(loadConfig({ PORT: '' }).port).toBe(8080);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '80.5' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
