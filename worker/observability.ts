/**
 * The worker's own HTTP port: `/metrics` (Homeward's metrics followed by the Temporal SDK's, so a
 * worker is one scrape target), `/healthz` (the process answers) and `/readyz` (the worker polls
 * its task queue and Postgres answers). Also the activity interceptor that times every activity.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { HomewardMetrics } from '../platform/metrics.js';

/** Times each activity (the appends among them) by name, local or not, and outcome. */
export const activityMetrics =
  (metrics: HomewardMetrics): ActivityInterceptorsFactory =>
  (context) => ({
    inbound: {
      async execute(input, next) {
        const end = metrics.activityDuration.startTimer({ activity: context.info.activityType, local: String(context.info.isLocal) });
        try {
          const result = await next(input);
          end({ outcome: 'ok' });
          return result;
        } catch (error) {
          end({ outcome: 'failed' });
          throw error;
        }
      },
    },
  });

export interface WorkerHttpOptions {
  port: number;
  host: string;
  metrics: HomewardMetrics;
  /** Where the SDK's Prometheus exporter listens (`host:port`), appended to /metrics. */
  sdkMetricsAddress?: string;
  /** Each check's state: "ok" or why not. */
  readiness: () => Promise<Record<string, string>>;
}

export async function startWorkerHttp(options: WorkerHttpOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      try {
        if (request.url === '/metrics') {
          const own = await options.metrics.registry.metrics();
          const sdk = options.sdkMetricsAddress ? await sdkMetrics(options.sdkMetricsAddress) : '';
          response.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(`${own}\n${sdk}`);
        } else if (request.url === '/healthz') {
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', checks: {} }));
        } else if (request.url === '/readyz') {
          const checks = await options.readiness();
          const ready = Object.values(checks).every((state) => state === 'ok');
          response
            .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: ready ? 'ready' : 'not ready', checks }));
        } else {
          response.writeHead(404).end();
        }
      } catch (error) {
        response.writeHead(500).end((error as Error).message);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The SDK's exporter's text; a scrape still answers (with Homeward's part) when it does not. */
async function sdkMetrics(address: string): Promise<string> {
  try {
    const response = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? await response.text() : `# temporal sdk metrics: HTTP ${response.status}\n`;
  } catch (error) {
    return `# temporal sdk metrics unavailable: ${(error as Error).message}\n`;
  }
}
