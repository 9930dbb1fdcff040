import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { rooms } from '@kefu/shared';
import type { Database } from './db.js';
import { replayEvents, type EventDispatcher } from './events.js';

export interface RealtimePrincipal {
  tenantId: string;
  userId: string | null;
  /** Set for website visitors: they only ever join their contact's room. */
  contactId?: string;
  inboxId?: string;
}
export type SocketAuthenticator = (input: {
  cookieHeader?: string;
  token?: string;
  visitorToken?: string;
}) => Promise<RealtimePrincipal | null>;
export type TypingRelay = (
  principal: RealtimePrincipal,
  input: { conversationId?: unknown; typing?: unknown },
) => Promise<{ room: string; payload: unknown } | null>;

export interface RealtimeOptions {
  db: Database;
  dispatcher: EventDispatcher;
  authenticate: SocketAuthenticator;
  /** May this principal join this room (`i:<inbox>`, `c:<conversation>`)? Tenant and user rooms are automatic. */
  authorizeRoom?: (principal: RealtimePrincipal, room: string) => Promise<boolean>;
  onTyping?: TypingRelay;
  /** Called when an agent's socket connects, every minute while it stays, and when it goes. */
  onAgentHeartbeat?: (principal: RealtimePrincipal, connected: boolean) => Promise<void>;
  redisUrl: string | null;
  /** Redis channel prefix, so several installations (or test runs) can share one Redis. */
  redisPrefix: string;
  /** Attach to the HTTP server (realtime role); without it the server only emits through the adapter. */
  httpServer?: HttpServer;
}

/**
 * Socket.IO: each socket joins its tenant and user rooms. With Redis, the adapter fans events out to
 * sockets on every node, so an event dispatched anywhere reaches a client connected anywhere.
 */
export async function createRealtime(options: RealtimeOptions) {
  const io = new Server({ serveClient: false, cors: { origin: false }, pingInterval: 20_000 });
  const redisClients: Redis[] = [];
  if (options.redisUrl) {
    const pub = new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
    const sub = pub.duplicate();
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: `${options.redisPrefix}:socket.io` }));
  }
  if (options.httpServer) io.attach(options.httpServer);

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth ?? {};
      const token = typeof auth.token === 'string' ? auth.token : undefined;
      const visitorToken = typeof auth.visitorToken === 'string' ? auth.visitorToken : undefined;
      // a visitor never carries the workspace's session cookie into the widget's socket
      const principal = await options.authenticate({
        cookieHeader: visitorToken ? undefined : socket.handshake.headers.cookie,
        token,
        visitorToken,
      });
      if (!principal) return next(new Error('unauthenticated'));
      socket.data.principal = principal;
      next();
    } catch {
      next(new Error('unauthenticated'));
    }
  });

  io.on('connection', (socket: Socket) => {
    const principal = socket.data.principal as RealtimePrincipal;
    if (principal.contactId) {
      void socket.join(rooms.contact(principal.contactId));
    } else {
      void socket.join(rooms.tenant(principal.tenantId));
      if (principal.userId) void socket.join(rooms.user(principal.userId));
      if (principal.userId && options.onAgentHeartbeat) {
        const beat = (connected: boolean) =>
          void options.onAgentHeartbeat!(principal, connected).catch(() => undefined);
        beat(true);
        const timer = setInterval(() => beat(true), 60_000);
        timer.unref();
        socket.on('disconnect', () => {
          clearInterval(timer);
          beat(false);
        });
      }
    }

    let lastTyping = { at: 0, state: false };
    socket.on('typing', async (input: unknown) => {
      const state = (input as { typing?: unknown })?.typing === true;
      // a chatty client cannot flood the room: repeats of the same state pass at most once a second
      if (!options.onTyping || (state === lastTyping.state && Date.now() - lastTyping.at < 1000)) return;
      lastTyping = { at: Date.now(), state };
      const relay = await options
        .onTyping(principal, (input ?? {}) as { conversationId?: unknown; typing?: unknown })
        .catch(() => null);
      if (relay) socket.to(relay.room).emit('typing', relay.payload);
    });

    // extra rooms (an inbox, a conversation) on request, each checked against the caller's tenant
    socket.on('subscribe', async (input: unknown, ack?: (reply: unknown) => void) => {
      const wanted = Array.isArray((input as { rooms?: unknown })?.rooms)
        ? (input as { rooms: unknown[] }).rooms
        : [];
      const joined: string[] = [];
      for (const room of wanted.slice(0, 100)) {
        if (typeof room !== 'string' || room.length > 100) continue;
        if (
          !principal.contactId &&
          options.authorizeRoom &&
          (await options.authorizeRoom(principal, room).catch(() => false))
        ) {
          await socket.join(room);
          joined.push(room);
        }
      }
      if (typeof ack === 'function') ack({ rooms: joined });
    });
    socket.on('unsubscribe', (input: unknown) => {
      const rooms = Array.isArray((input as { rooms?: unknown })?.rooms)
        ? (input as { rooms: unknown[] }).rooms
        : [];
      for (const room of rooms) if (typeof room === 'string' && /^[ic]:/.test(room)) void socket.leave(room);
    });

    socket.on('resume', async (input: unknown, ack?: (reply: unknown) => void) => {
      if (typeof ack !== 'function') return;
      const lastSeq = Number((input as { lastSeq?: unknown })?.lastSeq ?? -1);
      if (!Number.isFinite(lastSeq)) return ack({ error: 'lastSeq must be a number' });
      try {
        const socketRooms = [...socket.rooms].filter((r) => r !== socket.id);
        ack(await replayEvents(options.db, principal.tenantId, Math.floor(lastSeq), socketRooms));
      } catch {
        ack({ error: 'resume failed' });
      }
    });
  });

  options.dispatcher.setRoomEmitter((targetRooms, event) => {
    io.to(targetRooms).emit('event', event);
  });

  return {
    io,
    socketCount: () => io.engine?.clientsCount ?? 0,
    async close() {
      options.dispatcher.setRoomEmitter(null);
      // disconnects every client; they reconnect to another node and resume from their last sequence
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}

export type Realtime = Awaited<ReturnType<typeof createRealtime>>;
