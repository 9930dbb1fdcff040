import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type {
  AnswerMode,
  AssistItem,
  BotFlow,
  BotMetrics,
  BotTestResult,
  FlowTestResult,
  SynonymGroup,
  Workbench,
} from './types';

export const botKeys = {
  workbench: (days: number) => ['bot', 'workbench', days] as const,
  metrics: (days: number) => ['bot', 'metrics', days] as const,
  flows: ['bot', 'flows'] as const,
  synonyms: ['bot', 'synonyms'] as const,
  assist: (conversationId: string, messageId: string | undefined) =>
    ['bot', 'assist', conversationId, messageId ?? ''] as const,
};

export function useBotTest() {
  return useMutation({
    mutationFn: (input: { text: string; answerMode: AnswerMode }) =>
      api.post<BotTestResult>('/bot/test', input),
  });
}

export function useWorkbench(days: number) {
  return useQuery({
    queryKey: botKeys.workbench(days),
    queryFn: () => api.get<Workbench>(`/bot/workbench?days=${days}`),
  });
}

export function useBotMetrics(days: number) {
  return useQuery({
    queryKey: botKeys.metrics(days),
    queryFn: () => api.get<BotMetrics>(`/bot/metrics?days=${days}`),
  });
}

export function useFlows() {
  return useQuery({
    queryKey: botKeys.flows,
    queryFn: () => api.get<{ items: BotFlow[] }>('/bot/flows').then((r) => r.items),
  });
}

export function useSynonyms() {
  return useQuery({
    queryKey: botKeys.synonyms,
    queryFn: () => api.get<{ items: SynonymGroup[] }>('/bot/synonyms').then((r) => r.items),
  });
}

export const testFlow = (id: string, slots: Record<string, string>) =>
  api.post<FlowTestResult>(`/bot/flows/${id}/test`, { slots });

/**
 * Agent assist for a conversation, refetched whenever the latest customer message changes
 * (`lastContactMessageId` comes from the live message cache).
 */
export function useAssist(conversationId: string, lastContactMessageId: string | undefined) {
  return useQuery({
    queryKey: botKeys.assist(conversationId, lastContactMessageId),
    queryFn: () =>
      api.get<{ messageId: string | null; items: AssistItem[] }>(
        `/bot/assist?conversationId=${encodeURIComponent(conversationId)}`,
      ),
    enabled: !!lastContactMessageId,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * Slot names of a flow's source (YAML or JSON), read on the client to build the test form.
 * Returns null when the source cannot be read that way (the form then takes free JSON).
 */
export function slotNames(source: string): string[] | null {
  const src = source.trim();
  if (!src) return [];
  if (src.startsWith('{')) {
    try {
      const data = JSON.parse(src) as { slots?: { name?: unknown }[] };
      if (!Array.isArray(data.slots)) return [];
      return data.slots.map((s) => s?.name).filter((n): n is string => typeof n === 'string');
    } catch {
      return null;
    }
  }
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => /^slots\s*:/.test(l));
  if (start < 0) return [];
  const inline = /^slots\s*:\s*(\S.*)$/.exec(lines[start]);
  if (inline) {
    if (/^\[\s*\]$/.test(inline[1].trim())) return [];
    // flow style on one line: slots: [{ name: a, prompt: … }, …]
    return [...inline[1].matchAll(/\bname\s*:\s*["']?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
  }
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line) && !line.startsWith('#') && !line.startsWith('-')) break; // next top-level key
    const m = /^\s*(?:-\s*)?(?:\{\s*)?name\s*:\s*["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

export const FLOW_TEMPLATE = `# A task flow: ask for the slots, call your system, answer with the result.
slots:
  - name: order_no
    prompt: 请告诉我您的订单号
    pattern: "^[0-9]{6,20}$"
    error: 订单号是 6–20 位数字，请再输入一次
request:
  method: GET
  url: https://shop.example.com/api/orders/{{slots.order_no}}
  timeoutMs: 5000
answer:
  text: 已为您查询订单 {{slots.order_no}}。
onError:
  text: 暂时查不到这个订单，正在为您转人工。
  handoff: true
`;
