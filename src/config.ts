import path from 'node:path';
import { z } from 'zod';
import { UserError } from './platform/errors.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** The only reader of process.env: every setting Mamori has, with its default, validated once at start. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  MAMORI_DATA_DIR: z.string().min(1).default('./.mamori'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  MAMORI_SECRET_KEY: z.string().min(1).optional(),
  MAMORI_ADMIN_LOGIN: z.string().min(1).max(100).default('admin'),
  MAMORI_ADMIN_PASSWORD: z.string().min(1).optional(),
  MAMORI_LANG: z.enum(['ja', 'en']).default('ja'),
  MAMORI_RUN_WORKER: bool.default(true),
  MAMORI_PUBLIC_URL: z.url().optional(),
  MAMORI_TRUST_PROXY: bool.default(false),
  MAMORI_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  MAMORI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAMORI_MAIL_FROM: z.string().min(3).max(320).default('Mamori <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.input<typeof schema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  adminLogin: string;
  adminPassword: string | undefined;
  defaultLanguage: 'ja' | 'en';
  runWorker: boolean;
  publicUrl: string | undefined;
  trustProxy: boolean;
  sessionHours: number;
  /** Outbox delivery (codes, acknowledgements); without it admins read the outbox through the API. */
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in the environment mean "not set" (a common shell habit: FOO= npm start).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`Configuration error: ${issue?.path.join('.')} ${issue?.message}.`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MAMORI_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    secretKey: e.MAMORI_SECRET_KEY,
    adminLogin: e.MAMORI_ADMIN_LOGIN,
    adminPassword: e.MAMORI_ADMIN_PASSWORD,
    defaultLanguage: e.MAMORI_LANG,
    runWorker: e.MAMORI_RUN_WORKER,
    publicUrl: e.MAMORI_PUBLIC_URL,
    trustProxy: e.MAMORI_TRUST_PROXY,
    sessionHours: e.MAMORI_SESSION_HOURS,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.MAMORI_SMTP_URL,
    mailFrom: e.MAMORI_MAIL_FROM,
  };
}
