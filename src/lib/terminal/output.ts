/**
 * What a command prints, kept apart by stream: the program's output, its errors, and the
 * simulator's own notes (what it did not run, what it cannot know), which the terminal shows
 * dimmed so they are never mistaken for Docker's words. Bounded, so no command floods the page.
 */

export type Stream = 'out' | 'err' | 'note';

export interface Chunk {
  readonly stream: Stream;
  readonly text: string;
}

/** At most this many characters of one command's output reach the terminal. */
export const OUTPUT_LIMIT = 256 * 1024;

export class Output {
  readonly chunks: Chunk[] = [];
  private size = 0;
  private dropped = 0;

  out(text: string): this {
    return this.add('out', text);
  }

  err(text: string): this {
    return this.add('err', text);
  }

  /** A note from the simulator, on a line of its own. */
  note(text: string): this {
    return this.add('note', text.endsWith('\n') ? text : `${text}\n`);
  }

  append(chunks: readonly Chunk[]): this {
    for (const chunk of chunks) this.add(chunk.stream, chunk.text);
    return this;
  }

  /** The chunks, with a last note saying how much was left out, if anything was. */
  finish(): readonly Chunk[] {
    if (this.dropped === 0) return this.chunks;
    return [
      ...this.chunks,
      {
        stream: 'note',
        text: `\n… ${this.dropped.toLocaleString('en')} more characters not shown: the terminal shows the first ${OUTPUT_LIMIT.toLocaleString('en')} of a command's output.\n`,
      },
    ];
  }

  private add(stream: Stream, text: string): this {
    if (text === '') return this;
    const room = OUTPUT_LIMIT - this.size;
    if (room <= 0) {
      this.dropped += text.length;
      return this;
    }
    const kept = text.length > room ? text.slice(0, room) : text;
    this.dropped += text.length - kept.length;
    this.size += kept.length;
    const last = this.chunks.at(-1);
    if (last?.stream === stream) this.chunks[this.chunks.length - 1] = { stream, text: last.text + kept };
    else this.chunks.push({ stream, text: kept });
    return this;
  }
}

/** The text of chunks as one transcript, notes included. */
export function plainText(chunks: readonly Chunk[]): string {
  return chunks.map((chunk) => chunk.text).join('');
}
