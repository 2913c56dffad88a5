/**
 * Preloaded (node -r) into a process a benchmark wants to profile, started with an IPC channel: the message
 * "cpu-profile" starts the V8 CPU profiler, the next one stops it and writes bench/profiles/<name>-<time>.cpuprofile
 * (open it in Chrome DevTools or speedscope). Only the measured window is profiled, and the process need not exit
 * cleanly. (Not a signal: Nest's shutdown hooks take SIGUSR2, and SIGUSR1 belongs to the inspector.)
 */
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new Session();
session.connect();
let running = false;

process.on('message', (message) => {
  if (message !== 'cpu-profile') return;
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, result) => {
    if (err) return console.error('cpu profile failed', err);
    const dir = join(__dirname, 'profiles');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${process.env.BENCH_PROFILE_NAME ?? 'process'}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(result.profile));
    console.error(`cpu profile written: ${file}`);
  });
});
// Adding the listener refs the channel: the process must still be free to exit on its own.
process.channel?.unref();
