/**
 * The platform a stage's base image comes in: the build asks for its FROM's `--platform` (or the
 * target, linux/amd64), and the tag's recorded platforms say what it gets (images/platform-match).
 * The catalog's files are linux/amd64's, so any other platform builds on them as a stand-in.
 */
import { type Certainty, estimated, KNOWN } from '../certainty.ts';
import { formatPlatform, matchPlatform, normalizePlatform } from '../images/platform-match.ts';
import { parseReference, registryName } from '../images/reference.ts';
import type { RecordedPlatforms } from '../images/tag-facts.ts';
import { absence, buildkitNoPlatformMatch } from '../tool-errors.ts';

export type BasePlatform =
  | { readonly ok: false; readonly message: string }
  | {
      readonly ok: true;
      readonly certainty: Certainty;
      /** The image's platform when BuildKit's InvalidBaseImagePlatform check would warn. */
      readonly mismatch?: { readonly expected: string; readonly actual: string };
    };

const CATALOG_PLATFORM = 'linux/amd64';

export function basePlatform(
  reference: string,
  wanted: string,
  offered: RecordedPlatforms | undefined,
): BasePlatform {
  const expected = formatPlatform(normalizePlatform(wanted));
  if (!offered) {
    if (expected === CATALOG_PLATFORM) return { ok: true, certainty: KNOWN };
    const text = `${reference}: which platforms it is published for is not recorded; the ${CATALOG_PLATFORM} image's files and sizes stand in for ${expected}.`;
    return { ok: true, certainty: estimated('stand-in', text) };
  }
  const match = matchPlatform(wanted, offered);
  if (!match.ok) {
    const parsed = parseReference(reference);
    const evidence = absence(`the platforms ${offered.source} lists for this tag (as of ${offered.asOf})`);
    const name = parsed ? registryName(parsed) : reference;
    return { ok: false, message: buildkitNoPlatformMatch(reference, name, evidence) };
  }
  const actual = formatPlatform(match.platform);
  const certainty =
    actual === CATALOG_PLATFORM
      ? KNOWN
      : estimated(
          'stand-in',
          `${reference} for ${actual}: the catalog holds the ${CATALOG_PLATFORM} image, whose files and sizes stand in.`,
        );
  return match.exact ? { ok: true, certainty } : { ok: true, certainty, mismatch: { expected, actual } };
}
