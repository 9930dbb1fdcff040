import type { FlowDefinition } from './flow-definition.js';

/** A flow in progress, kept in bot_sessions.flow. */
export interface FlowState {
  flowId: string;
  /** Index of the slot being asked. */
  slot: number;
  values: Record<string, string>;
  /** Wrong answers to the current slot so far. */
  attempts: number;
  /** All slots filled: the endpoint call is on its way. */
  calling?: boolean;
}

export type FlowAdvance =
  | { kind: 'ask'; prompt: string; state: FlowState }
  | { kind: 'retry'; message: string; prompt: string; state: FlowState }
  | { kind: 'giveup' }
  | { kind: 'call'; state: FlowState };

const MAX_ATTEMPTS = 3;
export const CANCEL = /^\s*(取消|算了|不查了|退出|不用了|cancel|stop|never ?mind|quit)\s*[!！。.]*\s*$/i;

export function startFlow(flowId: string, definition: FlowDefinition): FlowAdvance {
  const state: FlowState = { flowId, slot: 0, values: {}, attempts: 0 };
  if (definition.slots.length === 0) return { kind: 'call', state: { ...state, calling: true } };
  return { kind: 'ask', prompt: definition.slots[0].prompt, state };
}

/** The customer answered the current slot: keep it and ask the next, ask again, or call the endpoint. */
export function advanceFlow(state: FlowState, definition: FlowDefinition, text: string): FlowAdvance {
  const slot = definition.slots[state.slot];
  if (!slot) return { kind: 'call', state: { ...state, calling: true } };
  const value = text.trim();
  const valid = value.length > 0 && (!slot.pattern || new RegExp(slot.pattern, 'u').test(value));
  if (!valid) {
    const attempts = state.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) return { kind: 'giveup' };
    return { kind: 'retry', message: slot.error ?? '', prompt: slot.prompt, state: { ...state, attempts } };
  }
  const values = { ...state.values, [slot.name]: value };
  const next = state.slot + 1;
  if (next >= definition.slots.length) return { kind: 'call', state: { ...state, values, calling: true } };
  return {
    kind: 'ask',
    prompt: definition.slots[next].prompt,
    state: { ...state, slot: next, values, attempts: 0 },
  };
}
