/**
 * Where a request's data work happens, decided from the register (pure). A system is run by the engine
 * when it has datasets and a stored connection for each; otherwise a handler does it by hand. Data a
 * system holds only for purposes entrusted by a customer is not held personal data (APPI Art. 16(4),
 * Art. 27(5)(i)): the customer is the controller, so the request is passed to them, not answered.
 */
import type { FidesDataset, FidesField } from '../datasets/dataset.schema.js';
import type { Register } from '../register/register.schema.js';

export interface ExecutionPlan {
  /** Systems the engine runs, and the datasets of all of them (one graph: datasets reference each other). */
  engine: { systems: string[]; datasets: FidesDataset[] };
  manual: string[];
  controller: string[];
}

export function planExecution(
  register: Pick<Register, 'systems' | 'purposes' | 'datasets'>,
  connectionKeys: ReadonlySet<string>,
): ExecutionPlan {
  const plan: ExecutionPlan = { engine: { systems: [], datasets: [] }, manual: [], controller: [] };
  const byKey = new Map(register.datasets.map((d) => [d.fides_key, d]));
  for (const system of register.systems) {
    const purposes = register.purposes.filter((p) => p.items.some((i) => system.items.includes(i)));
    if (purposes.length > 0 && purposes.every((p) => p.holding === 'entrusted')) {
      plan.controller.push(system.key);
      continue;
    }
    const datasets = system.datasets.map((k) => byKey.get(k));
    const runnable =
      datasets.length > 0 &&
      datasets.every((d): d is FidesDataset => d !== undefined && connectionKeys.has(d.fides_key));
    if (!runnable) {
      plan.manual.push(system.key);
      continue;
    }
    plan.engine.systems.push(system.key);
    for (const d of datasets as FidesDataset[])
      if (!plan.engine.datasets.some((x) => x.fides_key === d.fides_key)) plan.engine.datasets.push(d);
  }
  return plan;
}

/** Identity types the datasets declare (`fides_meta.identity`), so the engine is only given what it can use. */
export function identityTypes(datasets: readonly FidesDataset[]): Set<string> {
  const out = new Set<string>();
  const walk = (fields: readonly FidesField[] | null | undefined) => {
    for (const f of fields ?? []) {
      if (f.fides_meta?.identity) out.add(f.fides_meta.identity);
      walk(f.fields);
    }
  };
  for (const d of datasets) for (const c of d.collections) walk(c.fields);
  return out;
}
