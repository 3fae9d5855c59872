/**
 * Loops, case, functions, substitutions and the file tools as real Debian runs them. Each file
 * expectation is what the recorded oracle case of the same name did (tests/oracle/cases/sh-*:
 * sizes, modes and owners there; the texts follow from them). The messages of a failing step are
 * from `docker run debian:12 sh -c …` on the oracle's engine (2026-12-07); the simulator's own
 * limits say that they are its limits.
 */
import { describe, expect, it } from 'vitest';
import { SHELL_LIMITS } from '../../../src/lib/shell/interpreter.ts';
import { build, node, sh, text } from './shell-fixture.ts';

const debian = (...lines: string[]) => `FROM debian:bookworm\n${lines.join('\n')}\n`;

describe('loops, case and functions', () => {
  it('case picks the first matching pattern, | separates alternatives (sh-case)', async () => {
    const result = await build(
      debian(
        'RUN for f in a.py b.txt c; do case $f in *.py) echo py > /$f;; *.txt|*.md) echo text > /$f;; *) echo other > /$f;; esac; done',
      ),
    );
    expect([text(result, '/a.py'), text(result, '/b.txt'), text(result, '/c')]).toEqual([
      'py\n',
      'text\n',
      'other\n',
    ]);
  });

  it('case patterns: quoted text is literal, [..] classes, a bracket sh cannot use matches nothing', async () => {
    const out = await sh(
      'for w in a.py "*.py" b x/y; do case $w in "*.py") echo star;; *.py) echo py;; [a-c]) echo abc;; [z-a]) echo bad;; */*) echo slash;; esac; done',
      { image: 'debian:bookworm' },
    );
    expect(out.stdout).toBe('py\nstar\nabc\nslash\n');
  });

  it('while read takes one line a turn from a redirected file and splits it into fields (sh-while-read)', async () => {
    const result = await build(
      debian("RUN printf 'x 1\\ny 2\\n' > /in && while read name n; do echo $n > /w-$name; done < /in"),
    );
    expect([text(result, '/w-x'), text(result, '/w-y')]).toEqual(['1\n', '2\n']);
  });

  it('while and until run while their condition holds (sh-while-counter)', async () => {
    const result = await build(
      debian(
        'RUN i=0; while [ $i -lt 3 ]; do i=$((i+1)); touch /c$i; done; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i > /i',
      ),
    );
    expect(['/c1', '/c2', '/c3'].map((path) => node(result, path)?.kind)).toEqual(['file', 'file', 'file']);
    expect(node(result, '/c4')).toBeUndefined();
    expect(text(result, '/i')).toBe('0\n');
  });

  it('break and continue leave and restart the loop (sh-break-continue)', async () => {
    const result = await build(
      debian('RUN for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; touch /b$i; done'),
    );
    expect(['/b1', '/b2', '/b3', '/b4'].map((path) => node(result, path) !== undefined)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('a function gets $1, $#, "$@" as separate words, and return sets $? (sh-function)', async () => {
    const result = await build(
      debian(
        'RUN f() { echo "$2-$1 $#" > /f-$1; return 3; }; f a b; echo $? > /status; h() { for a in "$@"; do echo "[$a]"; done; }; h "x y" z > /h',
      ),
    );
    expect(text(result, '/f-a')).toBe('b-a 2\n');
    expect(text(result, '/status')).toBe('3\n');
    expect(text(result, '/h')).toBe('[x y]\n[z]\n');
  });

  it('endless recursion stops where dash stops it, in its words (sh-function-recursion)', async () => {
    const out = await sh('g() { g; }; g', { image: 'debian:bookworm' });
    expect(out.status).toBe(2);
    expect(out.stderr).toBe('sh: 1: Maximum function recursion depth (1000) reached\n');
    const result = await build(debian('RUN g() { g; }; g'));
    expect(result.error?.message).toBe('/bin/sh: 1: Maximum function recursion depth (1000) reached');
  });

  it('a loop its inputs do not end stops at the simulator’s limit, and says so', async () => {
    const out = await sh('while true; do :; done', { image: 'debian:bookworm' });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`a loop ran ${SHELL_LIMITS.loop.toLocaleString('en')} times`);
    expect(out.stderr).toContain("the simulator's limit");
  });

  it('command substitution feeds words and loops (sh-command-substitution)', async () => {
    const result = await build(
      debian('RUN echo "$(echo inner | tr a-z A-Z)" > /s && for x in $(echo p q); do touch /$x; done'),
    );
    expect(text(result, '/s')).toBe('INNER\n');
    expect([node(result, '/p')?.kind, node(result, '/q')?.kind]).toEqual(['file', 'file']);
  });
});

describe('script files', () => {
  it('sh and bash run a file with $0 and its arguments, and name its line in errors', async () => {
    const out = await sh(
      "printf 'echo $0 $1 $#\\nnosuch\\n' > /s.sh; sh /s.sh a b; bash /s.sh c; sh -c 'set -- x y; echo $2 $#'",
      {
        image: 'debian:bookworm',
      },
    );
    expect(out.stdout).toBe('/s.sh a 2\n/s.sh c 1\ny 2\n');
    expect(out.stderr).toBe('/s.sh: 2: nosuch: not found\n/s.sh: line 2: nosuch: command not found\n');
  });

  it('a missing script fails in each shell’s words: dash 2, bash 127', async () => {
    const out = await sh('sh /nope.sh; echo $?; bash /nope.sh; echo $?', { image: 'debian:bookworm' });
    expect(out.stdout).toBe('2\n127\n');
    expect(out.stderr).toBe(
      'sh: 0: cannot open /nope.sh: No such file\nbash: /nope.sh: No such file or directory\n',
    );
  });
});

describe('process substitution', () => {
  it('bash reads <(…) as a file, and < <(…) feeds a loop (sh-process-substitution-bash)', async () => {
    const result = await build(
      debian(
        'SHELL ["/bin/bash", "-c"]',
        'RUN cat <(echo hi) > /p && while read l; do echo "got $l" > /l; done < <(echo line)',
      ),
    );
    expect(text(result, '/p')).toBe('hi\n');
    expect(text(result, '/l')).toBe('got line\n');
    expect(node(result, '/dev/fd/63')).toBeUndefined();
    const out = await sh('echo <(true)', { image: 'debian:bookworm', flavour: 'bash' });
    expect(out.stdout).toBe('/dev/fd/63\n');
  });

  it('dash does not have it: a syntax error, status 2 (sh-process-substitution-dash)', async () => {
    const out = await sh('cat <(echo hi) > /p', { image: 'debian:bookworm' });
    expect(out).toMatchObject({ status: 2, stderr: 'sh: 1: Syntax error: "(" unexpected\n' });
    const result = await build(debian('RUN cat <(echo hi) > /p'));
    expect(result.error?.message).toBe('/bin/sh: 1: Syntax error: "(" unexpected');
  });
});

describe('install, sed, make and the tools an image may lack', () => {
  it('install copies with mode 0755 (or -m), makes folders (-d) and parents (-D), sets owners (sh-install)', async () => {
    const result = await build(
      debian(
        'RUN echo x > /src && install -m 755 /src /usr/local/bin/tool && install -d -m 700 /data/a && install -D /src /deep/er/file && install -o 1000 -g 1000 /src /owned && install -d /d1 /d2',
      ),
    );
    expect(node(result, '/usr/local/bin/tool')).toMatchObject({ mode: 0o755, uid: 0, size: 2 });
    expect(node(result, '/data')).toMatchObject({ kind: 'dir', mode: 0o755 });
    expect(node(result, '/data/a')).toMatchObject({ kind: 'dir', mode: 0o700 });
    expect(node(result, '/deep/er')).toMatchObject({ kind: 'dir', mode: 0o755 });
    expect(node(result, '/deep/er/file')).toMatchObject({ mode: 0o755, size: 2 });
    expect(node(result, '/owned')).toMatchObject({ mode: 0o755, uid: 1000, gid: 1000 });
    expect([node(result, '/d1')?.kind, node(result, '/d2')?.kind]).toEqual(['dir', 'dir']);
  });

  it('sed -i deletes and substitutes in known text, -i.bak keeps the original (sh-sed-i-delete)', async () => {
    const result = await build(
      debian(
        "RUN printf 'a\\nb\\nc\\na\\n' > /f && sed -i '/b/d' /f && sed -i -e 's/a/A/g' -e 's|c|C|' /f && sed -i.bak 's/A/Z/' /f",
      ),
    );
    expect(text(result, '/f')).toBe('Z\nC\nZ\n');
    expect(text(result, '/f.bak')).toBe('A\nC\nA\n');
    expect(node(result, '/f')).toMatchObject({ mode: 0o644, size: 6 });
  });

  it('sed without -i prints: groups, &, ranges, -n with p', async () => {
    const out = await sh(
      "printf 'k=1\\nv=2\\nw=3\\n' | sed -E 's/^(\\w)=(.*)$/\\2:\\1 [&]/' && printf '1\\n2\\n3\\n4\\n' | sed -n '2,3p'",
      { image: 'debian:bookworm' },
    );
    expect(out.stdout).toBe('1:k [k=1]\n2:v [v=2]\n3:w [w=3]\n2\n3\n');
  });

  it('make runs a Makefile’s recipes in order, echoing them; a second run has nothing to do (sh-make-recipes)', async () => {
    const result = await build(
      [
        'FROM debian:bookworm AS build',
        'RUN apt-get update && apt-get install -y --no-install-recommends make',
        'COPY Makefile src.txt /src/',
        'WORKDIR /src',
        'RUN mkdir /out && make > /out/all.out && make >> /out/all.out && make install DESTDIR=/out > /out/install.out && (make nothing 2> /out/err; echo $? > /out/rc)',
        'FROM scratch',
        'COPY --from=build /out/ /',
        '',
      ].join('\n'),
      {
        Makefile:
          'PREFIX = /usr/local\nNAME := hello\n\n.PHONY: all install\n\nall: build/$(NAME).txt\n\nbuild/$(NAME).txt: src.txt\n\tmkdir -p build\n\tcp $< $@\n\t@echo built $@ from $< >> build/log\n\ninstall: all\n\tmkdir -p $(DESTDIR)$(PREFIX)/share\n\tcp build/$(NAME).txt $(DESTDIR)$(PREFIX)/share/\n\tcp build/log $(DESTDIR)/log\n',
        'src.txt': 'source\n',
      },
    );
    expect(result.error).toBeNull();
    expect(text(result, '/all.out')).toBe(
      "mkdir -p build\ncp src.txt build/hello.txt\nmake: Nothing to be done for 'all'.\n",
    );
    expect(text(result, '/err')).toBe("make: *** No rule to make target 'nothing'.  Stop.\n");
    expect(text(result, '/rc')).toBe('2\n');
    expect(text(result, '/log')).toBe('built build/hello.txt from src.txt\n');
    expect(text(result, '/usr/local/share/hello.txt')).toBe('source\n');
    // The recorded sizes: 78, 93 and 35 bytes.
    expect(
      [node(result, '/all.out'), node(result, '/install.out'), node(result, '/log')].map(
        (n) => n?.kind === 'file' && n.size,
      ),
    ).toEqual([78, 93, 35]);
  });

  it('make stops at a failing recipe line, naming the Makefile line, after a - line it ignored', async () => {
    const result = await build(
      debian(
        'RUN apt-get update && apt-get install -y --no-install-recommends make unzip',
        "RUN mkdir /m && cd /m && printf 'all:\\n\\t-false\\n\\ttrue\\n\\tfalse\\n\\techo never > /never\\n' > Makefile && make",
      ),
    );
    // GNU make 4.3's words; the first failure (-false) was ignored, the third stops it.
    expect(result.error?.message).toBe('make: *** [Makefile:4: all] Error 1');
  });

  it('make, unzip, curl, wget and git are not in debian:bookworm: each is the shell’s "not found" (sh-tools-missing, sh-make-missing)', async () => {
    const out = await sh(
      'make; unzip a.zip; curl -o /x https://example.com/x; wget -O /y https://example.com/y; git clone https://example.com/r.git; echo $?',
      { image: 'debian:bookworm' },
    );
    expect(out.stderr).toBe(
      ['make', 'unzip', 'curl', 'wget', 'git'].map((tool) => `sh: 1: ${tool}: not found\n`).join(''),
    );
    expect(out.stdout).toBe('127\n');
    const result = await build(debian('RUN make build'));
    expect(result.error?.message).toBe('/bin/sh: 1: make: not found');
  });

  it('curl -o and wget -O where the image has them: a file of unknown size, said so', async () => {
    const result = await build('FROM alpine:3.22\nRUN wget -O /tmp/app.tgz https://example.com/app.tgz\n');
    expect(node(result, '/tmp/app.tgz')).toMatchObject({ kind: 'file' });
    expect(result.steps.at(-1)?.narrative).toContain('its size is unknown');
  });

  it('unzip says it does not know an archive’s members, and fails as unzip does on a missing one', async () => {
    const result = await build(
      debian(
        'RUN apt-get update && apt-get install -y --no-install-recommends unzip',
        'RUN touch /a.zip && unzip /a.zip -d /out',
        'RUN unzip /missing.zip',
      ),
    );
    expect(result.steps.at(-2)?.narrative).toContain("does not know this archive's members");
    expect(result.error?.message).toBe(
      'unzip:  cannot find or open /missing.zip, /missing.zip.zip or /missing.zip.ZIP.',
    );
  });
});
