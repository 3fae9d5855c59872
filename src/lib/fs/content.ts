/** Content identity for files: equal ids mean equal bytes, whatever the file is called or owned by. */
import type { FileNode, TreeNode } from './tree.ts';

/**
 * Two 32-bit FNV-1a hashes with different seeds, as 16 hex digits: fast, pure and stable across
 * runs. Not cryptographic; a collision among the files of one build is vanishingly unlikely.
 */
export function contentDigest(text: string): string {
  let first = 0x811c9dc5;
  let second = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ (code + i), 0x01000193);
  }
  return (first >>> 0).toString(16).padStart(8, '0') + (second >>> 0).toString(16).padStart(8, '0');
}

const catalogIds = new WeakMap<FileNode, string>();
let nextCatalogId = 0;

/** The identity of a file's content; catalog files without an id are told apart by their decoded node. */
export function contentIdOf(file: FileNode): string {
  if (file.contentId !== undefined) return file.contentId;
  if (file.content !== undefined) return `sha:${contentDigest(file.content)}`;
  let id = catalogIds.get(file);
  if (id === undefined) {
    id = `node:${nextCatalogId++}`;
    catalogIds.set(file, id);
  }
  return id;
}

/** The identity of a subtree (names, kinds, modes, owners, contents, link targets): equal digests, equal trees. */
export function treeDigest(root: TreeNode): string {
  const lines: string[] = [];
  const walk = (path: string, node: TreeNode): void => {
    const what = node.kind === 'file' ? contentIdOf(node) : node.kind === 'dir' ? '' : node.target;
    lines.push(`${path} ${node.kind} ${node.mode} ${node.uid}:${node.gid} ${what}`);
    if (node.kind !== 'dir') return;
    for (const name of [...node.children.keys()].sort())
      walk(`${path}/${name}`, node.children.get(name) as TreeNode);
  };
  walk('', root);
  return contentDigest(lines.join('\n'));
}

/** A file node with text content, its size in UTF-8 bytes and its identity set. */
export function textFile(content: string, meta: { mode: number; uid: number; gid: number }): FileNode {
  return {
    kind: 'file',
    mode: meta.mode,
    uid: meta.uid,
    gid: meta.gid,
    size: new TextEncoder().encode(content).length,
    content,
    contentId: `sha:${contentDigest(content)}`,
  };
}
