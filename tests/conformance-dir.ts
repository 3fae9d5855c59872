/** Where BuildKit's conformance corpora live: `../shared/conformance` beside the checkout, or $CONFORMANCE_DIR. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CONFORMANCE_DIR =
  process.env.CONFORMANCE_DIR ?? resolve(import.meta.dirname, '../../shared/conformance');

export const HAS_CONFORMANCE = existsSync(CONFORMANCE_DIR);

if (!HAS_CONFORMANCE) {
  console.warn(
    `BuildKit conformance corpora not found at ${CONFORMANCE_DIR}: the conformance suites are SKIPPED.`,
  );
}
