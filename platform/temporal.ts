/** Connections to Temporal, and an embedded dev server for local runs and tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { InterceptingCall, Metadata, status as grpcStatus, type Interceptor, type InterceptingListener } from '@grpc/grpc-js';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { homewardDataConverter } from './crypto/data-converter.js';
import type { KeyRing } from './crypto/key-ring.js';

/**
 * gRPC reconnects by itself with a backoff that grows to two minutes by default: after a Temporal
 * restart the API would stay unready that long. Five seconds at most keeps recovery prompt.
 */
const RECONNECT_SOON = {
  'grpc.initial_reconnect_backoff_ms': 250,
  'grpc.max_reconnect_backoff_ms': 5000,
  'grpc.min_reconnect_backoff_ms': 250,
};

/** Every client encrypts payloads and failure messages with the payload keys (required on purpose). */
export async function connectClient(address: string, namespace: string, payloadKeys: KeyRing): Promise<Client> {
  let closed = false;
  const connection = await untilConnected(
    () =>
      Connection.connect({
        address,
        channelArgs: RECONNECT_SOON,
        interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions()), refusedOnceClosed(() => closed)],
      }),
    60_000,
  );
  const close = connection.close.bind(connection);
  connection.close = () => {
    closed = true;
    return close();
  };
  return new Client({ connection, namespace, dataConverter: homewardDataConverter(payloadKeys) });
}

/**
 * The SDK's retry interceptor sends a retry from a timer; once the connection is closed that
 * throws "Channel has been shut down" out of the timer and ends the process. Below it, this
 * interceptor answers such a late retry with CANCELLED instead of touching the closed channel.
 */
function refusedOnceClosed(isClosed: () => boolean): Interceptor {
  return (options, nextCall) => {
    if (!isClosed()) return new InterceptingCall(nextCall(options));
    const cancelled = {
      start: (_metadata: Metadata, listener: InterceptingListener) =>
        setImmediate(() =>
          listener.onReceiveStatus({ code: grpcStatus.CANCELLED, details: 'connection closed', metadata: new Metadata() }),
        ),
      sendMessageWithContext: () => undefined,
      sendMessage: () => undefined,
      startRead: () => undefined,
      halfClose: () => undefined,
      cancelWithStatus: () => undefined,
      getPeer: () => '',
      getAuthContext: () => null,
    };
    return new InterceptingCall(cancelled as unknown as ConstructorParameters<typeof InterceptingCall>[0]);
  };
}

/**
 * A worker started while the Temporal server restarts (a supervisor brought it back after a crash)
 * waits for the server instead of exiting; after `withinMs` it fails loudly with the reason.
 */
export async function connectWorker(address: string, withinMs = 60_000): Promise<NativeConnection> {
  return untilConnected(() => NativeConnection.connect({ address }), withinMs);
}

async function untilConnected<T>(connect: () => Promise<T>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await connect();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export interface DevServer {
  address: string;
  uiUrl: string;
  /** The server's process, e.g. for the bench to read its CPU time. */
  pid: number;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cliPath: string;
  /** Keep state across restarts in this SQLite file; omit for an in-memory server (tests). */
  dbFile?: string;
  port?: number;
  uiPort?: number;
}

/** Starts `temporal server start-dev` and resolves once it accepts connections. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port ?? (await freePort());
  const uiPort = options.uiPort ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort), '--log-level', 'warn'];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const address = `127.0.0.1:${port}`;
  await waitUntilReachable(address, child, () => stderr);
  return { address, uiUrl: `http://127.0.0.1:${uiPort}`, pid: child.pid!, stop: () => stopChild(child) };
}

async function waitUntilReachable(address: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Temporal dev server exited (${child.exitCode}): ${stderr()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server not reachable at ${address}: ${String(error)} ${stderr()}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Routes the Temporal SDK's own logs into pino at WARN and above: the SDK logs every bundle and
 * state change at INFO, which buries what matters. Call once per process, before any worker.
 */
export function installTemporalRuntime(
  logger: Logger,
  shutdownSignals: NodeJS.Signals[] = [],
  /** `host:port` for the SDK's Prometheus exporter (workflow task latency, schedule-to-start, sticky cache). */
  metricsBindAddress?: string,
): void {
  const sdkLogger = new DefaultLogger('WARN', (entry) => {
    const level = entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : 'debug';
    logger[level]({ ...entry.meta, sdk: 'temporal' }, entry.message);
  });
  try {
    Runtime.install({
      logger: sdkLogger,
      shutdownSignals,
      ...(metricsBindAddress
        ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsBindAddress, useSecondsForDurations: true } } } }
        : {}),
    });
  } catch {
    // Already installed in this process (tests create several workers): keep the first.
  }
}
