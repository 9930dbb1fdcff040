import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { parse as parseYaml } from 'yaml';

const Template = Type.String({ minLength: 1, maxLength: 2000 });
const Button = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60 }),
    reply: Type.Optional(Template),
    url: Type.Optional(Template),
  },
  { additionalProperties: false },
);

/** A task flow as the bot trainer writes it (YAML or JSON). */
export const FlowDefinition = Type.Object(
  {
    slots: Type.Array(
      Type.Object(
        {
          name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,39}$' }),
          prompt: Template,
          /** Regular expression the answer must match (after trimming). */
          pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
          error: Type.Optional(Template),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
    request: Type.Object(
      {
        method: Type.Optional(Type.Union([Type.Literal('GET'), Type.Literal('POST')])),
        url: Template,
        headers: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Template)),
        /** For POST: a JSON object whose string values are templates. */
        body: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown())),
        timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 15_000 })),
      },
      { additionalProperties: false },
    ),
    answer: Type.Object(
      { text: Template, buttons: Type.Optional(Type.Array(Button, { maxItems: 6 })) },
      { additionalProperties: false },
    ),
    /** Said when the call fails (network, timeout, non-2xx); `handoff` passes the customer to a person. */
    onError: Type.Optional(
      Type.Object(
        { text: Template, handoff: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type FlowDefinition = Static<typeof FlowDefinition>;

export interface FlowProblem {
  field: string;
  message: string;
}

/** Parses and checks a flow's source; problems name the place in the source. */
export function parseFlow(source: string): { definition: FlowDefinition } | { problems: FlowProblem[] } {
  let data: unknown;
  try {
    data = source.trim().startsWith('{') ? JSON.parse(source) : parseYaml(source);
  } catch (e) {
    return {
      problems: [
        { field: 'source', message: `not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}` },
      ],
    };
  }
  const problems: FlowProblem[] = [...Value.Errors(FlowDefinition, data)].slice(0, 20).map((e) => ({
    field: `source${e.instancePath.replaceAll('/', '.') || ''}`,
    message: e.message,
  }));
  if (problems.length) return { problems };
  const definition = data as FlowDefinition;
  definition.slots.forEach((slot, i) => {
    if (!slot.pattern) return;
    try {
      new RegExp(slot.pattern, 'u');
    } catch {
      problems.push({ field: `source.slots.${i}.pattern`, message: 'not a valid regular expression' });
    }
  });
  const names = definition.slots.map((s) => s.name);
  if (new Set(names).size !== names.length)
    problems.push({ field: 'source.slots', message: 'slot names must differ' });
  for (const used of source.matchAll(/\{\{\s*slots\.([A-Za-z0-9_]+)\s*\}\}/g)) {
    if (!names.includes(used[1])) problems.push({ field: 'source', message: `unknown slot "${used[1]}"` });
  }
  try {
    new URL(
      render(
        definition.request.url,
        { slots: {}, secret: '', kefu: { url: 'https://kefu.invalid' } },
        encodeURIComponent,
      ),
    );
  } catch {
    problems.push({ field: 'source.request.url', message: 'not an absolute http(s) URL' });
  }
  return problems.length ? { problems } : { definition };
}

/** `{{a.b.c}}` replaced by the value at that path (empty when missing); `escape` applies to each value. */
export function render(
  template: string,
  scope: Record<string, unknown>,
  escape: (s: string) => string = (s) => s,
) {
  return template.replace(/\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = scope;
    for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
    if (value === undefined || value === null) return '';
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    // only what the customer typed (slots.*) is escaped: configured values are used as written
    return path.startsWith('slots.') ? escape(text) : text;
  });
}
