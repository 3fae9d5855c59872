/** The worker's inbox runs only the newest request of each kind and answers the skipped ones. */
import { describe, expect, it } from 'vitest';
import { createJobQueue } from '../../../src/components/engine/job-queue.ts';
import type { EngineRequest, EngineResponse } from '../../../src/components/engine/protocol.ts';

const request = (id: number): EngineRequest => ({ id, kind: 'parse', dockerfile: `# ${id}`, files: [] });

describe('job queue', () => {
  it('runs the newest waiting request and answers the others as superseded', () => {
    const posted: EngineResponse[] = [];
    const ran: number[] = [];
    let drain: (() => void) | undefined;
    const queue = createJobQueue(
      (job) => {
        ran.push(job.id);
        return { id: job.id, kind: job.kind, status: 'failed', message: 'ran' };
      },
      (response) => posted.push(response),
      (next) => {
        drain = next;
      },
    );
    queue.push(request(1));
    queue.push(request(2));
    queue.push(request(3));
    expect(ran).toEqual([]);
    drain?.();
    expect(ran).toEqual([3]);
    expect(posted.map((response) => [response.id, response.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'failed'],
    ]);
    queue.push(request(4));
    drain?.();
    expect(ran).toEqual([3, 4]);
  });
});
