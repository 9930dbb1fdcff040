// Messages between the loader (customer's page) and the chat frame (Kefu's origin), over postMessage.
// Every message carries `kefu: 1` so both sides ignore the page's other traffic.

export type Locale = 'zh-CN' | 'en';

export interface PageInfo {
  url: string;
  title: string;
  referrer: string;
}

export interface IdentifyInput {
  userId: string;
  name?: string;
  email?: string;
  phone?: string;
  attributes?: Record<string, string | number | boolean | null>;
  userHash?: string;
}

/** Loader → frame. */
export type ToFrame =
  | { kefu: 1; type: 'init'; page: PageInfo; locale?: Locale; open: boolean }
  | { kefu: 1; type: 'page'; page: PageInfo }
  | { kefu: 1; type: 'visibility'; open: boolean }
  | { kefu: 1; type: 'call'; id: number; method: 'identify'; args: IdentifyInput }
  | { kefu: 1; type: 'call'; id: number; method: 'setLocale'; args: Locale };

/** Frame → loader. */
export type FromFrame =
  | {
      kefu: 1;
      type: 'ready';
      position: 'left' | 'right';
      brandColor: string;
      labels: { open: string; close: string; unread: string };
    }
  | { kefu: 1; type: 'disabled'; reason: string }
  | { kefu: 1; type: 'unread'; count: number }
  | { kefu: 1; type: 'request'; open: boolean }
  | { kefu: 1; type: 'emit'; name: 'message'; data: unknown }
  | {
      kefu: 1;
      type: 'result';
      id: number;
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    };

export const isKefuMessage = (data: unknown): data is { kefu: 1; type: string } =>
  typeof data === 'object' && data !== null && (data as { kefu?: unknown }).kefu === 1;
