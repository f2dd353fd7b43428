import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, readExampleFiles } from '../register/examples.test-helpers.js';
import { registerFromYamlFiles } from '../register/register.yaml.js';
import { buildNotice } from './notice.build.js';
import { noticeToPdf } from './notice.pdf.js';

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-pdf-'));
  try {
    await fs.writeFile(path.join(dir, 'n.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** pdftotext breaks lines where the PDF wraps them; compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe('notice PDF', () => {
  for (const example of EXAMPLES) {
    it(`${example}: Japanese and English text comes back out of the PDF`, async () => {
      const register = registerFromYamlFiles(readExampleFiles(example));
      const ja = squash(await pdfText(await noticeToPdf(buildNotice(register, 'ja'))));
      expect(ja).toContain(squash(register.organisation.name.ja));
      expect(ja).toContain('利用目的');
      for (const purpose of register.purposes.slice(0, 3)) {
        expect(ja).toContain(squash(purpose.description.ja).slice(0, 15));
      }
      const fee = register.rights.fees[0];
      if (fee) expect(ja).toContain(fee.amount.toLocaleString('ja-JP'));
      const en = squash(await pdfText(await noticeToPdf(buildNotice(register, 'en'))));
      expect(en).toContain(squash(register.organisation.name.en ?? register.organisation.name.ja));
    });
  }
});
