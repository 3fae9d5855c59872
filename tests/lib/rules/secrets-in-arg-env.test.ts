import { describe, expect, it } from 'vitest';
import { looksSecret, secretsInArgEnv } from '../../../src/lib/rules/secrets-in-arg-env.ts';
import { briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/secrets-in-arg-env', () => {
  it('reports the ARG GITHUB_TOKEN of its Bad example, not the secret mount of its Good one', () => {
    const found = check(secretsInArgEnv, secretsInArgEnv.bad);
    expect(lines(found)).toEqual([2]);
    expect(found[0]?.message).toBe(
      'Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")',
    );
    expect(check(secretsInArgEnv, secretsInArgEnv.good)).toEqual([]);
  });

  it.each([
    ['ARG API_KEY=abc\nFROM alpine:3.22\n', ['API_KEY']],
    ['FROM alpine:3.22\nENV DB_PASSWORD=hunter2 MODE=prod\n', ['DB_PASSWORD']],
    ['FROM alpine:3.22\nENV aws_secret_access_key wJalr\n', ['aws_secret_access_key']],
    ['FROM alpine:3.22\nARG AUTH\n', ['AUTH']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(secretsInArgEnv, text))).toEqual(words);
  });

  it.each(['FROM alpine:3.22\nENV GPG_KEY_FILE=/k PUBLIC_KEY=x\n', 'FROM alpine:3.22\nARG TOKENIZER=bert\n'])(
    'does not catch %j',
    (text) => {
      expect(check(secretsInArgEnv, text)).toEqual([]);
    },
  );

  it('matches names as BuildKit does: a secret word as the whole name or its first or last part', () => {
    expect(
      ['apikey', 'GITHUB_TOKEN', 'secret_MESSAGE', 'credentials', 'SSH_PASSWD'].filter(looksSecret),
    ).toHaveLength(5);
    expect(['PASSWORDS', 'MY_KEYS', 'PUBLIC_KEY', 'KEY_FILE', 'NODE_VERSION'].filter(looksSecret)).toEqual(
      [],
    );
  });

  it('finds nothing in the brief, where ENV sets only PATH', async () => {
    expect(await briefFindings(secretsInArgEnv)).toEqual(NONE_IN_BRIEF);
  });
});
