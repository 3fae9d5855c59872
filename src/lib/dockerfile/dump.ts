/** BuildKit's `Node.Dump()` format, byte for byte: the reference its parser tests compare against. */
import { goQuote, goToLower } from './go-text.ts';
import type { SyntaxNode, SyntaxTree } from './syntax-tree.ts';

/** One line per instruction, `(keyword ["--flags"] "arg" …)`, ending with a newline. */
export function dumpSyntaxTree(tree: SyntaxTree): string {
  let out = '';
  for (const node of tree.nodes) out += `(${dumpNode(node)})\n`;
  return out;
}

function dumpNode(node: SyntaxNode): string {
  let out = goToLower(node.keyword.value);
  if (node.flags.length > 0) out += ` [${node.flags.map((flag) => goQuote(flag.value)).join(' ')}]`;
  if (node.trigger) out += ` (${dumpNode(node.trigger)})`;
  for (const arg of node.args) out += ` ${goQuote(arg.value)}`;
  return out.trim();
}
