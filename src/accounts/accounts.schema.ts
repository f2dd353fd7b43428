import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './accounts.rules.js';
import { role } from './roles.js';

const login = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._@+-]+$/u, 'may contain letters, digits and . _ @ + - only');

export const user = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(role),
  language: z.enum(['ja', 'en']),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const createUserBody = z.object({
  login,
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  roles: z.array(role).min(1).max(5),
  language: z.enum(['ja', 'en']).default('ja'),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    email: z.email().max(320).nullable(),
    roles: z.array(role).min(1).max(5),
    language: z.enum(['ja', 'en']),
    disabled: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'at least one field is required');

export const loginBody = z.object({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const setupBody = z.object({
  token: z.string().min(1).max(200),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH),
});

export const principal = z.object({
  userId: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  roles: z.array(role),
  language: z.enum(['ja', 'en']),
  via: z.enum(['session', 'token']),
});

export const apiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  roles: z.array(role),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  roles: z.array(role).min(1).max(5),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const session = z.object({
  id: z.string().describe('A hash prefix that identifies the session; the cookie itself is never shown.'),
  userId: z.uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const idParams = z.object({ id: z.uuid() });
