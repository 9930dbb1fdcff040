import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

// Bodies are validated strictly (a number where a string belongs is a 400, not silently coerced);
// query strings and path params arrive as text, so there types are coerced.
function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: true,
    allErrors: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}
const strict = makeAjv(false);
const coercing = makeAjv(true);

export function validatorCompiler({
  schema,
  httpPart,
}: {
  schema: object;
  httpPart?: string;
}): ValidateFunction {
  return (httpPart === 'body' ? strict : coercing).compile(schema);
}

/** Turns Ajv errors into `[{ field, message }]`, naming the field at fault. */
export function validationDetails(
  errors: { instancePath?: string; params?: Record<string, unknown>; message?: string }[],
  context?: string,
) {
  return errors.map((e) => {
    let field = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (e.params && typeof e.params.missingProperty === 'string') {
      field = field ? `${field}.${e.params.missingProperty}` : e.params.missingProperty;
    }
    return { field: field || context || 'body', message: e.message ?? 'invalid value' };
  });
}

/** Postgres cannot store NUL in text, and nobody types one: refuse it up front with the field's name. */
export function findNulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNulField(value[i], path ? `${path}.${i}` : String(i));
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return path ? `${path}.${k}` : k;
      const hit = findNulField(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}
