/**
 * Who holds a TCP port on this machine: the process (from /proc, Linux) and, when it answers
 * Temporal's gRPC, the Temporal server version. So `npm start` can say what it found instead of
 * silently using a leftover server.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { Connection } from '@temporalio/client';

export interface PortHolder {
  port: number;
  pid?: number;
  command?: string;
  temporalVersion?: string;
}

export function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** The listening socket's inode for `port` (IPv4 or IPv6), from /proc/net/tcp*. */
function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') return fields[9];
    }
  }
  return undefined;
}

function processHoldingInode(inode: string): { pid: number; command: string } | undefined {
  const socketLink = `socket:[${inode}]`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) !== socketLink) continue;
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        return { pid: Number(entry), command };
      } catch {
        continue;
      }
    }
  }
  return undefined;
}

/** Undefined when nothing listens on `port`; otherwise what is known of the holder. */
export async function describePortHolder(port: number): Promise<PortHolder | undefined> {
  if (!(await isPortOpen(port))) return undefined;
  const inode = listeningInode(port);
  const holder: PortHolder = { port, ...(inode ? processHoldingInode(inode) : {}) };
  try {
    const connection = await Connection.connect({ address: `127.0.0.1:${port}`, connectTimeout: 2000 });
    try {
      const info = await connection.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
      holder.temporalVersion = info.serverVersion || 'unknown version';
    } finally {
      await connection.close();
    }
  } catch {
    // Not a Temporal server (or not answering): the process is all we can say.
  }
  return holder;
}

export function describe(holder: PortHolder): string {
  const what = holder.temporalVersion ? `a Temporal server (${holder.temporalVersion})` : 'a process that is not a Temporal server';
  const who = holder.pid ? `, pid ${holder.pid} (${holder.command ?? 'unknown command'})` : '';
  return `port ${holder.port} is held by ${what}${who}`;
}
