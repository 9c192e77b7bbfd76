/** One line of a text progress bar: `label [#####-----]  50.0%  500/1000  250/s`. */
export function renderProgress(label: string, done: number, total: number, elapsedMs: number, width = 30): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(1).padStart(5)}%  ${done}/${total}  ${rate}/s`;
}

/**
 * A progress bar on a stream (stderr): redrawn in place on a terminal; otherwise one line every tenth,
 * so logs and CI output stay readable.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastTenth = -1;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly label: string,
    private readonly total: number,
  ) {}

  update(done: number): void {
    const line = renderProgress(this.label, done, this.total, Date.now() - this.started);
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}`);
      return;
    }
    const tenth = this.total > 0 ? Math.floor((done * 10) / this.total) : 10;
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${line}\n`);
  }

  finish(done: number): void {
    const line = renderProgress(this.label, done, this.total, Date.now() - this.started);
    if (this.stream.isTTY) this.stream.write(`\r${line}\n`);
    else if (this.lastTenth !== 10) this.stream.write(`${line}\n`);
  }
}
