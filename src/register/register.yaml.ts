import { stringify } from 'yaml';
import { type FidesDataset, FidesDatasetFile } from '../datasets/dataset.schema.js';
import { validateDatasets } from '../datasets/dataset.validate.js';
import {
  formatPath,
  type ParsedYaml,
  parseYaml,
  SourceFormatError,
  type SourceIssue,
  zodIssuesToSourceIssues,
} from '../datasets/yaml.source.js';
import { Register } from './register.schema.js';

type Section = Exclude<keyof Register, 'datasets'>;

/** Where each section goes on export; on import any file may hold any sections. */
export const SECTION_FILES: Readonly<Record<Section, string>> = {
  organisation: 'organisation.yaml',
  subjectTypes: 'subject-types.yaml',
  customCategories: 'categories.yaml',
  dataItems: 'data-items.yaml',
  purposes: 'purposes.yaml',
  systems: 'systems.yaml',
  processors: 'processors.yaml',
  recipients: 'recipients.yaml',
  provisionExceptions: 'recipients.yaml',
  retentionRules: 'retention.yaml',
  safeguards: 'safeguards.yaml',
  rights: 'rights.yaml',
  anonymised: 'anonymised.yaml',
  annexes: 'annexes.yaml',
  statements: 'statements.yaml',
};

export const MANIFEST_FILE = 'mamori.yaml';
export const FORMAT_VERSION = 1;
const SECTIONS = Object.keys(SECTION_FILES) as Section[];

const STRINGIFY = { lineWidth: 0, aliasDuplicateObjects: false } as const;

function datasetFileName(dataset: FidesDataset, index: number, used: Set<string>): string {
  const base = dataset.fides_key.replace(/[^A-Za-z0-9_.-]/g, '_');
  let name = `datasets/${base}.yaml`;
  if (used.has(name)) name = `datasets/${base}-${index}.yaml`;
  used.add(name);
  return name;
}

/** Writes the register as reviewable YAML files: one per section, one fideslang file per dataset. */
export function registerToYamlFiles(register: Register): Map<string, string> {
  const byFile = new Map<string, Record<string, unknown>>();
  for (const section of SECTIONS) {
    const file = SECTION_FILES[section];
    byFile.set(file, { ...(byFile.get(file) ?? {}), [section]: register[section] });
  }
  const used = new Set<string>();
  const datasetFiles = register.datasets.map((d, i) => datasetFileName(d, i, used));
  const files = new Map<string, string>();
  files.set(MANIFEST_FILE, stringify({ mamori: FORMAT_VERSION, datasets: datasetFiles }, STRINGIFY));
  for (const [file, content] of byFile) files.set(file, stringify(content, STRINGIFY));
  register.datasets.forEach((dataset, i) => {
    files.set(datasetFiles[i] as string, stringify({ dataset: [dataset] }, STRINGIFY));
  });
  return files;
}

interface Origin {
  file: string;
  parsed: ParsedYaml;
  /** Path of the value inside its file. */
  prefix: (string | number)[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a register from YAML files (a directory's files, or one file holding every section). Every
 * problem in every file is collected and thrown together as a SourceFormatError; nothing half-loads.
 */
export function registerFromYamlFiles(files: ReadonlyMap<string, string>): Register {
  const issues: SourceIssue[] = [];
  const sections = new Map<string, { value: unknown; origin: Origin }>();
  const datasets: { value: unknown; origin: Origin }[] = [];
  let datasetOrder: string[] = [];
  const parsedFiles: { file: string; parsed: ParsedYaml; value: Record<string, unknown> }[] = [];

  for (const [file, text] of files) {
    let parsed: ParsedYaml;
    try {
      parsed = parseYaml(text, file);
    } catch (error) {
      if (error instanceof SourceFormatError) issues.push(...error.issues);
      else throw error;
      continue;
    }
    const value = parsed.value ?? {};
    if (!isRecord(value)) {
      issues.push({ file, line: 1, column: 1, path: '', message: 'expected a mapping of register sections' });
      continue;
    }
    parsedFiles.push({ file, parsed, value });
    if (file.endsWith(MANIFEST_FILE) && Array.isArray(value.datasets)) {
      datasetOrder = value.datasets.filter((d): d is string => typeof d === 'string');
    }
  }

  // Syntax errors make everything after them guesswork; report those alone.
  if (issues.length > 0) throw new SourceFormatError(issues);

  const rank = (file: string) => {
    const i = datasetOrder.findIndex((d) => file === d || file.endsWith(`/${d}`));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const sorted = [...parsedFiles].sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file));

  for (const { file, parsed, value } of sorted) {
    for (const [key, sectionValue] of Object.entries(value)) {
      const origin: Origin = { file, parsed, prefix: [key] };
      if (key === 'dataset') {
        const datasetFile = FidesDatasetFile.safeParse(value);
        if (!datasetFile.success) {
          issues.push(...zodIssuesToSourceIssues(datasetFile.error.issues, file, parsed.locate));
          continue;
        }
        datasetFile.data.dataset.forEach((d, j) => {
          datasets.push({ value: d, origin: { file, parsed, prefix: ['dataset', j] } });
        });
      } else if (key === 'mamori' || (key === 'datasets' && file.endsWith(MANIFEST_FILE))) {
        if (key === 'mamori' && sectionValue !== FORMAT_VERSION) {
          issues.push(
            at(origin, [], `unsupported register format ${String(sectionValue)}; expected ${FORMAT_VERSION}`),
          );
        }
      } else if (!(SECTIONS as string[]).includes(key)) {
        issues.push(at(origin, [], `unknown register section "${key}"`));
      } else if (sections.has(key)) {
        const first = sections.get(key)?.origin.file;
        issues.push(at(origin, [], `section "${key}" is already defined in ${first}`));
      } else {
        sections.set(key, { value: sectionValue, origin });
      }
    }
  }

  const candidate: Record<string, unknown> = Object.fromEntries(
    [...sections].map(([key, { value }]) => [key, value]),
  );
  candidate.datasets = datasets.map((d) => d.value);
  const result = Register.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [head, index, ...rest] = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      const origin =
        head === 'datasets' && typeof index === 'number'
          ? datasets[index]?.origin
          : head !== undefined
            ? sections.get(String(head))?.origin
            : undefined;
      if (!origin) {
        const missing = issue.code === 'invalid_type' && head !== undefined && !sections.has(String(head));
        issues.push({
          file: head !== undefined && head !== 'datasets' ? (SECTION_FILES[head as Section] ?? '') : '',
          line: 1,
          column: 1,
          path: formatPath(issue.path.filter((s): s is string | number => typeof s !== 'symbol')),
          message: missing ? `section "${String(head)}" is missing` : issue.message,
        });
        continue;
      }
      const inner = head === 'datasets' ? rest : [index, ...rest].filter((s) => s !== undefined);
      const keyed = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...inner, issue.keys[0]] : inner;
      issues.push(at(origin, keyed as (string | number)[], issue.message));
    }
  } else {
    for (const problem of validateDatasets(result.data.datasets)) {
      const origin = datasets[problem.datasetIndex]?.origin;
      if (origin) issues.push(at(origin, problem.path, problem.message));
    }
  }
  if (issues.length > 0 || !result.success) throw new SourceFormatError(issues);
  return result.data;
}

function at(origin: Origin, path: (string | number)[], message: string): SourceIssue {
  const full = [...origin.prefix, ...path];
  return { file: origin.file, ...origin.parsed.locate(full), path: formatPath(full), message };
}
