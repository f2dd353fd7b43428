import { ENTITY_LISTS } from '../register.schema.js';
import type { Finding, LintContext } from './lint.types.js';

/** Keys must be unique inside each list: other entities, the API and YAML diffs rely on them. */
export function duplicateKeys({ register }: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const list of ENTITY_LISTS) {
    const seen = new Set<string>();
    for (const { key } of register[list]) {
      if (seen.has(key)) {
        findings.push({
          code: 'duplicate-key',
          severity: 'error',
          entity: list,
          key,
          message: { ja: `キー「${key}」が重複しています。`, en: `The key "${key}" is used twice.` },
          hint: { ja: 'どちらかのキーを変更してください。', en: 'Rename one of them.' },
        });
      }
      seen.add(key);
    }
  }
  return findings;
}

interface Reference {
  entity: string;
  key: string;
  field: string;
  target: string;
  value: string;
}

function references({ register }: LintContext): Reference[] {
  const refs: Reference[] = [];
  const add = (
    entity: string,
    key: string,
    field: string,
    target: string,
    values: readonly string[] | undefined,
  ) => {
    for (const value of values ?? []) refs.push({ entity, key, field, target, value });
  };
  const org = register.organisation;
  add('organisation', org.key, 'complaintDesk', 'desks', [org.complaintDesk]);
  add('rights', 'rights', 'desk', 'desks', [register.rights.desk]);
  for (const p of register.purposes) {
    add('purposes', p.key, 'subjectTypes', 'subjectTypes', p.subjectTypes);
    add('purposes', p.key, 'items', 'dataItems', p.items);
    add('purposes', p.key, 'entities', 'entities', p.entities);
  }
  for (const s of register.systems) {
    add('systems', s.key, 'items', 'dataItems', s.items);
    add('systems', s.key, 'processor', 'processors', s.processor ? [s.processor] : []);
    add('systems', s.key, 'datasets', 'datasets', s.datasets);
  }
  for (const p of register.processors) {
    add('processors', p.key, 'purposes', 'purposes', p.purposes);
    add('processors', p.key, 'items', 'dataItems', p.items);
  }
  for (const r of register.recipients) {
    add('recipients', r.key, 'items', 'dataItems', r.items);
    add('recipients', r.key, 'subjectTypes', 'subjectTypes', r.subjectTypes);
  }
  for (const r of register.retentionRules)
    add('retentionRules', r.key, 'subjectTypes', 'subjectTypes', r.subjectTypes);
  for (const a of register.anonymised) {
    add(
      'anonymised',
      a.key,
      'items.sourceItem',
      'dataItems',
      a.items.flatMap((i) => (i.sourceItem ? [i.sourceItem] : [])),
    );
  }
  return refs;
}

/** Every reference by key must resolve, or the register says something it cannot back. */
export function unknownReferences(ctx: LintContext): Finding[] {
  const { register } = ctx;
  const targets: Record<string, Set<string>> = {
    desks: new Set(register.organisation.desks.map((d) => d.key)),
    entities: new Set(register.organisation.entities.map((e) => e.key)),
    datasets: new Set(register.datasets.map((d) => d.fides_key)),
  };
  for (const list of ENTITY_LISTS) targets[list] = new Set(register[list].map((e) => e.key));
  return references(ctx)
    .filter((ref) => !targets[ref.target]?.has(ref.value))
    .map((ref) => ({
      code: 'unknown-reference',
      severity: 'error',
      entity: ref.entity,
      key: ref.key,
      message: {
        ja: `${ref.field} が存在しない「${ref.value}」を参照しています。`,
        en: `${ref.field} refers to "${ref.value}", which does not exist.`,
      },
      hint: {
        ja: `${ref.target} に「${ref.value}」を追加するか、参照を直してください。`,
        en: `Add "${ref.value}" to ${ref.target} or correct the reference.`,
      },
    }));
}
