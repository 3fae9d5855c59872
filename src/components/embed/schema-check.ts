/**
 * Checks untrusted JSON against a JSON Schema that `z.toJSONSchema` wrote from one of our zod
 * schemas at build time, so an embed validates custom exercises by the same schema as the course
 * without shipping zod (about 90 KB gzipped) to the page. It knows the keywords zod writes for our
 * schemas and refuses a schema with any other, so a schema change it cannot follow fails loudly.
 * Like zod, it returns a copy: unknown properties dropped, defaults filled in, strings counted in
 * UTF-16 code units. It walks the schema, not the value, so a deeply nested value costs no more
 * than a flat one.
 */

export interface JsonSchema {
  readonly $schema?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly oneOf?: readonly JsonSchema[];
  readonly const?: string | number | boolean;
  readonly enum?: readonly (string | number | boolean)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** zod names its string checks here (`starts_with`); the `pattern` beside it does the checking. */
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

const KEYWORDS = new Set<string>([
  '$schema',
  'type',
  'description',
  'default',
  'properties',
  'required',
  'items',
  'minItems',
  'maxItems',
  'oneOf',
  'const',
  'enum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

export type SchemaCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/** Throws if the schema uses a keyword this checker does not implement. */
export function assertSupported(schema: unknown, at = '(root)'): asserts schema is JsonSchema {
  if (!isRecord(schema)) throw new Error(`${at}: a schema must be an object`);
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key)) throw new Error(`${at}: the schema keyword "${key}" is not supported`);
  }
  if (schema.format !== undefined && schema.pattern === undefined) {
    throw new Error(`${at}: format "${String(schema.format)}" without a pattern cannot be checked`);
  }
  if (isRecord(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties))
      assertSupported(property, `${at}.${name}`);
  }
  if (schema.items !== undefined) assertSupported(schema.items, `${at}[]`);
  if (Array.isArray(schema.oneOf)) {
    for (const [i, branch] of schema.oneOf.entries()) assertSupported(branch, `${at}|${i}`);
  }
}

export function checkAgainst(schema: JsonSchema, value: unknown): SchemaCheck {
  try {
    return { ok: true, value: check(schema, value, []) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, message: error.message };
    throw error;
  }
}

class Invalid extends Error {}

type Path = readonly (string | number)[];

function fail(path: Path, message: string): never {
  const where = path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
  throw new Invalid(where ? `${where}: ${message}` : message);
}

function check(schema: JsonSchema, value: unknown, path: Path): unknown {
  if (schema.oneOf) return checkOneOf(schema.oneOf, value, path);
  if (schema.const !== undefined && value !== schema.const)
    fail(path, `must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value as string)) {
    fail(path, `must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`);
  }
  switch (schema.type) {
    case 'object':
      return checkObject(schema, value, path);
    case 'array':
      return checkArray(schema, value, path);
    case 'string':
      return checkString(schema, value, path);
    case 'integer':
    case 'number':
      return checkNumber(schema, value, path);
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, 'must be true or false');
      return value;
    case undefined:
      return value;
  }
}

function checkObject(schema: JsonSchema, value: unknown, path: Path): Record<string, unknown> {
  if (!isRecord(value)) fail(path, 'must be an object');
  const result: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const given = Object.hasOwn(value, name) ? value[name] : undefined;
    if (given === undefined) {
      if (schema.required?.includes(name)) fail([...path, name], 'is missing');
      if (property.default !== undefined) result[name] = structuredClone(property.default);
      continue;
    }
    result[name] = check(property, given, [...path, name]);
  }
  return result;
}

function checkArray(schema: JsonSchema, value: unknown, path: Path): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be a list');
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    fail(path, `must have at most ${schema.maxItems} items (it has ${value.length})`);
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    fail(path, `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
  }
  const items = schema.items;
  return items ? value.map((item, i) => check(items, item, [...path, i])) : [...value];
}

function checkString(schema: JsonSchema, value: unknown, path: Path): string {
  if (typeof value !== 'string') fail(path, 'must be text');
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    fail(path, `must be at most ${schema.maxLength} characters (it has ${value.length})`);
  }
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    fail(
      path,
      schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`,
    );
  }
  if (schema.pattern !== undefined && !compiled(schema.pattern).test(value)) {
    fail(path, `is not allowed here (${schema.description ?? `it must match ${schema.pattern}`})`);
  }
  return value;
}

function checkNumber(schema: JsonSchema, value: unknown, path: Path): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a number');
  if (schema.type === 'integer' && !Number.isInteger(value)) fail(path, 'must be a whole number');
  if (schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum)) {
    fail(path, `must be more than ${schema.exclusiveMinimum}`);
  }
  if (schema.minimum !== undefined && value < schema.minimum)
    fail(path, `must be at least ${schema.minimum}`);
  if (schema.exclusiveMaximum !== undefined && !(value < schema.exclusiveMaximum)) {
    fail(path, `must be less than ${schema.exclusiveMaximum}`);
  }
  if (schema.maximum !== undefined && value > schema.maximum) fail(path, `must be at most ${schema.maximum}`);
  return value;
}

/**
 * Exactly one branch must accept the value. zod writes its discriminated unions as `oneOf` of
 * objects with a `const` discriminator; when the value names a branch, that branch's complaint is
 * the helpful one.
 */
function checkOneOf(branches: readonly JsonSchema[], value: unknown, path: Path): unknown {
  const passed: unknown[] = [];
  const complaints: string[] = [];
  for (const branch of branches) {
    try {
      passed.push(check(branch, value, path));
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      complaints.push(error.message);
    }
  }
  if (passed.length === 1) return passed[0];
  if (passed.length > 1) fail(path, 'matches more than one of its possible forms');
  const discriminator = discriminatorOf(branches);
  if (discriminator && !isRecord(value)) fail(path, 'must be an object');
  if (discriminator && isRecord(value)) {
    const chosen = branches.findIndex(
      (branch) => branch.properties?.[discriminator]?.const === value[discriminator],
    );
    if (chosen >= 0) throw new Invalid(complaints[chosen]);
    const options = branches.map((branch) => JSON.stringify(branch.properties?.[discriminator]?.const));
    fail([...path, discriminator], `must be one of ${options.join(', ')}`);
  }
  fail(path, 'does not match any of its possible forms');
}

/** The property every branch fixes with a `const`, if there is one. */
function discriminatorOf(branches: readonly JsonSchema[]): string | undefined {
  const first = branches[0]?.properties ?? {};
  return Object.keys(first).find((name) =>
    branches.every((branch) => branch.properties?.[name]?.const !== undefined),
  );
}

const patterns = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    // zod writes a regex's source as it tests it: without flags.
    regex = new RegExp(pattern);
    patterns.set(pattern, regex);
  }
  return regex;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
