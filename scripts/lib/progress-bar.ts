/** A one-line progress bar on stderr (stdout stays free for results). Silent when stderr is not a terminal, except every 10 %. */
export function createProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  let lastDecile = -1;
  const started = Date.now();
  return {
    update(done: number) {
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(fraction * width);
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      const line = `${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} (${Math.round(rate).toLocaleString("en-GB")}/s)`;
      if (stream.isTTY) stream.write(`\r${line}`);
      else if (Math.floor(fraction * 10) > lastDecile) {
        lastDecile = Math.floor(fraction * 10);
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
