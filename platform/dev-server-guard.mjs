// Watchdog between `npm start` and the Temporal dev server: `node dev-server-guard.mjs <cli> <args...>`.
// Started in a process group of its own; it runs the server as its child and stops it when its
// parent goes away on ANY path - a clean stop closes our stdin, and so does the parent's death,
// even by SIGKILL (the kernel closes the pipe); the parent pid changing is checked as well. When
// the server exits by itself, the guard exits with its code so the parent can start it again.
// Plain JavaScript on purpose: it runs with bare `node`, small and quick, no TypeScript loader.
import { spawn } from 'node:child_process';

const [cli, ...args] = process.argv.slice(2);
const parentAtStart = process.ppid;
const server = spawn(cli, args, { stdio: ['ignore', 'ignore', 'inherit'] });
process.stdout.write(`server-pid ${server.pid}\n`);

let stopping = false;
function stopServer() {
  if (stopping) return;
  stopping = true;
  if (server.exitCode !== null || server.signalCode !== null) process.exit(0);
  server.kill('SIGTERM');
  setTimeout(() => server.kill('SIGKILL'), 5000).unref();
}

server.on('exit', (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 128 + 9 : 1))));
server.on('error', (error) => {
  process.stderr.write(`dev-server-guard: cannot run ${cli}: ${error.message}\n`);
  process.exit(127);
});
process.stdin.on('end', stopServer).on('close', stopServer).on('error', stopServer).resume();
setInterval(() => {
  if (process.ppid !== parentAtStart) stopServer();
}, 1000).unref();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stopServer);
