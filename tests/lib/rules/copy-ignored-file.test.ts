import { describe, expect, it } from 'vitest';
import { copyIgnoredFile } from '../../../src/lib/rules/copy-ignored-file.ts';
import { marked, ruleInput } from './fixtures.ts';

function found(text: string, dockerignore: string) {
  return copyIgnoredFile.check({ ...ruleInput(text), dockerignore });
}

describe('rule/copy-ignored-file', () => {
  it('flags COPY and ADD of an excluded file or a file in an excluded folder', () => {
    const text = 'FROM scratch\nCOPY .env node_modules/x/index.js /app/\nADD ./src/main.go /src/\n';
    const diagnostics = found(text, '.env\nnode_modules\n');
    expect(marked(text, diagnostics)).toEqual(['.env', 'node_modules/x/index.js']);
    expect(diagnostics[0]?.message).toBe('Attempting to Copy file ".env" that is excluded by .dockerignore');
  });

  it('leaves COPY --from, URLs and re-including ignore files alone', () => {
    expect(found('FROM scratch\nCOPY --from=build /.env /\n', '.env\n')).toEqual([]);
    expect(found('FROM scratch\nADD https://example.com/a.env /\n', '*.env\n')).toEqual([]);
    expect(found('FROM scratch\nCOPY a.env /\n', '*.env\n!b.env\n')).toEqual([]);
  });

  it('flags COPY . only when the patterns exclude everything', () => {
    expect(found('FROM scratch\nCOPY . /app\n', '.git\n')).toEqual([]);
    expect(found('FROM scratch\nCOPY . /app\n', '**\n').map((d) => d.message)).toEqual([
      'Attempting to Copy file "." that is excluded by .dockerignore',
    ]);
  });
});
