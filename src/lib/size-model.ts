/**
 * How the simulator counts a layer's size, in one place, so every view that shows a size names the
 * same model. Real Docker has two image stores and they disagree on RUN layers: the choice and the
 * figures below come from the oracle's recordings (tests/oracle/, its README's "The size model").
 */

/** The model, named where sizes appear. */
export const SIZE_MODEL_NAME = 'containerd image store';

/** One line for a view's footnote. */
export const SIZE_MODEL_SHORT =
  'Sizes are the bytes of the files each layer holds, as BuildKit and the containerd image store (the default of current Docker) save them.';

/** The note the simulated `docker history` prints under its table: its SIZE column is not real Docker's. */
export const HISTORY_SIZE_NOTE =
  "SIZE: the bytes of each layer's files (containerd image store). Real `docker history` there prints disk usage in 4 KiB blocks, and the classic overlay2 store shows RUN layers larger.";

/**
 * The figures that show the difference, each measured by the oracle (Docker 28.5.2 on Debian
 * bookworm, 2026-12-07): one `apt-get install -y --no-install-recommends jq` on debian:bookworm-slim
 * (case apt-bookworm-slim-jq).
 */
export const SIZE_MODEL_EVIDENCE = {
  case: 'apt-bookworm-slim-jq',
  containerdBytes: 1_205_760,
  overlay2Bytes: 1_963_318,
  dockerHistoryBlocks: 1_384_448,
} as const;
