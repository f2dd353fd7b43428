import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: embedded database, port 8080, Japanese', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: undefined, defaultLanguage: 'ja', runWorker: true });
    expect(c.dataDir.endsWith('.mamori')).toBe(true);
  });

  it('treats empty variables as unset and parses booleans and numbers', () => {
    const c = loadConfig({ PORT: '9000', DATABASE_URL: '', MAMORI_RUN_WORKER: 'false', MAMORI_LANG: 'en' });
    expect(c).toMatchObject({ port: 9000, databaseUrl: undefined, runWorker: false, defaultLanguage: 'en' });
  });

  it('rejects bad values with a sentence naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ MAMORI_LANG: 'fr' })).toThrow(/MAMORI_LANG/);
  });
});
