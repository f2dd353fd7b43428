import { z } from 'zod';
import { checkUrl, secretKey } from './webhooks.rules.js';

const purposeKey = z.string().regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a register purpose key');

export const webhookInput = z.object({
  url: z
    .string()
    .max(2000)
    .superRefine((v, ctx) => {
      const problem = checkUrl(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Empty: every purpose. */
  purposes: z.array(purposeKey).max(100).default([]),
  description: z.string().trim().max(200).optional(),
  /** A Standard Webhooks secret (`whsec_<base64>`); omitted, one is made and shown once. */
  secret: z
    .string()
    .refine((s) => secretKey(s) !== undefined, 'must be whsec_ followed by 24–64 bytes in base64')
    .optional(),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export const webhookUpdate = z.object({
  url: webhookInput.shape.url.optional(),
  purposes: z.array(purposeKey).max(100).optional(),
  description: z.string().trim().max(200).nullable().optional(),
  active: z.boolean().optional(),
});
export type WebhookUpdate = z.infer<typeof webhookUpdate>;

export const webhookIdParams = z.object({ id: z.string().regex(/^wh_[0-9a-f]{16}$/) });

export const webhookView = z.object({
  id: z.string(),
  url: z.string(),
  purposes: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  pending: z.number(),
  delivered: z.number(),
  dead: z.number(),
  lastDeliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type WebhookView = z.infer<typeof webhookView>;

/** Returned once, when the endpoint is made: the secret is never shown again. */
export const webhookCreated = webhookView.extend({ secret: z.string() });

export const deliveryView = z.object({
  eventId: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  nextAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  eventAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
