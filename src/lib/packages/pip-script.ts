/** The size of the console-script launchers pip writes into `bin/` (pip 23's ScriptMaker output). */

/**
 * Bytes of pip's launcher text without its three names: a coding line, two imports, the `from … import …`
 * line, the `__main__` guard, the argv[0] clean-up and `sys.exit(…())`. Measured on pip 23.0.1's own
 * `pip3` launcher (247 bytes for a 45-byte shebang and `pip._internal.cli.main:main`).
 */
const TEMPLATE_BYTES = 172;

/**
 * Bytes of the launcher pip writes for an entry point `module:attr[.attr…]`: `#!<interpreter>`, then
 * the template naming the module, the first attribute it imports and the callable.
 */
export function consoleScriptSize(entry: string, interpreter: string): number {
  const [module = '', func = ''] = entry.split(':').map((s) => s.trim());
  const importName = func.split('.')[0] ?? '';
  return (
    utf8Length(`#!${interpreter}\n`) +
    TEMPLATE_BYTES +
    utf8Length(module) +
    utf8Length(importName) +
    utf8Length(func)
  );
}

/** Bytes of `text` in UTF-8, as file names and shebangs are written. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
