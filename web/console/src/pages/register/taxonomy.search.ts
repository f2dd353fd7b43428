export interface TaxonomyEntry {
  key: string;
  parent: string | null;
  name: { ja: string; en: string };
  source: 'fideslang' | 'mamori' | 'custom';
  appiClass: 'personal' | 'sensitive' | 'my-number' | 'related';
  replacedBy: string | null;
}

/** Matches every word of the query against the key and both names; deprecated keys sort last. */
export function searchTaxonomy(entries: readonly TaxonomyEntry[], query: string): TaxonomyEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = entries.filter((e) => {
    const hay = `${e.key} ${e.name.ja} ${e.name.en}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  return hits.sort((a, b) => Number(a.replacedBy !== null) - Number(b.replacedBy !== null));
}
