import { describe, expect, it } from 'vitest';
import { commentCheckOptions, parseCheckOptions } from '../../../src/lib/rules/check-options.ts';
import { lintText } from '../../../src/lib/rules/index.ts';

describe('the # check= options', () => {
  it('reads skip lists, all, error and experimental as BuildKit does', () => {
    const options = parseCheckOptions(' skip = A, B ; error=1;experimental=all');
    expect(options).toMatchObject({ skipAll: false, error: true, experimentalAll: true });
    expect('skip' in options && [...options.skip]).toEqual(['A', 'B']);
    expect(parseCheckOptions('skip=all')).toMatchObject({ skipAll: true });
  });

  it('gives BuildKit’s messages for what it rejects', () => {
    expect(parseCheckOptions('skip')).toEqual({ invalid: 'invalid check option "skip"' });
    expect(parseCheckOptions('warn=all')).toEqual({ invalid: 'invalid check option "warn"' });
    expect(parseCheckOptions('error=yes')).toEqual({
      invalid: 'failed to parse check option "error=yes": strconv.ParseBool: parsing "yes": invalid syntax',
    });
  });

  it('takes the first check comment above an instruction, ignoring what follows a space', () => {
    expect(commentCheckOptions(['a remark', 'check=skip=all // why'])).toMatchObject({ skipAll: true });
    expect(commentCheckOptions(['nothing here'])).toBeUndefined();
  });

  it('applies to lint: skip by BuildKit name or by our code, per file or per instruction', () => {
    const text = 'FROM alpine:3.21 as base\nWORKDIR app\nRUN adduser -D -u 10001 app\nUSER 10001\n';
    const codes = (source: string) => lintText(source).map((d) => d.code);
    expect(codes(text)).toEqual(['rule/from-as-casing', 'rule/workdir-relative-path']);
    expect(codes(`# check=skip=FromAsCasing\n${text}`)).toEqual(['rule/workdir-relative-path']);
    expect(codes(`# check=skip=rule/workdir-relative-path\n${text}`)).toEqual(['rule/from-as-casing']);
    expect(codes(text.replace('WORKDIR', '# check=skip=all\nWORKDIR'))).toEqual(['rule/from-as-casing']);
  });
});
