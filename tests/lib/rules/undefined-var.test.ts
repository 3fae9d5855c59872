import { describe, expect, it } from 'vitest';
import { imageConfigLookup } from '../../../src/lib/images/catalog.ts';
import { undefinedVar } from '../../../src/lib/rules/undefined-var.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';
import { check, lines, ruleInput } from './fixtures.ts';

describe('rule/undefined-var', () => {
  it('flags a variable used before its ARG, with a suggestion for a near name', () => {
    const text = 'FROM scratch\nARG APP_DIR=/app\nCOPY app $APP_DIRS/\nCOPY $LATER /\nARG LATER=x\n';
    const found = check(undefinedVar, text);
    expect(lines(found)).toEqual([3, 4]);
    expect(found[0]?.message).toBe("Usage of undefined variable '$APP_DIRS' (did you mean $APP_DIR?)");
    expect(found[1]?.message).toBe("Usage of undefined variable '$LATER'");
  });

  it('knows ARGs and ENVs of the stages a stage is built FROM, and leaves RUN to the shell', () => {
    const text =
      'FROM scratch AS base\nARG SRC=a\nENV DEST=/b\nFROM base\nCOPY $SRC $DEST\nRUN echo $NOWHERE\n';
    expect(check(undefinedVar, text)).toEqual([]);
  });

  it('reads the base image environment from the catalog, and says nothing without it', async () => {
    const text = 'FROM python:3.9-slim\nENV PATH=/app/bin:$PATH PYTHONPATH=$PYTHON_VERSIN\n';
    expect(check(undefinedVar, text)).toEqual([]);
    const imageConfig = imageConfigLookup(await committedCatalog());
    const found = undefinedVar.check({ ...ruleInput(text), imageConfig });
    expect(found.map((d) => d.message)).toEqual([
      "Usage of undefined variable '$PYTHON_VERSIN' (did you mean $PYTHON_VERSION?)",
    ]);
  });
});
