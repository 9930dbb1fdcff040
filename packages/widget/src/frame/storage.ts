// localStorage, namespaced per inbox. Browsers that block storage in third-party frames still get a working
// chat for the life of the page (kept in memory), only without continuity across reloads.
const memory = new Map<string, string>();

export class WidgetStorage {
  constructor(private readonly inbox: string) {}

  private key(name: string) {
    return `kefu:${this.inbox}:${name}`;
  }

  get<T>(name: string, fallback: T): T {
    let raw: string | null | undefined;
    try {
      raw = localStorage.getItem(this.key(name));
    } catch {
      raw = memory.get(this.key(name));
    }
    if (raw == null) return fallback;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return fallback;
    }
  }

  set(name: string, value: unknown) {
    const raw = JSON.stringify(value);
    memory.set(this.key(name), raw);
    try {
      localStorage.setItem(this.key(name), raw);
    } catch {
      // storage blocked or full: memory only
    }
  }

  remove(name: string) {
    memory.delete(this.key(name));
    try {
      localStorage.removeItem(this.key(name));
    } catch {
      // ignore
    }
  }
}
