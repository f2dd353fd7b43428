import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { formatScanTable } from './db-scan.cli.js';
import { registerDiscoveryCommands } from './discovery.cli.js';

describe('mamori scan db (command line)', () => {
  it('is registered beside scan text with its options', () => {
    const program = new Command();
    registerDiscoveryCommands(program);
    const scan = program.commands.find((c) => c.name() === 'scan');
    expect(scan?.commands.map((c) => c.name()).sort()).toEqual(['db', 'text']);
    const db = scan?.commands.find((c) => c.name() === 'db');
    expect(db?.options.map((o) => o.long)).toEqual([
      '--dataset',
      '--connections',
      '--register',
      '--sample',
      '--format',
      '--suggest',
    ]);
  });

  it('prints where personal data is and what drifted, never a value', () => {
    const text = formatScanTable({
      sample: 10,
      tables: [
        {
          dataset: 'shop',
          collection: 'customers',
          method: 'random-order',
          estimatedRows: 10,
          rowsRead: 10,
          error: null,
          columns: [
            {
              field: 'mail',
              inDataset: false,
              declared: [],
              nonEmpty: 10,
              personal: true,
              proposal: {
                type: 'EMAIL',
                dataCategory: 'user.contact.email',
                appiClass: 'personal',
                confidence: 0.9,
                contentShare: 1,
                nameHint: false,
                evidence: '100% of 10 sampled values',
              },
            },
            { field: 'qty', inDataset: true, declared: [], nonEmpty: 10, personal: false, proposal: null },
          ],
        },
      ],
      drift: [],
    });
    expect(text).toContain(
      'shop.customers.mail (not in dataset)  -         user.contact.email  personal  0.90',
    );
    expect(text).toMatch(/shop\.customers\.qty +- +- +- +- +10/);
    expect(text).toContain('No drift against the register.');
  });
});
