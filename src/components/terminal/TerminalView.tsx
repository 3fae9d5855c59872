/**
 * The terminal tab: xterm with a simulated host shell and Docker, run by the engine worker (the
 * `terminal` job), so a build never blocks typing. Line editing and history are line-editor.ts;
 * this file wires xterm to it and to the worker, follows the page's theme, and adds what a
 * terminal lacks for some learners: a status line saying where they are, a screen-reader mode,
 * a plain-text transcript and a command field for touch screens. Loaded when the tab first opens.
 */
import { FitAddon } from '@xterm/addon-fit';
import { type ITheme, Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Chunk } from '../../lib/terminal/output.ts';
import type { Place, TerminalAnswer } from '../../lib/terminal/session.ts';
import type { EngineClient } from '../engine/engine-client.ts';
import type { SourceFiles } from '../engine/protocol.ts';
import { chunkText, placeSentence, promptText } from './ansi.ts';
import { type EditorEvent, LineEditor } from './line-editor.ts';
import '../ui.css';
import './terminal.css';

/** A command to run as if typed, from a lesson's "Run in the terminal" button. */
export interface TerminalCommand {
  readonly command: string;
  /** Build the files and tag them with this name first (the lesson's scenario). */
  readonly prepare?: string;
  /** Bumped with every request, so the same command can run again. */
  readonly seq: number;
}

export interface TerminalViewProps {
  readonly engine: EngineClient | null;
  /** The editor's files now. */
  readonly current: () => SourceFiles;
  /** Whether the tab is on screen: the terminal fits itself to its box then. */
  readonly active: boolean;
  readonly command?: TerminalCommand;
}

const READER_KEY = 'mc:terminal:screen-reader';
/** Keys that only modify the next one: pressing them alone is not a keystroke of its own. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);
/** Lines the plain-text transcript keeps. */
const TRANSCRIPT_LIMIT = 2000;

/** The page's colours, read from its design tokens, so the terminal follows light and dark. */
function themeFromPage(): ITheme {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    background: token('--bg-sunken'),
    foreground: token('--fg'),
    cursor: token('--accent'),
    cursorAccent: token('--bg-sunken'),
    selectionBackground: token('--editor-selection'),
    selectionForeground: token('--fg'),
    black: token('--fg'),
    red: token('--danger'),
    green: token('--ok'),
    yellow: token('--warning'),
    blue: token('--syntax-number'),
    magenta: token('--syntax-attribute'),
    cyan: token('--accent'),
    white: token('--fg-muted'),
    brightBlack: token('--fg-muted'),
    brightRed: token('--danger'),
    brightGreen: token('--ok'),
    brightYellow: token('--warning'),
    brightBlue: token('--syntax-number'),
    brightMagenta: token('--syntax-attribute'),
    brightCyan: token('--accent'),
    brightWhite: token('--fg'),
  };
}

function storedReaderMode(): boolean {
  try {
    return localStorage.getItem(READER_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Plain text of chunks, for the transcript. */
function plain(chunks: readonly Chunk[]): string {
  return chunks.map((chunk) => (chunk.stream === 'note' ? `[simulator] ${chunk.text}` : chunk.text)).join('');
}

interface Machine {
  readonly term: Terminal;
  readonly editor: LineEditor;
  prompt: string;
  place: Place;
  busy: boolean;
  /** Keys typed while a command ran, replayed at the next prompt. */
  typeahead: string;
  /** Lines waiting to run (a lesson's command sent while another ran). */
  readonly queue: { line: string; prepare?: string }[];
  /** A line typed before the worker was there, run when it is. */
  waiting?: { line: string; prepare?: string } | undefined;
  /** A lesson's command is running: show the terminal when its answer is printed. */
  reveal?: boolean;
}

export function TerminalView({ engine, current, active, command }: TerminalViewProps) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const machine = useRef<Machine | null>(null);
  const fit = useRef<FitAddon | null>(null);
  const engineRef = useRef(engine);
  engineRef.current = engine;
  const currentRef = useRef(current);
  currentRef.current = current;
  const session = useRef(`terminal-${Math.random().toString(36).slice(2)}`);
  const [place, setPlace] = useState<Place>({ kind: 'host' });
  const [busy, setBusy] = useState(false);
  const [reader, setReader] = useState(storedReaderMode);
  const [transcript, setTranscript] = useState<readonly string[]>([]);
  const [typed, setTyped] = useState('');
  const pendingCommand = useRef<TerminalCommand | undefined>(undefined);

  const log = (text: string) =>
    setTranscript((lines) => [...lines, ...text.replace(/\n$/, '').split('\n')].slice(-TRANSCRIPT_LIMIT));

  const showPrompt = (m: Machine) => {
    m.term.write(promptText(m.prompt, m.place));
    m.editor.start(m.prompt);
  };

  const settle = (m: Machine, answer: Pick<TerminalAnswer, 'prompt' | 'place'>) => {
    m.prompt = answer.prompt;
    m.place = answer.place;
    m.editor.useHistory(answer.place.kind);
    setPlace(answer.place);
    m.busy = false;
    setBusy(false);
    const next = m.queue.shift();
    if (next) {
      m.term.write(`${promptText(m.prompt, m.place)}${next.line}\r\n`);
      m.editor.remember(next.line);
      execute(m, next.line, next.prepare);
      return;
    }
    showPrompt(m);
    if (m.typeahead) {
      const keys = m.typeahead;
      m.typeahead = '';
      handleEvents(m, m.editor.input(keys));
    }
  };

  const execute = (m: Machine, line: string, prepare?: string) => {
    log(`${m.prompt}${line}`);
    if (line.trim() === '' && !prepare) {
      showPrompt(m);
      return;
    }
    m.busy = true;
    setBusy(true);
    send(m, line, prepare);
  };

  /** Sends a line to the worker and prints its answer. */
  const send = (m: Machine, line: string, prepare?: string) => {
    const client = engineRef.current;
    if (!client) {
      // The worker starts with the page's first build; the line runs as soon as it is there.
      m.waiting = prepare ? { line, prepare } : { line };
      return;
    }
    const files = currentRef.current().files;
    client
      .request('terminal', {
        session: session.current,
        action: { kind: 'line', line, files, columns: m.term.cols, ...(prepare ? { prepare } : {}) },
      })
      .then((outcome) => {
        if (outcome.status === 'stale') return;
        if (outcome.status === 'failed') {
          m.term.write(chunkText({ stream: 'err', text: `${outcome.message}\n` }));
          log(outcome.message);
          settle(m, { prompt: m.prompt, place: m.place });
          return;
        }
        const answer = outcome.output;
        if (answer.clear) m.term.write('\x1b[2J\x1b[3J\x1b[H');
        for (const chunk of answer.chunks) m.term.write(chunkText(chunk));
        if (answer.chunks.length) log(plain(answer.chunks));
        settle(m, answer);
        if (m.reveal && box.current) reveal(box.current);
        m.reveal = false;
      });
  };

  const interrupt = (m: Machine) => {
    m.waiting = undefined;
    m.typeahead = '';
    m.queue.length = 0;
    m.term.write('^C\r\n');
    log('^C');
    const client = engineRef.current;
    if (!client) {
      settle(m, { prompt: m.prompt, place: m.place });
      return;
    }
    // A newer terminal request stops the running one: its answer is dropped, this one's prompt shown.
    client
      .request('terminal', { session: session.current, action: { kind: 'interrupt' } })
      .then((outcome) => {
        if (outcome.status === 'stale') return;
        settle(m, outcome.status === 'done' ? outcome.output : { prompt: m.prompt, place: m.place });
      });
  };

  const complete = (m: Machine, line: string) => {
    const client = engineRef.current;
    if (!client) return;
    client.request('terminal-complete', { session: session.current, line }).then((outcome) => {
      // Only if the learner has not typed on meanwhile.
      if (outcome.status !== 'done' || m.busy || !m.editor.line.startsWith(line)) return;
      handleEvents(m, m.editor.complete(outcome.output.start, outcome.output.candidates));
    });
  };

  function handleEvents(m: Machine, events: readonly EditorEvent[]) {
    for (const event of events) {
      switch (event.kind) {
        case 'write':
          m.term.write(event.text);
          break;
        case 'submit':
          execute(m, event.line);
          break;
        case 'interrupt':
          log(`${m.prompt}${m.editor.line}^C`);
          showPrompt(m);
          break;
        case 'clear':
          m.term.write('\x1b[2J\x1b[3J\x1b[H');
          break;
        case 'reprompt':
          m.term.write(`${promptText(m.prompt, m.place)}${m.editor.reprint()}`);
          break;
        case 'complete':
          complete(m, event.line);
          break;
        case 'eof':
          if (m.place.kind === 'container') {
            m.term.write('exit\r\n');
            execute(m, 'exit');
          } else m.term.write('\x07');
          break;
      }
    }
  }

  /** Runs a line as if typed at the prompt: a lesson's command or the touch field's. */
  const runTyped = (m: Machine, line: string, prepare?: string) => {
    if (m.busy) {
      m.queue.push(prepare ? { line, prepare } : { line });
      return;
    }
    m.editor.remember(line);
    // Whatever was half typed goes, as when a command is pasted over it.
    m.term.write(`\r\x1b[J${promptText(m.prompt, m.place)}${line}\r\n`);
    execute(m, line, prepare);
  };

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const reduced = prefersReducedMotion();
    const term = new Terminal({
      cursorBlink: !reduced,
      fontFamily:
        getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 14,
      lineHeight: 1.15,
      scrollback: 5000,
      minimumContrastRatio: 4.5,
      screenReaderMode: storedReaderMode(),
      theme: themeFromPage(),
    });
    const fitter = new FitAddon();
    term.loadAddon(fitter);
    term.open(element);
    fit.current = fitter;
    const editor = new LineEditor(() => term.cols);
    editor.useHistory('host');
    const m: Machine = {
      term,
      editor,
      prompt: '$ ',
      place: { kind: 'host' },
      busy: false,
      typeahead: '',
      queue: [],
    };
    machine.current = m;
    try {
      fitter.fit();
    } catch {
      // Not laid out yet (a hidden tab): fitted when it is shown.
    }
    term.textarea?.setAttribute('aria-describedby', `${id}-keys`);
    term.write(
      chunkText({
        stream: 'note',
        text: 'A simulated terminal: docker builds the files in the editor. Nothing runs on a real machine. Type help to start.\n',
      }),
    );
    showPrompt(m);

    let escaped = false;
    term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown') return true;
      if (event.key === 'Escape') {
        escaped = true;
        return false;
      }
      // Shift, Ctrl, Alt and Meta pressed on their own come before the key they modify: Escape
      // then Shift+Tab must still leave, so they keep the Escape.
      if (MODIFIERS.has(event.key)) return true;
      if (event.key === 'Tab' && escaped) {
        // Escape then Tab leaves the terminal, as in the editor: the browser moves the focus.
        escaped = false;
        return false;
      }
      escaped = false;
      const key = event.key.toLowerCase();
      const command = event.ctrlKey || event.metaKey;
      if (command && key === 'c' && (event.shiftKey || term.hasSelection())) {
        if (term.hasSelection()) navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
        event.preventDefault();
        return false;
      }
      // Ctrl+V and Ctrl+Shift+V paste through the browser's paste event, which xterm reads.
      if (command && key === 'v') return false;
      return true;
    });
    const data = term.onData((text) => {
      if (m.busy) {
        if (text.includes('\x03')) interrupt(m);
        else m.typeahead += text;
        return;
      }
      handleEvents(m, editor.input(text));
    });

    const resize = new ResizeObserver(() => {
      if (element.offsetWidth === 0) return;
      try {
        fitter.fit();
      } catch {
        // Measured again on the next resize.
      }
    });
    resize.observe(element);
    const theme = new MutationObserver(() => {
      term.options.theme = themeFromPage();
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    const waiting = pendingCommand.current;
    pendingCommand.current = undefined;
    if (waiting) {
      m.reveal = true;
      runTyped(m, waiting.command, waiting.prepare);
    }
    return () => {
      data.dispose();
      resize.disconnect();
      theme.disconnect();
      term.dispose();
      machine.current = null;
    };
  }, []);

  useEffect(() => {
    const m = machine.current;
    const waiting = m?.waiting;
    if (!m || !waiting || !engine) return;
    m.waiting = undefined;
    send(m, waiting.line, waiting.prepare);
  }, [engine]);

  useEffect(() => {
    if (!active) return;
    try {
      fit.current?.fit();
    } catch {
      // Not measurable yet.
    }
    if (command) machine.current?.term.focus();
  }, [active]);

  useEffect(() => {
    if (!command) return;
    const m = machine.current;
    if (!m) {
      pendingCommand.current = command;
      return;
    }
    m.reveal = true;
    runTyped(m, command.command, command.prepare);
    m.term.focus();
  }, [command?.seq]);

  const toggleReader = () => {
    const next = !reader;
    setReader(next);
    if (machine.current) machine.current.term.options.screenReaderMode = next;
    try {
      localStorage.setItem(READER_KEY, next ? 'on' : 'off');
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
  };

  return (
    <div class="mc-terminal" data-place={place.kind} aria-busy={busy}>
      <div class="mc-terminal-bar">
        <p class="mc-terminal-place" role="status">
          {placeSentence(place)}
          {busy && <span class="mc-terminal-busy"> Running…</span>}
        </p>
        <button type="button" class="mc-button" aria-pressed={reader} onClick={toggleReader}>
          Screen reader mode
        </button>
      </div>
      <div class="mc-terminal-screen">
        {/* xterm fits itself to this box, which has no border or padding of its own to miscount. */}
        <div ref={box} class="mc-terminal-host" />
      </div>
      <p id={`${id}-keys`} class="mc-terminal-keys">
        Tab completes, ↑ ↓ recall earlier commands, Ctrl+C cancels, Ctrl+L clears. Escape then Tab leaves the
        terminal.
      </p>
      <form
        class="mc-terminal-form"
        onSubmit={(event) => {
          event.preventDefault();
          const m = machine.current;
          if (!m || typed.trim() === '') return;
          runTyped(m, typed);
          setTyped('');
        }}
      >
        <label for={`${id}-command`}>Command</label>
        <input
          id={`${id}-command`}
          type="text"
          value={typed}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
        <button type="submit" class="mc-button">
          Run
        </button>
      </form>
      <details class="mc-terminal-transcript">
        <summary>Transcript as plain text</summary>
        {/* Focusable, so a keyboard can scroll it. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus. */}
        <div role="log" aria-label="Terminal transcript" class="mc-terminal-log" tabIndex={0}>
          <pre>{transcript.join('\n')}</pre>
        </div>
      </details>
    </div>
  );
}

/**
 * Brings the terminal's screen into view when a lesson's command runs there: the learner clicked
 * a button elsewhere and should see the answer, not the editor above it.
 */
function reveal(screen: HTMLElement): void {
  const still = prefersReducedMotion();
  screen.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
