import { io, type Socket, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { EventEnvelope } from './events.js';

export interface RealtimeClientOptions {
  url: string;
  /** Sent as the Socket.IO handshake `auth` (e.g. `{ token }` for API tokens); cookies are sent by browsers. */
  auth?: Record<string, unknown>;
  /** Last sequence this client has already processed (from storage); 0 = start from now. */
  lastSeq?: number;
  onEvent: (event: EventEnvelope) => void;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

interface ResumeReply {
  events: EventEnvelope[];
  seq: number;
  truncated?: boolean;
}

/**
 * A resumable event stream over Socket.IO. Every event carries its tenant sequence number and the server
 * delivers a tenant's events in sequence order; this client hands them to `onEvent` exactly once. After a
 * (re)connect it asks for everything after the last sequence it processed, holding live events back until
 * that replay is in, so nothing is missed, doubled or reordered.
 */
export function createRealtimeClient(options: RealtimeClientOptions) {
  let lastSeq = options.lastSeq ?? -1;
  let resuming = false;
  let held: EventEnvelope[] = [];
  const socket: Socket = io(options.url, {
    transports: ['websocket'],
    auth: options.auth,
    ...options.socketOptions,
  });

  const deliver = (event: EventEnvelope) => {
    if (event.seq <= lastSeq) return; // already processed (replay and live overlap)
    lastSeq = event.seq;
    options.onEvent(event);
  };

  const resume = async () => {
    resuming = true;
    try {
      const reply = (await socket.timeout(10_000).emitWithAck('resume', { lastSeq })) as ResumeReply;
      // A fresh client (lastSeq -1) starts from the server's current position; the server sends no history.
      if (lastSeq < 0) lastSeq = reply.seq;
      for (const event of reply.events) deliver(event);
    } catch {
      // the next reconnect resumes again
    } finally {
      resuming = false;
      const events = held.sort((a, b) => a.seq - b.seq);
      held = [];
      for (const event of events) deliver(event);
    }
  };

  socket.on('connect', () => void resume());
  socket.on('event', (event: EventEnvelope) => {
    if (resuming) held.push(event);
    else deliver(event);
  });

  return {
    socket,
    get lastSeq() {
      return lastSeq;
    },
    close: () => socket.close(),
  };
}
