import { stringify } from 'yaml';
import { parseYaml, SourceFormatError, zodIssuesToSourceIssues } from '../datasets/yaml.source.js';
import { duplicateKeyIssues } from './register.collections.js';
import { Register } from './register.schema.js';
import { FORMAT_VERSION, registerFromYamlFiles, SECTION_FILES } from './register.yaml.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type UploadFormat = 'yaml' | 'json' | 'xlsx';

/**
 * The register as one YAML document (the HTTP export): every section at the top level and the datasets under
 * Fides' own `dataset:` key, so `mamori register import register.yaml` and Fides both read it.
 */
export function registerToYamlDocument(register: Register): string {
  const doc: Record<string, unknown> = { mamori: FORMAT_VERSION };
  for (const section of Object.keys(SECTION_FILES) as (keyof typeof SECTION_FILES)[]) {
    doc[section] = register[section];
  }
  if (register.datasets.length > 0) doc.dataset = register.datasets;
  return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
}

function checkKeys(register: Register): Register {
  const duplicates = duplicateKeyIssues(register);
  if (duplicates.length > 0) throw new SourceFormatError(duplicates);
  return register;
}

/** Reads an uploaded register in any of its three forms; every problem is reported, nothing half-reads. */
export async function parseRegisterUpload(
  body: string | Buffer,
  format: UploadFormat,
  name = `register.${format}`,
): Promise<Register> {
  if (format === 'xlsx') {
    const { registerFromXlsx } = await import('./register.xlsx.js');
    return checkKeys(await registerFromXlsx(Buffer.isBuffer(body) ? body : Buffer.from(body)));
  }
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  if (format === 'yaml') return checkKeys(registerFromYamlFiles(new Map([[name, text]])));
  const parsed = parseYaml(text, name); // JSON is YAML; this locates problems by line too
  const result = Register.safeParse(parsed.value);
  if (!result.success) {
    throw new SourceFormatError(zodIssuesToSourceIssues(result.error.issues, name, parsed.locate));
  }
  return checkKeys(result.data);
}

/** Which form a request body or a file is in, from its content type or name. */
export function uploadFormat(contentTypeOrName: string): UploadFormat | undefined {
  const v = contentTypeOrName.toLowerCase();
  if (v.includes('spreadsheetml') || v.endsWith('.xlsx')) return 'xlsx';
  if (v.includes('yaml') || v.endsWith('.yml')) return 'yaml';
  if (v.includes('json')) return 'json';
  return undefined;
}
