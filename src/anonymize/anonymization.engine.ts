import type { ConnectionSpec } from '../connectors/connections.schema.js';
import { buildHierarchies, loadInput } from './anonymization.input.js';
import type { InputSource, ParsedAnonymizationRequest } from './anonymization.schema.js';
import { anonymizeTable } from './anonymize.js';
import type { AnonymizeReport } from './anonymize.schema.js';
import type { Bilingual } from './appi.rules.js';
import { formatChunks } from './delimited.js';

/** The configuration of a run as stored: the request without its input and dataset name. */
export type RunConfig = Omit<ParsedAnonymizationRequest, 'input' | 'dataset'>;

export interface EngineOutput {
  readonly csv: string;
  readonly report: AnonymizeReport;
  readonly items: Bilingual[];
}

/**
 * One run of the engine on one input: read the table, anonymise (pure), write it with the input's
 * delimiter and line ends. Throws UserError for anything wrong with the data or the settings.
 */
export async function runEngine(
  input: InputSource,
  config: RunConfig,
  connection?: ConnectionSpec,
): Promise<EngineOutput> {
  const { table, format } = await loadInput(input, connection);
  const outcome = anonymizeTable(table, {
    qi: config.qi,
    hierarchies: buildHierarchies(config.hierarchies),
    ...(config.sensitive !== undefined ? { sensitive: config.sensitive } : {}),
    drop: config.drop,
    model: config.model,
    metric: config.metric,
    ...(config.itemLabels ? { itemLabels: new Map(Object.entries(config.itemLabels)) } : {}),
  });
  const out = outcome.output;
  const csv = [
    ...formatChunks(out.header, out.count, out.row, format.delimiter, format.recordDelimiter),
  ].join('');
  return { csv, report: outcome.report, items: outcome.items };
}
