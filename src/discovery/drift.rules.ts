import type { Register } from '../register/register.schema.js';
import { Taxonomy } from '../register/taxonomy/taxonomy.js';
import type { ColumnResult, DriftFinding, TableResult } from './db-scan.schema.js';

/**
 * Drift between what the register declares and what the stores hold (issue 8). Pure: the caller passes the
 * scan's tables (which carry no sampled value) and what the register allows.
 *
 * - undeclared-personal-data: APPI Art. 17/21 and the 台帳 itself — personal data the register does not list
 *   cannot be covered by a published purpose, a retention rule or a rights answer.
 * - category-contradicted: the content is a different kind of data than the dataset says.
 * - declared-not-found: a detectable declared category none of at least MIN_VALUES_FOR_ABSENCE sampled values
 *   showed (information only: detectors have recall below 1, and the column may be empty in this sample).
 * - my-number-without-legal-use: My Number Act Art. 9 lists the only uses (social security, tax, disaster
 *   response) and Art. 20 forbids storing Individual Numbers outside them; a column holding them needs a
 *   purpose with `myNumberUse` covering a my-number item of a system whose datasets include this one.
 */

export const MIN_VALUES_FOR_ABSENCE = 20;

export interface DriftContext {
  taxonomy: Taxonomy;
  /**
   * Datasets in which the register allows Individual Numbers; undefined when the scan ran without a register
   * (the finding then says that nothing could show a legal use).
   */
  myNumberAllowed: ReadonlySet<string> | undefined;
}

export function driftContext(register: Register | undefined): DriftContext {
  return {
    taxonomy: new Taxonomy(register?.customCategories ?? []),
    myNumberAllowed: register ? myNumberAllowedDatasets(register) : undefined,
  };
}

/** Datasets of systems that store a my-number item which some purpose uses under My Number Act Art. 9. */
export function myNumberAllowedDatasets(register: Register): Set<string> {
  const taxonomy = new Taxonomy(register.customCategories);
  const myNumberItems = new Set(
    register.dataItems
      .filter((i) => (i.appiClass ?? taxonomy.appiClass(i.category)) === 'my-number')
      .map((i) => i.key),
  );
  const lawful = new Set(
    register.purposes
      .filter((p) => p.myNumberUse !== undefined)
      .flatMap((p) => p.items.filter((k) => myNumberItems.has(k))),
  );
  const out = new Set<string>();
  for (const system of register.systems)
    if (system.items.some((k) => lawful.has(k))) for (const d of system.datasets) out.add(d);
  return out;
}

// fideslang's generic national ID and Mamori's My Number key name the same column in a Japanese store.
const EQUIVALENT: ReadonlyArray<readonly [string, string]> = [
  ['user.government_id.national_identification_number', 'user.government_id.my_number'],
];

export function compatibleCategories(taxonomy: Taxonomy, declared: string, found: string): boolean {
  if (taxonomy.isWithin(found, declared) || taxonomy.isWithin(declared, found)) return true;
  return EQUIVALENT.some(
    ([a, b]) =>
      (taxonomy.isWithin(declared, a) && taxonomy.isWithin(found, b)) ||
      (taxonomy.isWithin(declared, b) && taxonomy.isWithin(found, a)),
  );
}

/** Categories the column classifier can recognise; absence is reported only for these. */
const DETECTABLE = [
  'user.name',
  'user.contact.email',
  'user.contact.phone_number',
  'user.contact.address',
  'user.government_id.my_number',
  'user.government_id.national_identification_number',
  'user.financial.credit_card',
  'user.device.ip_address',
];

const where = (t: TableResult, c: ColumnResult) => `${t.dataset}.${t.collection}.${c.field}`;

export function detectDrift(tables: readonly TableResult[], ctx: DriftContext): DriftFinding[] {
  const out: DriftFinding[] = [];
  for (const table of tables) {
    for (const column of table.columns) {
      const base = {
        dataset: table.dataset,
        collection: table.collection,
        field: column.field,
        declared: column.declared,
      };
      const p = column.proposal;
      const found = column.personal && p && p.appiClass !== 'none' ? p : undefined;
      const at = where(table, column);
      if (found?.dataCategory) {
        const cat = found.dataCategory;
        if (column.declared.length === 0) {
          const grave = found.appiClass === 'my-number' || found.appiClass === 'sensitive';
          out.push({
            ...base,
            code: 'undeclared-personal-data',
            severity: grave ? 'error' : 'warning',
            found: cat,
            message: column.inDataset
              ? {
                  ja: `${at} に ${cat} が含まれていますが、データセットにカテゴリが宣言されていません(信頼度 ${found.confidence})。`,
                  en: `${at} holds ${cat} but the dataset declares no category for it (confidence ${found.confidence}).`,
                }
              : {
                  ja: `${at} に ${cat} が含まれていますが、この列はデータセットにありません(信頼度 ${found.confidence})。`,
                  en: `${at} holds ${cat} but the column is not in the dataset (confidence ${found.confidence}).`,
                },
          });
        } else if (!column.declared.some((d) => compatibleCategories(ctx.taxonomy, d, cat))) {
          out.push({
            ...base,
            code: 'category-contradicted',
            severity: 'warning',
            found: cat,
            message: {
              ja: `${at} は ${column.declared.join(', ')} と宣言されていますが、内容は ${cat} です(信頼度 ${found.confidence})。`,
              en: `${at} is declared ${column.declared.join(', ')} but its content is ${cat} (confidence ${found.confidence}).`,
            },
          });
        }
        if (found.appiClass === 'my-number' && !ctx.myNumberAllowed?.has(table.dataset)) {
          out.push({
            ...base,
            code: 'my-number-without-legal-use',
            severity: ctx.myNumberAllowed ? 'error' : 'warning',
            found: cat,
            message: ctx.myNumberAllowed
              ? {
                  ja: `${at} に個人番号が保存されていますが、このデータセットで番号法第9条の事務(社会保障・税・災害対策)に個人番号を使う利用目的が台帳にありません。`,
                  en: `${at} stores Individual Numbers but no purpose in the register uses them in this dataset for a My Number Act Art. 9 use (social security, tax, disaster response).`,
                }
              : {
                  ja: `${at} に個人番号が保存されています。台帳なしでスキャンしたため、番号法第9条の利用目的を確認できません。`,
                  en: `${at} stores Individual Numbers; the scan ran without a register, so no My Number Act Art. 9 purpose can be shown.`,
                },
          });
        }
        continue;
      }
      const detectable = column.declared.filter((d) => DETECTABLE.some((k) => ctx.taxonomy.isWithin(d, k)));
      if (detectable.length > 0 && column.nonEmpty >= MIN_VALUES_FOR_ABSENCE) {
        out.push({
          ...base,
          code: 'declared-not-found',
          severity: 'info',
          found: null,
          message: {
            ja: `${at} は ${detectable.join(', ')} と宣言されていますが、${column.nonEmpty} 件の標本値に見つかりませんでした。`,
            en: `${at} is declared ${detectable.join(', ')} but none of ${column.nonEmpty} sampled values showed it.`,
          },
        });
      }
    }
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}
