import { describe, expect, it } from 'vitest';
import { addInsteadOfCopy } from '../../../src/lib/rules/add-instead-of-copy.ts';
import { applyFix, check, lines } from './fixtures.ts';

describe('rule/add-instead-of-copy', () => {
  it('flags ADD of plain files and folders, and fixes it to COPY', () => {
    const text = 'FROM alpine:3.22\nADD src/ config.yml /app/\n';
    const [finding] = check(addInsteadOfCopy, text);
    expect(finding?.message).toBe('Use COPY instead of ADD for files and folders');
    const fix = finding?.fixes?.[0];
    expect(fix && applyFix(text, fix)).toBe('FROM alpine:3.22\nCOPY src/ config.yml /app/\n');
  });

  it.each([
    'FROM alpine:3.22\nADD https://example.com/tool.tar.gz /opt/\n',
    'FROM alpine:3.22\nADD rootfs.tar.xz /\n',
    'FROM alpine:3.22\nADD git@github.com:acme/app.git /src\n',
    'FROM alpine:3.22\nADD <<EOF /etc/motd\nhello\nEOF\n',
  ])('leaves ADD that fetches or unpacks: %j', (text) => {
    expect(lines(check(addInsteadOfCopy, text))).toEqual([]);
  });
});
