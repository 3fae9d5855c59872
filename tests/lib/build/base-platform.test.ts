/**
 * The platform a FROM resolves for, on the committed catalog and tag histories: a tag published
 * only for other platforms fails as BuildKit fails, a platform the index has builds on the
 * linux/amd64 files as a stand-in (the warning for a single-platform image:
 * tests/lib/rules/invalid-base-image-platform.test.ts). Message: BuildKit's (tool-errors.ts), as
 * real builds printed it (docker-library/python#987, xmidt-org/tr1d1um#618).
 */
import { describe, expect, it } from 'vitest';
import { gapsOf } from '../../../src/lib/certainty.ts';
import { buildOnCommitted } from '../images/catalog-fixture.ts';

describe('FROM on a platform', () => {
  it('fails as BuildKit does for a tag published for Windows only', async () => {
    const result = await buildOnCommitted('FROM python:3.14-windowsservercore\nRUN echo\n');
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('build/no-platform-match');
    expect(result.error?.message).toBe(
      'python:3.14-windowsservercore: failed to resolve source metadata for docker.io/library/python:3.14-windowsservercore: no match for platform in manifest: not found',
    );
  });

  it('fails for a --platform the index lacks (bookworm images are not built for s390x)', async () => {
    const result = await buildOnCommitted('FROM --platform=linux/s390x python:3.12-slim-bookworm\n');
    expect(result.error?.code).toBe('build/no-platform-match');
    // the trixie variant of the same version is built for s390x
    const trixie = await buildOnCommitted('FROM --platform=linux/s390x python:3.12-slim-trixie\n');
    expect(trixie.ok).toBe(true);
  });

  it('builds another platform of an index on the linux/amd64 files, saying so', async () => {
    const result = await buildOnCommitted('FROM --platform=linux/arm64 python:3.12-slim\nRUN echo hi\n');
    expect(result.ok).toBe(true);
    const base = result.stages[0]?.base;
    expect(base?.kind === 'image' && base.platformMismatch).toBeFalsy();
    const texts = gapsOf(result.stages[0]?.certainty ?? { level: 'known' }).map((gap) => gap.text);
    expect(texts).toContain(
      'python:3.12-slim for linux/arm64: the catalog holds the linux/amd64 image, whose files and sizes stand in.',
    );
  });

  it('builds for linux/amd64 by default without a platform note', async () => {
    const result = await buildOnCommitted('FROM python:3.12-slim\n');
    const texts = gapsOf(result.stages[0]?.certainty ?? { level: 'known' }).map((gap) => gap.text);
    expect(texts.some((text) => text.includes('linux/amd64 image'))).toBe(false);
  });
});
