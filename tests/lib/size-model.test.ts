/** The size model's figures are the oracle's recordings, not numbers typed once and left to drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIZE_MODEL_EVIDENCE } from '../../src/lib/size-model.ts';

interface Recording {
  readonly store: string;
  readonly history: readonly { readonly size: number }[];
  readonly dockerHistorySizes: readonly number[];
  readonly overlay2: { readonly layerSizes: readonly number[] };
}

const recording = JSON.parse(
  readFileSync(`tests/oracle/cases/${SIZE_MODEL_EVIDENCE.case}/real.json`, 'utf8'),
) as Recording;

describe('the size model', () => {
  it('quotes the containerd store, overlay2 and docker history figures of its recorded case', () => {
    expect(recording.store).toBe('containerd');
    expect(recording.history.at(-1)?.size).toBe(SIZE_MODEL_EVIDENCE.containerdBytes);
    expect(recording.overlay2.layerSizes.at(-1)).toBe(SIZE_MODEL_EVIDENCE.overlay2Bytes);
    expect(recording.dockerHistorySizes.at(-1)).toBe(SIZE_MODEL_EVIDENCE.dockerHistoryBlocks);
  });
});
