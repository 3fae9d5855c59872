import { describe, expect, it } from 'vitest';
import type { CaseCommand, SimpleCommand } from '../../../src/lib/shell/ast.ts';
import { parseScript, ShellSyntaxError } from '../../../src/lib/shell/parse.ts';

const first = (source: string) => parseScript(source)[0]?.first.commands[0] as SimpleCommand;

describe('parseScript', () => {
  it('splits lists, and-or chains and pipelines', () => {
    const script = parseScript('apt-get update && apt-get install -y curl || echo failed; ls | wc -l &');
    expect(script).toHaveLength(2);
    expect(script[0]?.rest.map((part) => part.op)).toEqual(['&&', '||']);
    expect(script[1]?.first.commands).toHaveLength(2);
    expect(script[1]?.background).toBe(true);
  });

  it('keeps quoting apart from expansion, for the interpreter to expand later', () => {
    const command = first(`echo '$HOME' "$HOME" \\$HOME $(id -u) \`whoami\` \${A:-b}`);
    expect(
      command.words.slice(1).map((word) => word.parts.map((part) => `${part.kind}:${part.quoted}`).join(',')),
    ).toEqual([
      'literal:true',
      'parameter:true,literal:true',
      'literal:true,literal:false',
      'command:false',
      'command:false',
      'parameter:false',
    ]);
  });

  it('reads assignments, redirections with descriptors, and here-documents', () => {
    const script = parseScript(
      'A=1 B="two words" env >out.log 2>&1\ncat <<-EOF > /etc/motd\n\thello $USER\n\tEOF\necho done',
    );
    const env = script[0]?.first.commands[0] as SimpleCommand;
    expect(env.assignments.map((a) => a.name)).toEqual(['A', 'B']);
    expect(env.redirects.map((r) => [r.fd, r.op])).toEqual([
      [1, '>'],
      [2, '>&'],
    ]);
    const cat = script[1]?.first.commands[0] as SimpleCommand;
    expect(cat.redirects[0]?.heredoc).toEqual({ body: 'hello $USER\n', expand: true });
    expect(script).toHaveLength(3);
  });

  it('parses if, for, while, until, case and functions; a redirected loop is a group with the redirection', () => {
    expect(
      parseScript('if [ -f x ]; then echo y; elif true; then :; else echo n; fi')[0]?.first.commands[0],
    ).toMatchObject({ kind: 'if' });
    expect(parseScript('for f in a b c; do echo $f; done')[0]?.first.commands[0]).toMatchObject({
      kind: 'for',
      variable: 'f',
    });
    expect(parseScript('while read l; do echo $l; done < f')[0]?.first.commands[0]).toMatchObject({
      kind: 'group',
      redirects: [{ op: '<', fd: 0 }],
      body: [{ first: { commands: [{ kind: 'while', until: false }] } }],
    });
    expect(parseScript('until false; do :; done')[0]?.first.commands[0]).toMatchObject({
      kind: 'while',
      until: true,
    });
    const kase = parseScript('case $x in\n  a|b) echo ab;;\n  (*.py) echo py\nesac')[0]?.first.commands[0];
    expect(kase).toMatchObject({ kind: 'case' });
    expect((kase as CaseCommand).items.map((i) => i.patterns.map((p) => p.text))).toEqual([
      ['a', 'b'],
      ['*.py'],
    ]);
    expect(parseScript('f() { echo $1; }')[0]?.first.commands[0]).toMatchObject({
      kind: 'function',
      name: 'f',
    });
    expect(parseScript('function g { :; }')[0]?.first.commands[0]).toMatchObject({
      kind: 'function',
      name: 'g',
    });
    expect(() => parseScript('case x in a) echo')).toThrow(ShellSyntaxError);
  });

  it('reads <(…) as a word under bash and ash; dash stops at the "(" in its own words', () => {
    const cat = parseScript('cat <(echo hi)', { flavour: 'bash' })[0]?.first.commands[0] as SimpleCommand;
    expect(cat.words[1]?.parts).toEqual([
      { kind: 'process', script: 'echo hi', direction: '<', quoted: false },
    ]);
    expect(() => parseScript('cat <(echo hi)', { flavour: 'dash' })).toThrow('Syntax error: "(" unexpected');
    expect(() => parseScript('cat <(echo hi)', { flavour: 'ash' })).not.toThrow();
  });

  it('joins backslash-newline continuations and skips comments', () => {
    expect(first('apt-get install \\\n  -y curl # comment').words.map((word) => word.text)).toEqual([
      'apt-get',
      'install',
      '-y',
      'curl',
    ]);
  });

  it('reports syntax errors as the shell would', () => {
    expect(() => parseScript('echo "unterminated')).toThrow(ShellSyntaxError);
    expect(() => parseScript('&& echo')).toThrow(/unexpected token/);
    expect(() => parseScript('if true; then echo')).toThrow(ShellSyntaxError);
    expect(() => parseScript('cat <<EOF\nno end')).toThrow(/here-document/);
  });
});
