/** The terminal's line editing: what each key does to the line, the screen and the history. */
import { describe, expect, it } from 'vitest';
import { chunkText, placeSentence, visible } from '../../../src/components/terminal/ansi.ts';
import { type EditorEvent, LineEditor, listColumns } from '../../../src/components/terminal/line-editor.ts';

function editor(columns = 80) {
  const line = new LineEditor(() => columns);
  line.start('$ ');
  return line;
}

const writes = (events: readonly EditorEvent[]) =>
  events.flatMap((event) => (event.kind === 'write' ? [event.text] : [])).join('');
const kinds = (events: readonly EditorEvent[]) => events.map((event) => event.kind);

describe('the line editor', () => {
  it('echoes typing at the end without redrawing, and submits on Enter', () => {
    const line = editor();
    expect(line.input('ls -la')).toEqual([{ kind: 'write', text: 'ls -la' }]);
    expect(line.input('\r')).toEqual([
      { kind: 'write', text: '\r\n' },
      { kind: 'submit', line: 'ls -la' },
    ]);
    expect(line.line).toBe('');
  });

  it('inserts and deletes in the middle of the line and puts the cursor back', () => {
    const line = editor();
    line.input('echo hllo');
    line.input('\x1b[D\x1b[D\x1b[D');
    const inserted = line.input('e');
    expect(line.line).toBe('echo hello');
    // Back to the start of the input, the whole line, erase the rest, then to the cursor.
    expect(writes(inserted)).toBe('\r\x1b[2Cecho hello\x1b[J\r\x1b[9C');
    line.input('\x7f');
    expect(line.line).toBe('echo hllo');
    line.input('\x1b[3~');
    expect(line.line).toBe('echo hlo');
    line.input('\x01');
    line.input('\x1b[3~');
    expect(line.line).toBe('cho hlo');
  });

  it('cuts words and lines as readline does', () => {
    const line = editor();
    line.input('docker run --rm app');
    line.input('\x17');
    expect(line.line).toBe('docker run --rm ');
    line.input('\x1b[1;5D\x0b');
    expect(line.line).toBe('docker run ');
    line.input('\x15');
    expect(line.line).toBe('');
  });

  it('recalls history with ↑ and ↓, keeping the line being typed', () => {
    const line = editor();
    line.input('first\r');
    line.start('$ ');
    line.input('second\r');
    line.start('$ ');
    line.input('draft');
    line.input('\x1b[A');
    expect(line.line).toBe('second');
    line.input('\x1b[A\x1b[A');
    expect(line.line).toBe('first');
    line.input('\x1b[B\x1b[B');
    expect(line.line).toBe('draft');
    expect(line.lines).toEqual(['first', 'second']);
    line.input('\r');
    line.remember('second');
    expect(line.lines).toEqual(['first', 'second', 'draft', 'second']);
  });

  it('keeps a history for each shell: lines typed in a container are not recalled on the host', () => {
    const line = editor();
    line.useHistory('host');
    line.input('docker run --rm -it app sh\r');
    line.useHistory('container');
    line.start('# ');
    line.input('ls\r');
    line.start('# ');
    line.input('exit\r');
    line.useHistory('host');
    line.start('$ ');
    line.input('\x1b[A');
    expect(line.line).toBe('docker run --rm -it app sh');
    expect(line.lines).toEqual(['docker run --rm -it app sh']);
    line.useHistory('container');
    line.start('# ');
    line.input('\x1b[A');
    expect(line.line).toBe('exit');
  });

  it('turns Ctrl+C, Ctrl+L, Ctrl+D and Tab into requests', () => {
    const line = editor();
    line.input('half');
    expect(line.input('\x03')).toEqual([{ kind: 'write', text: '^C\r\n' }, { kind: 'interrupt' }]);
    line.start('$ ');
    expect(kinds(line.input('\x0c'))).toEqual(['clear', 'reprompt']);
    expect(line.input('\x04')).toEqual([{ kind: 'eof' }]);
    line.input('docker bu');
    expect(line.input('\t')).toEqual([{ kind: 'complete', line: 'docker bu' }]);
  });

  it('completes one candidate, a common prefix, or lists them', () => {
    const line = editor();
    line.input('docker bu\t');
    line.complete(7, ['build']);
    expect(line.line).toBe('docker build ');
    const more = editor();
    more.input('cat re\t');
    more.complete(4, ['requirements.txt', 'requirements-dev.txt']);
    expect(more.line).toBe('cat requirements');
    more.input('\t');
    const listed = more.complete(4, ['requirements.txt', 'requirements-dev.txt']);
    expect(kinds(listed)).toEqual(['write', 'reprompt']);
    expect(writes(listed)).toMatch(/\r\nrequirements\.txt +requirements-dev\.txt\r\n$/);
    expect(more.reprint()).toBe('cat requirements');
    expect(more.complete(0, [])).toEqual([{ kind: 'write', text: '\x07' }]);
  });

  it('rings on the first Tab of an ambiguous word, lists on the second, and does not list again', () => {
    const line = editor();
    const candidates = ['ln', 'ls'];
    line.input('l\t');
    expect(line.complete(0, candidates)).toEqual([{ kind: 'write', text: '\x07' }]);
    line.input('\t');
    expect(writes(line.complete(0, candidates))).toMatch(/\r\nln +ls\r\n$/);
    line.input('\t');
    expect(line.complete(0, candidates)).toEqual([{ kind: 'write', text: '\x07' }]);
    line.input('\t');
    expect(line.complete(0, candidates)).toEqual([{ kind: 'write', text: '\x07' }]);
    // Another key starts over: two more Tabs list again.
    line.input('\x7fl\t');
    expect(kinds(line.complete(0, candidates))).toEqual(['write']);
    line.input('\t');
    expect(kinds(line.complete(0, candidates))).toEqual(['write', 'reprompt']);
  });

  it('moves across wrapped rows when the line is longer than the terminal', () => {
    const line = editor(10);
    line.input('abcdefghijklmnop');
    // 2 + 16 = 18 columns: the cursor is on the second row; Home goes up one row to column 2.
    expect(writes(line.input('\x01'))).toBe('\x1b[1A\r\x1b[2C');
    // At exactly the last column the next key would wrap: a space and a return put the cursor there.
    const edge = editor(10);
    expect(writes(edge.input('abcdefgh'))).toBe('abcdefgh \r');
  });

  it('ignores other control keys and keeps controls out of inserted text', () => {
    const line = editor();
    expect(line.input('\x1b[15~\x02')).toEqual([]);
    line.insert('a\x1bb');
    expect(line.line).toBe('ab');
  });
});

describe('the terminal’s colours and text', () => {
  it('shows control characters instead of obeying them', () => {
    expect(visible('a\x1b]0;owned\x07b\tc\n')).toBe('a^[]0;owned^Gb\tc\n');
    expect(chunkText({ stream: 'out', text: 'one\r\ntwo\n' })).toBe('one\r\ntwo\r\n');
    expect(chunkText({ stream: 'err', text: 'bad\n' })).toBe('\x1b[31mbad\r\n\x1b[39m');
    expect(chunkText({ stream: 'note', text: 'note\n' })).toBe('\x1b[3;90mnote\r\n\x1b[23;39m');
  });

  it('says where the learner is', () => {
    expect(placeSentence({ kind: 'host' })).toContain('Host shell');
    expect(
      placeSentence({
        kind: 'container',
        image: 'app',
        id: 'abc123abc123',
        user: 'root',
        uid: 0,
        cwd: '/app',
        shell: 'sh',
        flavour: 'dash',
      }),
    ).toBe('Inside a container of app (abc123abc123), as root, in /app, running sh. Type exit to leave it.');
  });

  it('lists completions in columns', () => {
    expect(listColumns(['aa', 'bbbb', 'c'], 12)).toBe('aa    bbbb\r\nc\r\n');
  });
});
