/**
 * The terminal's text as xterm writes it: line ends as CR LF, errors in the theme's red, the
 * simulator's notes dimmed and italic so they never pass for Docker's words, prompts coloured by
 * where the learner is. Control characters in output (a file's bytes, say) are shown as ^X, never
 * interpreted: nothing a learner builds can move the cursor or retitle the page.
 */
import type { Chunk } from '../../lib/terminal/output.ts';
import type { Place } from '../../lib/terminal/session.ts';

/** `\x1b` → `^[`: C0 controls other than tab and newline, and DEL, shown in caret notation. */
export function visible(text: string): string {
  let shown = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '\n' || char === '\t' || (code >= 0x20 && code !== 0x7f)) shown += char;
    else shown += code === 0x7f ? '^?' : `^${String.fromCharCode(code + 64)}`;
  }
  return shown;
}

/** LF → CR LF, as a raw terminal needs. */
function lines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export function chunkText(chunk: Chunk): string {
  const text = lines(visible(chunk.text.replace(/\r\n/g, '\n')));
  if (chunk.stream === 'err') return `\x1b[31m${text}\x1b[39m`;
  if (chunk.stream === 'note') return `\x1b[3;90m${text}\x1b[23;39m`;
  return text;
}

export function promptText(prompt: string, place: Place): string {
  const colour = place.kind === 'host' ? '36' : '34';
  return `\x1b[1;${colour}m${visible(prompt)}\x1b[22;39m`;
}

/** One sentence on where the learner is, for the status line and screen readers. */
export function placeSentence(place: Place): string {
  if (place.kind === 'host')
    return 'Host shell: docker here builds the files in the editor. Type help for the commands.';
  return `Inside a container of ${place.image} (${place.id}), as ${place.user}, in ${place.cwd}, running ${place.shell}. Type exit to leave it.`;
}
