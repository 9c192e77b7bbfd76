import { Writable } from 'node:stream';

import { ProgressBar, renderProgress } from './progress-bar.util';

describe('renderProgress', () => {
  it('should fill the bar in proportion when part of the work is done', () => {
    expect(renderProgress('facts', 250, 1000, 500, 10)).toBe('facts [###-------]  25.0%  250/1000  500/s');
  });

  it('should show a full bar when there is nothing to do', () => {
    expect(renderProgress('facts', 0, 0, 0, 4)).toBe('facts [####] 100.0%  0/0  0/s');
  });
});

describe('ProgressBar', () => {
  it('should write one line per tenth when the stream is not a terminal', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    const bar = new ProgressBar(stream, 'values', 100);
    for (let i = 0; i <= 100; i++) bar.update(i);
    bar.finish(100);
    expect(lines).toHaveLength(11);
    expect(lines[10]).toContain('100.0%');
  });
});
