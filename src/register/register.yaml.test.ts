import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../datasets/yaml.source.js';
import { registerArb } from './register.test-helpers.js';
import { MANIFEST_FILE, registerFromYamlFiles, registerToYamlFiles } from './register.yaml.js';

function errorOf(fn: () => unknown): SourceFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SourceFormatError) return error;
    throw error;
  }
  throw new Error('expected a SourceFormatError');
}

describe('register YAML round trip', () => {
  it('import(export(x)) equals x for any register', () => {
    fc.assert(
      fc.property(registerArb, (register) => {
        expect(registerFromYamlFiles(registerToYamlFiles(register))).toEqual(register);
      }),
      { numRuns: 150 },
    );
  });

  it('export is stable: exporting the imported register writes the same files', () => {
    fc.assert(
      fc.property(registerArb, (register) => {
        const files = registerToYamlFiles(register);
        expect(registerToYamlFiles(registerFromYamlFiles(files))).toEqual(files);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps dataset order through the manifest', () => {
    fc.assert(
      fc.property(registerArb, (register) => {
        const back = registerFromYamlFiles(registerToYamlFiles(register));
        expect(back.datasets.map((d) => d.fides_key)).toEqual(register.datasets.map((d) => d.fides_key));
      }),
      { numRuns: 30 },
    );
  });

  it('reads a register given as one file holding every section, plus a Fides dataset file', () => {
    const [sample] = fc.sample(registerArb, { numRuns: 1, seed: 7 });
    if (!sample) throw new Error('no sample');
    const register = { ...sample, datasets: sample.datasets.slice(0, 1) };
    const files = registerToYamlFiles(register);
    const merged = new Map<string, string>();
    const sections = [...files].filter(([name]) => !name.startsWith('datasets/') && name !== MANIFEST_FILE);
    merged.set('register.yaml', sections.map(([, text]) => text).join('\n'));
    for (const [name, text] of files) if (name.startsWith('datasets/')) merged.set(name, text);
    expect(registerFromYamlFiles(merged)).toEqual(register);
  });
});

describe('register YAML errors', () => {
  const [base] = fc.sample(registerArb, { numRuns: 1, seed: 11 });
  if (!base) throw new Error('no sample');

  it('names the file, line and path of a bad value', () => {
    const files = registerToYamlFiles({
      ...base,
      purposes: [
        {
          key: 'p1',
          description: { ja: '目的' },
          subjectTypes: [],
          items: [],
          holding: 'held',
          bases: { appi: 'published-purpose' },
        },
      ],
    });
    const text = (files.get('purposes.yaml') ?? '').replace('holding: held', 'holding: owned');
    files.set('purposes.yaml', text);
    const error = errorOf(() => registerFromYamlFiles(files));
    const issue = error.issues[0];
    expect(issue?.file).toBe('purposes.yaml');
    expect(issue?.path).toBe('purposes[0].holding');
    const expectedLine = text.split('\n').findIndex((l) => l.includes('holding: owned')) + 1;
    expect(issue?.line).toBe(expectedLine);
    expect(error.message).toContain(`purposes.yaml:${expectedLine}`);
  });

  it('points at an unknown key itself', () => {
    const files = registerToYamlFiles(base);
    files.set('rights.yaml', `${files.get('rights.yaml')}  colour: blue\n`);
    const error = errorOf(() => registerFromYamlFiles(files));
    expect(error.issues.map((i) => i.path)).toContain('rights.colour');
  });

  it('reports YAML syntax errors with their line', () => {
    const files = registerToYamlFiles(base);
    files.set('safeguards.yaml', 'safeguards:\n  - key: a\n   kind: [unclosed\n');
    const error = errorOf(() => registerFromYamlFiles(files));
    expect(error.issues[0]?.file).toBe('safeguards.yaml');
    expect(error.issues[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects a section defined twice and an unknown section', () => {
    const files = registerToYamlFiles(base);
    files.set('extra.yaml', 'statements: []\nwhatever: 1\n');
    const messages = errorOf(() => registerFromYamlFiles(files)).issues.map((i) => i.message);
    expect(messages.some((m) => m.includes('section "statements" is already defined'))).toBe(true);
    expect(messages).toContain('unknown register section "whatever"');
  });

  it('reports a missing section by name', () => {
    const files = registerToYamlFiles(base);
    files.delete('rights.yaml');
    const error = errorOf(() => registerFromYamlFiles(files));
    expect(error.issues.map((i) => i.message)).toContain('section "rights" is missing');
  });

  it('locates dataset problems in the dataset file', () => {
    const files = registerToYamlFiles({ ...base, datasets: [] });
    files.set(
      'datasets/app.yaml',
      [
        'dataset:',
        '  - fides_key: app',
        '    collections:',
        '      - name: users',
        '        fields:',
        '          - name: 7',
        '',
      ].join('\n'),
    );
    const error = errorOf(() => registerFromYamlFiles(files));
    expect(error.issues[0]).toMatchObject({
      file: 'datasets/app.yaml',
      line: 6,
      path: 'dataset[0].collections[0].fields[0].name',
    });
  });
});
