/** Builds a minimal valid value for a JSON Schema (TypeBox output), for route-walking tests. */
export function sampleFor(schema: any, uuid: () => string): unknown {
  if (!schema) return undefined;
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf)
    return sampleFor(schema.anyOf.find((s: any) => s.type !== 'null') ?? schema.anyOf[0], uuid);
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sampleFor(schema.properties[key], uuid);
      // objects that need some properties ("at least one language") get their first optional ones
      for (const key of Object.keys(schema.properties ?? {})) {
        if (Object.keys(out).length >= (schema.minProperties ?? 0)) break;
        if (!(key in out)) out[key] = sampleFor(schema.properties[key], uuid);
      }
      return out;
    }
    case 'array': {
      const n = schema.minItems ?? 0;
      return Array.from({ length: n }, (_, i) => {
        const v = sampleFor(schema.items, uuid);
        return typeof v === 'string' && schema.uniqueItems
          ? schema.items.anyOf
            ? (schema.items.anyOf[i]?.const ?? v)
            : v
          : v;
      });
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return sampleString(schema, uuid);
    default:
      return 'x';
  }
}

function sampleString(schema: any, uuid: () => string): string {
  if (schema.format === 'uuid') return uuid();
  if (schema.format === 'email') return `walker-${Math.random().toString(36).slice(2)}@example.test`;
  if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  const min = schema.minLength ?? 1;
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    const candidates = ['09:00', 'walker-slug', 'abc', 'a1b2c3d4', 'x'.repeat(Math.max(min, 3))];
    const hit = candidates.find(
      (c) => re.test(c) && c.length >= min && c.length <= (schema.maxLength ?? 1e9),
    );
    if (hit) return hit;
  }
  return 'walker value'.padEnd(Math.min(Math.max(min, 12), schema.maxLength ?? 12), 'x');
}

/** Fills `:param` placeholders in a route URL. */
export const fillPath = (url: string, value: (param: string) => string) =>
  url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(value(name)));

/** Property names of a query schema, including those of an intersection (allOf). */
export function queryProperties(schema: any): Set<string> {
  if (!schema) return new Set();
  const own = Object.keys(schema.properties ?? {});
  return new Set([...own, ...(schema.allOf ?? []).flatMap((s: any) => [...queryProperties(s)])]);
}
