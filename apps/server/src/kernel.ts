import type { Config } from './platform/config.js';
import type { Database } from './platform/db.js';
import type { EventDispatcher, Logger } from './platform/events.js';
import type { JobQueue } from './platform/queue.js';
import type { FileStorage } from './modules/attachments/index.js';

/** The platform services every module receives; built once in app.ts. */
export interface Kernel {
  config: Config;
  db: Database;
  events: EventDispatcher;
  queue: JobQueue;
  log: Logger;
  storage: FileStorage;
}
