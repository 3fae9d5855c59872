/**
 * The terminal's line editing, as readline does it, on what xterm sends (`onData`): typing and
 * pasting, ← → Home End and their Ctrl forms, Backspace and Delete, Ctrl+U/K/W, history on ↑ ↓,
 * Enter, Ctrl+C, Ctrl+L, Ctrl+D and Tab. It returns what to write back (escape sequences that
 * redraw the line, wrapped lines included) and what the learner asked for; no DOM, so it is
 * tested in Node.
 */

export type EditorEvent =
  | { readonly kind: 'write'; readonly text: string }
  | { readonly kind: 'submit'; readonly line: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'complete'; readonly line: string }
  | { readonly kind: 'eof' }
  /** Write the prompt again on the current row, then `reprint()`: after a completion list or a clear. */
  | { readonly kind: 'reprompt' };

/** How many lines the history keeps. */
const HISTORY_LIMIT = 500;

const KEYS: Readonly<Record<string, string>> = {
  '\x1b[A': 'up',
  '\x1bOA': 'up',
  '\x1b[B': 'down',
  '\x1bOB': 'down',
  '\x1b[C': 'right',
  '\x1bOC': 'right',
  '\x1b[D': 'left',
  '\x1bOD': 'left',
  '\x1b[H': 'home',
  '\x1bOH': 'home',
  '\x1b[1~': 'home',
  '\x1b[F': 'end',
  '\x1bOF': 'end',
  '\x1b[4~': 'end',
  '\x1b[3~': 'delete',
  '\x1b[1;5C': 'word-right',
  '\x1b[1;5D': 'word-left',
  '\x1bf': 'word-right',
  '\x1bb': 'word-left',
};

/** C0 controls and DEL: keys with a meaning of their own, never text. */
export function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return char.length === 1 && (code < 0x20 || code === 0x7f);
}

/** Splits input into keys: escape sequences whole, other characters one by one. */
function keysOf(data: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < data.length; ) {
    if (data[i] === '\x1b') {
      const rest = /^(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|[bf])/.exec(data.slice(i + 1))?.[0] ?? '';
      keys.push(`\x1b${rest}`);
      i += 1 + rest.length;
    } else {
      const code = data.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(code);
      keys.push(char);
      i += char.length;
    }
  }
  return keys;
}

/** Where the cursor is on screen: the row and column of a position counted from the prompt's start. */
function place(position: number, columns: number): { row: number; column: number } {
  return { row: Math.floor(position / columns), column: position % columns };
}

/** Escape sequences that move the cursor from one position to another. */
function move(from: number, to: number, columns: number): string {
  if (from === to) return '';
  const a = place(from, columns);
  const b = place(to, columns);
  let text = '';
  if (b.row < a.row) text += `\x1b[${a.row - b.row}A`;
  if (b.row > a.row) text += `\x1b[${b.row - a.row}B`;
  text += '\r';
  if (b.column > 0) text += `\x1b[${b.column}C`;
  return text;
}

export class LineEditor {
  private buffer = '';
  private cursor = 0;
  private prompt = '';
  /** Where the terminal's cursor is now, counted from the start of the prompt. */
  private shown = 0;
  /** The history of the shell typed in now; the others wait in `histories`. */
  private history: string[] = [];
  private shell = '';
  private readonly histories = new Map<string, string[]>();
  /** Where ↑ ↓ are in the history; history.length is the line being typed. */
  private recalled = 0;
  /** The line being typed, kept while ↑ ↓ show older ones. */
  private draft = '';
  /** Tabs pressed in a row: as in readline, the first completes or rings, the second lists. */
  private tabs = 0;
  /** The line (and cursor) whose candidates are on screen, so more Tabs do not list them again. */
  private listed: string | undefined;
  private readonly columns: () => number;

  constructor(columns: () => number) {
    this.columns = columns;
  }

  get line(): string {
    return this.buffer;
  }

  /** The history, oldest first. */
  get lines(): readonly string[] {
    return this.history;
  }

  /** Starts a new line after `prompt` (which the caller has written, coloured as it likes). */
  start(prompt: string): void {
    this.prompt = prompt;
    this.buffer = '';
    this.cursor = 0;
    this.recalled = this.history.length;
    this.draft = '';
    this.shown = this.width(prompt);
    this.tabs = 0;
    this.listed = undefined;
  }

  /** Feeds what xterm sent; returns what to write and what the learner asked for, in order. */
  input(data: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    for (const key of keysOf(data)) events.push(...this.key(key));
    return merge(events);
  }

  /**
   * Switches to the history of another shell (the host's, a container's): as each bash keeps its
   * own, ↑ on the host never recalls what was typed inside a container, `exit` included.
   */
  useHistory(shell: string): void {
    if (shell === this.shell) return;
    this.histories.set(this.shell, this.history);
    this.history = this.histories.get(shell) ?? [];
    this.shell = shell;
    this.recalled = this.history.length;
    this.draft = '';
  }

  /** Adds a line run another way (a lesson's button, the touch form) to the history. */
  remember(line: string): void {
    if (line.trim() === '' || this.history.at(-1) === line) return;
    this.history.push(line);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    this.recalled = this.history.length;
  }

  /** Inserts text at the cursor (a completion, a touch keyboard's word), without running it. */
  insert(text: string): EditorEvent[] {
    const clean = [...text].filter((char) => !isControl(char)).join('');
    this.buffer = this.buffer.slice(0, this.cursor) + clean + this.buffer.slice(this.cursor);
    this.cursor += clean.length;
    return [this.redraw()];
  }

  /**
   * Applies a completion of the word that starts at `start`: one candidate replaces the word,
   * several extend it to their common prefix, and when that adds nothing the first Tab rings and
   * the second lists them, once (a Tab answered late still counts the Tabs pressed by then).
   */
  complete(start: number, candidates: readonly string[]): EditorEvent[] {
    if (candidates.length === 0) return [{ kind: 'write', text: '\x07' }];
    const word = this.buffer.slice(start, this.cursor);
    const common = candidates.reduce((prefix, candidate) => {
      let length = 0;
      while (length < prefix.length && prefix[length] === candidate[length]) length++;
      return prefix.slice(0, length);
    });
    if (candidates.length === 1) {
      const only = candidates[0] as string;
      return this.replaceWord(start, only.endsWith('/') ? only : `${only} `);
    }
    if (common.length > word.length) return this.replaceWord(start, common);
    const shown = `${this.cursor}:${this.buffer}`;
    if (this.tabs < 2 || this.listed === shown) return [{ kind: 'write', text: '\x07' }];
    this.listed = shown;
    const listing = `${this.toEnd()}\r\n${listColumns(candidates, this.columns())}`;
    return [{ kind: 'write', text: listing }, { kind: 'reprompt' }];
  }

  /** Redraws the prompt and the line on a fresh row (after a completion list or a clear). */
  reprint(): string {
    const end = this.width(this.prompt + this.buffer);
    const target = this.width(this.prompt) + this.cursor;
    this.shown = target;
    return `${this.buffer}${this.wrapFix(end)}${move(end, target, this.columns())}`;
  }

  private replaceWord(start: number, text: string): EditorEvent[] {
    this.buffer = this.buffer.slice(0, start) + text + this.buffer.slice(this.cursor);
    this.cursor = start + text.length;
    return [this.redraw()];
  }

  private key(key: string): EditorEvent[] {
    if (key !== '\t') {
      // Any other key ends the run of Tabs: the next Tab starts over.
      this.tabs = 0;
      this.listed = undefined;
    }
    const named = KEYS[key];
    switch (named ?? key) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x03':
        return [{ kind: 'write', text: `${this.toEnd()}^C\r\n` }, { kind: 'interrupt' }];
      case '\x0c':
        return [{ kind: 'clear' }, { kind: 'reprompt' }];
      case '\x04':
        if (this.buffer === '') return [{ kind: 'eof' }];
        return this.deleteAt(this.cursor);
      case '\t':
        this.tabs++;
        return [{ kind: 'complete', line: this.buffer.slice(0, this.cursor) }];
      case '\x7f':
      case '\b':
        return this.cursor > 0 ? this.deleteAt(this.cursor - 1) : [];
      case 'delete':
        return this.deleteAt(this.cursor);
      case 'left':
        return this.moveTo(this.cursor - 1);
      case 'right':
        return this.moveTo(this.cursor + 1);
      case 'home':
      case '\x01':
        return this.moveTo(0);
      case 'end':
      case '\x05':
        return this.moveTo(this.buffer.length);
      case 'word-left':
        return this.moveTo(this.wordStart());
      case 'word-right': {
        const rest = /^\s*\S*/.exec(this.buffer.slice(this.cursor))?.[0] ?? '';
        return this.moveTo(this.cursor + rest.length);
      }
      case '\x15':
        return this.cut(0, this.cursor);
      case '\x0b':
        return this.cut(this.cursor, this.buffer.length);
      case '\x17':
        return this.cut(this.wordStart(), this.cursor);
      case 'up':
        return this.recall(this.recalled - 1);
      case 'down':
        return this.recall(this.recalled + 1);
      default:
        if (key.startsWith('\x1b') || isControl(key)) return [];
        return this.type(key);
    }
  }

  private type(text: string): EditorEvent[] {
    const atEnd = this.cursor === this.buffer.length;
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    if (!atEnd) return [this.redraw()];
    // The common case, typing at the end: write the character, no redraw.
    this.shown += this.width(text);
    return [{ kind: 'write', text: text + this.wrapFix(this.shown) }];
  }

  private submit(): EditorEvent[] {
    const line = this.buffer;
    const events: EditorEvent[] = [{ kind: 'write', text: `${this.toEnd()}\r\n` }];
    this.remember(line);
    this.buffer = '';
    this.cursor = 0;
    this.recalled = this.history.length;
    events.push({ kind: 'submit', line });
    return events;
  }

  private recall(index: number): EditorEvent[] {
    if (index < 0 || index > this.history.length) return [];
    if (this.recalled === this.history.length) this.draft = this.buffer;
    this.recalled = index;
    this.buffer = index === this.history.length ? this.draft : (this.history[index] as string);
    this.cursor = this.buffer.length;
    return [this.redraw()];
  }

  private deleteAt(index: number): EditorEvent[] {
    if (index < 0 || index >= this.buffer.length) return [];
    this.buffer = this.buffer.slice(0, index) + this.buffer.slice(index + 1);
    this.cursor = Math.min(this.cursor, index);
    return [this.redraw()];
  }

  private cut(from: number, to: number): EditorEvent[] {
    if (from === to) return [];
    this.buffer = this.buffer.slice(0, from) + this.buffer.slice(to);
    this.cursor = from;
    return [this.redraw()];
  }

  private moveTo(index: number): EditorEvent[] {
    const target = Math.max(0, Math.min(this.buffer.length, index));
    if (target === this.cursor) return [];
    this.cursor = target;
    const position = this.width(this.prompt) + target;
    const text = move(this.shown, position, this.columns());
    this.shown = position;
    return [{ kind: 'write', text }];
  }

  private wordStart(): number {
    const before = this.buffer.slice(0, this.cursor);
    return before.length - (/\S*\s*$/.exec(before)?.[0].length ?? 0);
  }

  /** Moves to the end of the line, for Enter and Ctrl+C. */
  private toEnd(): string {
    const end = this.width(this.prompt + this.buffer);
    const text = move(this.shown, end, this.columns());
    this.shown = end;
    return text;
  }

  /** Rewrites the line after the prompt and puts the cursor back where it belongs. */
  private redraw(): EditorEvent {
    const columns = this.columns();
    const start = this.width(this.prompt);
    const end = start + this.width(this.buffer);
    const target = start + this.cursor;
    const text = `${move(this.shown, start, columns)}${this.buffer}${this.wrapFix(end)}\x1b[J${move(end, target, columns)}`;
    this.shown = target;
    return { kind: 'write', text };
  }

  /**
   * At the last column the terminal holds the cursor until the next character; writing a space
   * and a carriage return moves it to the next row, where the arithmetic expects it.
   */
  private wrapFix(position: number): string {
    return position > 0 && position % this.columns() === 0 ? ' \r' : '';
  }

  private width(text: string): number {
    return text.length;
  }
}

/** Consecutive writes as one, so xterm gets one write per key. */
function merge(events: EditorEvent[]): EditorEvent[] {
  const merged: EditorEvent[] = [];
  for (const event of events) {
    const last = merged.at(-1);
    if (event.kind === 'write' && last?.kind === 'write')
      merged[merged.length - 1] = { kind: 'write', text: last.text + event.text };
    else merged.push(event);
  }
  return merged;
}

/** Completion candidates in columns, as a shell lists them. */
export function listColumns(names: readonly string[], width: number): string {
  const longest = names.reduce((most, name) => Math.max(most, name.length), 0) + 2;
  const perRow = Math.max(1, Math.floor(width / longest));
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += perRow) {
    rows.push(
      names
        .slice(i, i + perRow)
        .map((name, index, row) => (index === row.length - 1 ? name : name.padEnd(longest)))
        .join(''),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
