/** The one error a saved image can be refused with: a code for tests and a message that says what to do. */

export type ArchiveErrorCode =
  | 'archive/not-an-image'
  | 'archive/not-a-tar'
  | 'archive/truncated'
  | 'archive/missing-blob'
  | 'archive/outside'
  | 'archive/link-loop'
  | 'archive/too-large'
  | 'archive/bad-metadata'
  | 'archive/unsupported'
  | 'archive/corrupt-layer'
  | 'archive/cancelled';

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
  readonly code: ArchiveErrorCode;
  constructor(code: ArchiveErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
