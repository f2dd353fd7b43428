import { stringify } from 'yaml';
import { type FidesDataset, FidesDatasetFile } from './dataset.schema.js';
import { validateDatasets } from './dataset.validate.js';
import { formatPath, parseYaml, SourceFormatError, zodIssuesToSourceIssues } from './yaml.source.js';

/**
 * Reads a fideslang dataset file (`dataset: [...]`). Problems are thrown together as a SourceFormatError
 * naming the file, line and path of each.
 */
export function parseDatasetYaml(text: string, file: string): FidesDataset[] {
  const parsed = parseYaml(text, file);
  const result = FidesDatasetFile.safeParse(parsed.value);
  if (!result.success) {
    throw new SourceFormatError(zodIssuesToSourceIssues(result.error.issues, file, parsed.locate));
  }
  const problems = validateDatasets(result.data.dataset);
  if (problems.length > 0) {
    throw new SourceFormatError(
      problems.map((p) => {
        const path = ['dataset', p.datasetIndex, ...p.path];
        return { file, ...parsed.locate(path), path: formatPath(path), message: p.message };
      }),
    );
  }
  return result.data.dataset;
}

/** Writes datasets in the fideslang layout, so Fides can read Mamori's files too. */
export function datasetsToYaml(datasets: readonly FidesDataset[]): string {
  return stringify({ dataset: datasets }, { lineWidth: 0, aliasDuplicateObjects: false });
}
