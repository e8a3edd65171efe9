/**
 * A process that supervises a Temporal dev server as `npm start` does, for the supervisor test:
 * `node --import tsx test/support/supervised-dev-server.ts <stateFile> <port> <uiPort>`. Prints its
 * state as one JSON line every 200 ms; exits 3 with the reason when the port is already held.
 */
import { findTemporalCli } from '../../platform/config.js';
import { PortAlreadyHeld, superviseDevServer } from '../../platform/supervisor.js';

const [dbFile, port, uiPort] = process.argv.slice(2);
try {
  const server = await superviseDevServer({
    cliPath: findTemporalCli(),
    dbFile: dbFile!,
    port: Number(port),
    uiPort: Number(uiPort),
    reuseExisting: process.env.HOMEWARD_REUSE_TEMPORAL === '1',
  });
  const report = () =>
    process.stdout.write(
      `${JSON.stringify({ address: server.address, guardPid: server.guardPid(), serverPid: server.serverPid(), restarts: server.restarts() })}\n`,
    );
  setInterval(report, 200);
  process.once('SIGTERM', async () => {
    await server.stop();
    process.exit(0);
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof PortAlreadyHeld ? 3 : 1);
}
