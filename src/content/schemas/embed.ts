/**
 * An embed's options as data, described field by field: the /embed/ page's table of options is
 * generated from these descriptions. The widget reads the same options from its URL without zod
 * (src/components/embed/options.ts, whose lists this schema uses); a test holds the two together.
 * The names are the URL's query parameters and the loader's attributes alike.
 */
import { z } from 'astro/zod';
import { EMBED_PANELS, LOAD_MODES, MAX_ORIGINS } from '../../components/embed/options.ts';
import { THEMES } from '../../components/embed/protocol.ts';

export const embedOptionsSchema = z.object({
  panels: z
    .array(z.enum(EMBED_PANELS))
    .min(1)
    .default(['editor'])
    .describe(
      'The parts to show, comma-separated: `editor` (the editor with the goals, the image size and the findings; ' +
        'always shown), `steps` (the build step by step), `explorer` (the layer explorer), `compare` (the ' +
        'starter beside the reference or your work) and `terminal` (what `docker build` and `docker run` print).',
    ),
  theme: z
    .enum(THEMES)
    .default('auto')
    .describe("`light`, `dark`, or `auto` to follow the reader's system setting (and its changes)."),
  readonly: z
    .boolean()
    .default(false)
    .describe(
      'Show the exercise without letting the reader edit it: goals, verdict, findings and views stay live; ' +
        'the host page can still change the Dockerfile with `setDockerfile`.',
    ),
  load: z
    .enum(LOAD_MODES)
    .default('eager')
    .describe(
      '`eager` starts the widget at once; `click` shows a light preview (under 10 KB of JavaScript) and ' +
        'loads the editor and the simulator only when the reader asks.',
    ),
  origins: z
    .array(z.url({ protocol: /^https?$/ }))
    .max(MAX_ORIGINS)
    .optional()
    .describe(
      'The origins allowed to send commands, comma-separated (`https://blog.example`); events are then ' +
        'posted to these origins only. Without it any embedding page may command the widget; the loader ' +
        "sets it to the page's own origin.",
    ),
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .optional()
    .describe('A name for this widget, echoed as `widget` in every event, to tell several apart.'),
});

export type EmbedOptionsInput = z.input<typeof embedOptionsSchema>;
