import { z } from 'zod';

export const errorBody = z.object({
  error: z.object({
    code: z.string().describe('Stable machine-readable code'),
    message: z.string().describe('Human-readable message in the request language (ja or en)'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    ref: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** The 4xx answers a route may give, for its OpenAPI entry. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
} as const;
