import client from 'prom-client';

/** Prometheus metrics; one registry per server instance so tests can run several in one process. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: 'kefu_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const openSockets = new client.Gauge({
    name: 'kefu_realtime_open_sockets',
    help: 'Socket.IO connections open on this node',
    registers: [registry],
  });
  const queueDepth = new client.Gauge({
    name: 'kefu_queue_depth',
    help: 'Jobs waiting or running per queue',
    labelNames: ['queue'],
    registers: [registry],
  });
  const outboxLag = new client.Gauge({
    name: 'kefu_outbox_lag_seconds',
    help: 'Age of the oldest committed event not yet dispatched',
    registers: [registry],
  });
  const outboxPending = new client.Gauge({
    name: 'kefu_outbox_pending_events',
    help: 'Committed events not yet dispatched',
    registers: [registry],
  });
  return { registry, httpDuration, openSockets, queueDepth, outboxLag, outboxPending };
}

export type Metrics = ReturnType<typeof createMetrics>;
