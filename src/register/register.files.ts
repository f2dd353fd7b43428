import fs from 'node:fs/promises';
import path from 'node:path';
import { SourceFormatError, type SourceIssue } from '../datasets/yaml.source.js';
import { UserError } from '../platform/errors.js';
import { duplicateKeyIssues } from './register.collections.js';
import { parseRegisterUpload, uploadFormat } from './register.io.js';
import type { Register } from './register.schema.js';
import { registerFromYamlFiles, registerToYamlFiles } from './register.yaml.js';

async function yamlFilesUnder(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string) => {
    for (const entry of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.ya?ml$/i.test(entry.name)) {
        files.set(path.relative(root, full).split(path.sep).join('/'), await fs.readFile(full, 'utf8'));
      }
    }
  };
  await walk(root);
  return files;
}

export function formatIssue(i: SourceIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
}

/**
 * Reads a register from a folder of YAML files, one YAML file, a JSON file or an Excel workbook. Problems
 * come back as a SourceFormatError naming file and line (or sheet, row and column), all of them at once.
 */
export async function readRegisterPath(target: string): Promise<Register> {
  const stat = await fs.stat(target).catch(() => undefined);
  if (!stat) throw new UserError(`There is no file or folder "${target}".`);
  if (stat.isDirectory()) {
    const files = await yamlFilesUnder(target);
    if (files.size === 0) throw new UserError(`The folder "${target}" holds no YAML files.`);
    const register = registerFromYamlFiles(files);
    const duplicates = duplicateKeyIssues(register);
    if (duplicates.length > 0) throw new SourceFormatError(duplicates);
    return register;
  }
  const format = uploadFormat(target);
  if (!format) throw new UserError(`"${target}" is not a .yaml, .yml, .json or .xlsx file.`);
  const body = format === 'xlsx' ? await fs.readFile(target) : await fs.readFile(target, 'utf8');
  return parseRegisterUpload(body, format, path.basename(target));
}

/** Writes the register as the reviewable YAML tree (one file per section, one per dataset). */
export async function writeYamlDir(dir: string, register: Register): Promise<string[]> {
  const files = registerToYamlFiles(register);
  for (const [name, text] of files) {
    const full = path.join(dir, name);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, text);
  }
  return [...files.keys()];
}
