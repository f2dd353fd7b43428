import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine, idle while
    // tests wait on databases, browsers and child processes. Two files at a time (each with its own database,
    // MariaDB schema, Redis prefix, port and browser profile) keep both cores busy.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
