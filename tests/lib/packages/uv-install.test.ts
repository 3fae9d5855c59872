/** The installed-to-wheel ratio uv's estimates use, recomputed from pip's data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeLayer } from '../../../src/lib/images/format.ts';
import type { PipIndex } from '../../../src/lib/packages/format.ts';
import { INSTALLED_PER_WHEEL_BYTE, withoutBytecode } from '../../../src/lib/packages/uv-install.ts';
import { PACKAGES_DIR } from './packages-fixture.ts';

it('is the median of installed (no .pyc) over wheel bytes, over the wheels whose size is real', () => {
  const index = JSON.parse(readFileSync(join(PACKAGES_DIR, 'pip/index.json'), 'utf8')) as PipIndex;
  const ratios: number[] = [];
  for (const release of index.releases)
    for (const wheel of release.wheels) {
      if (wheel.size.provenance !== 'real') continue;
      const entries = decodeLayer(readFileSync(join(PACKAGES_DIR, wheel.files), 'utf8')).entries;
      const bytes = withoutBytecode(entries).reduce((sum, e) => sum + (e.kind === 'file' ? e.size : 0), 0);
      ratios.push(bytes / wheel.size.value);
    }
  ratios.sort((a, b) => a - b);
  const middle = ratios.length / 2;
  const median =
    ratios.length % 2
      ? (ratios[Math.floor(middle)] as number)
      : ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2;
  expect(ratios.length).toBeGreaterThan(30);
  expect(INSTALLED_PER_WHEEL_BYTE).toBeCloseTo(median, 2);
});
