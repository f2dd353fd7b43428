import { z } from 'zod';
import { errorResponses } from '../platform/http/error-body.js';
import type { App } from '../platform/http/types.js';
import { registerForms, taxonomyEntries } from './register.forms.js';
import { REGISTER_READERS } from './register.routes.js';
import type { RegisterService } from './register.service.js';

const text = z.object({ ja: z.string(), en: z.string() });
const referenceTarget = z.string();
const forms = z.object({
  sections: z.array(
    z.object({
      section: z.string(),
      label: text,
      singleton: z.boolean(),
      schema: z.record(z.string(), z.unknown()),
      references: z.record(z.string(), referenceTarget),
    }),
  ),
  labels: z.record(z.string(), text),
  values: z.record(z.string(), z.record(z.string(), z.record(z.string(), text))),
});
const taxonomyEntry = z.object({
  key: z.string(),
  parent: z.string().nullable(),
  name: text,
  source: z.enum(['fideslang', 'mamori', 'custom']),
  appiClass: z.enum(['personal', 'sensitive', 'my-number', 'related']),
  replacedBy: z.string().nullable(),
});

/** What the console's register editor is drawn from: the request schemas, references, labels and the taxonomy. */
export async function registerEditorRoutes(app: App, register: RegisterService): Promise<void> {
  const tags = ['register'];
  app.get(
    '/api/register/forms',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'JSON Schema, references and field labels of every register section (for editors)',
        response: { 200: forms, ...errorResponses },
      },
    },
    () => registerForms(),
  );
  app.get(
    '/api/register/taxonomy',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'Every data category a data item may name, with its APPI class',
        response: { 200: z.array(taxonomyEntry), ...errorResponses },
      },
    },
    async () => taxonomyEntries(await register.load()),
  );
}
