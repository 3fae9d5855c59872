import { describe, expect, it } from 'vitest';
import { EventStreamParser } from '../../../src/components/workshop/event-stream.ts';

describe('event stream parser', () => {
  it('splits events across chunks, with every kind of line ending', () => {
    // Fed one character at a time: a line ending may be split between chunks.
    const parser = new EventStreamParser();
    const text =
      'retry: 2000\n\n: keep-alive\n\nevent: state\ndata: {"a":1}\n\nevent: progress\r\ndata: 1\r\ndata: 2\r\n\r\ndata: x\r\r: the next chunk says the \\r was not half of \\r\\n\n';
    const events = [];
    for (const char of text) events.push(...parser.push(char));
    expect(events).toEqual([
      { event: 'state', data: '{"a":1}' },
      { event: 'progress', data: '1\n2' },
      { event: 'message', data: 'x' },
    ]);
  });
});
