/**
 * A loopback TCP proxy whose link can be cut and restored, to play "the network to Postgres is
 * gone" without touching the real server (there is no netem here). Cut: every connection through
 * it is destroyed and new ones are refused until restored.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Replaces host:port of a connection URL with the proxy's. */
  urlThrough(url: string): string;
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  const server: Server = createServer((client) => {
    if (isCut) return void client.destroy();
    const upstream = connect(target.port, target.host);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    urlThrough(url: string) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** host and port of a postgres:// URL; a URL naming a Unix socket (host=/run/...) has no TCP target. */
export function tcpTargetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const socketHost = parsed.searchParams.get('host');
  if (socketHost?.startsWith('/') || !parsed.hostname) throw new Error(`not a TCP database URL (${parsed.protocol}//…${socketHost ?? ''})`);
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}
