/**
 * The bounds that keep a hostile archive from taking the tab down: metadata is read whole, so it
 * is capped; file data is streamed, so only its total and its compression ratio are.
 */
export interface ArchiveLimits {
  /** manifest.json, index.json, an image config or manifest: read whole, so capped. */
  readonly metadataBytes: number;
  /** Entries of the outer archive (a saved image has a few dozen). */
  readonly archiveEntries: number;
  /** Files, directories and links over all layers (a large Debian image has ~40,000). */
  readonly layerEntries: number;
  /** A path or link target, and a pax record block. */
  readonly pathBytes: number;
  readonly paxBytes: number;
  /** Uncompressed bytes over all layers. */
  readonly unpackedBytes: number;
  /** Past this many uncompressed bytes in a layer, the ratio to its compressed size is checked. */
  readonly ratioCheckAfter: number;
  /** Uncompressed over compressed; gzip cannot exceed ~1,032, zstd can reach millions (a bomb). */
  readonly compressionRatio: number;
  /** Text kept for the files the analyses read (/etc/passwd, package databases, scripts). */
  readonly keptTextBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  metadataBytes: 16 * 2 ** 20,
  archiveEntries: 10_000,
  layerEntries: 2_000_000,
  pathBytes: 4096,
  paxBytes: 2 ** 20,
  unpackedBytes: 64 * 2 ** 30,
  ratioCheckAfter: 256 * 2 ** 20,
  compressionRatio: 5000,
  keptTextBytes: 64 * 2 ** 20,
};
