// Preloaded into a process the bench times: writes the CPU time the process used on its way out, since
// Node tells a parent nothing of its children's CPU time.
process.on('exit', () => {
  process.stderr.write(`\ncpu-ms ${process.cpuUsage().user / 1000}\n`);
});
