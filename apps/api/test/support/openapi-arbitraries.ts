import fc from 'fast-check';

/**
 * fast-check arbitraries for hostile requests, generated from the OpenAPI document the API serves: valid-shaped
 * bodies built from each schema, and the same bodies with one field replaced by a hostile value, one field left out,
 * or an extra property added. Every generated value carries a label that describes its shape (field paths and kinds of
 * value, never the values), for failure messages that may end up in a CI log.
 */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  /** The paths are relative to the first server's url (`/api/v1`). */
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Labelled<T> {
  value: T;
  label: string;
}

/**
 * What a valid-shaped value may refer to: the ids of things that exist, by kind (`member`, `residence` …: a uuid
 * field takes the ids of the kind its name starts with), business dates the fixture allows, and values for the
 * properties whose valid values the schema cannot tell (a BSN passes the elfproef and is not registered yet).
 */
export interface Fixture {
  ids: Record<string, string[]>;
  dates: string[];
  values?: Record<string, fc.Arbitrary<unknown>>;
}

const labelled = <T>(label: string, value: T): Labelled<T> => ({ label, value });

function nestedArrays(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function nestedObjects(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** JSON text put into a body as it is: nesting too deep for JSON.stringify to write. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify, with each RawJson written as its text. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, child: unknown) => (child instanceof RawJson ? `\u0000raw${raws.push(child.text) - 1}\u0000` : child));
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_, index: string) => raws[Number(index)]);
}

/**
 * Values no field expects: wrong types, numbers beyond every range, text PostgreSQL cannot store, very long text,
 * lists of the wrong things, nesting up to and far beyond the body's depth limit, prototype-pollution keys.
 */
export const HOSTILE_VALUES: Labelled<unknown>[] = [
  labelled('null', null),
  labelled('true', true),
  labelled('0', 0),
  labelled('-1', -1),
  labelled('a fraction', 1.5),
  labelled('1e308', 1e308),
  labelled('2^53+2', 2 ** 53 + 2),
  labelled('1e20', 1e20),
  labelled('5e-324', 5e-324),
  labelled('an empty string', ''),
  labelled('a blank string', '   '),
  labelled('a lone high surrogate', '\ud800'),
  labelled('a lone low surrogate inside text', 'ab\udfffcd'),
  labelled('U+0000', '\u0000'),
  labelled('U+0000 inside text', 'ab\u0000cd'),
  labelled('the noncharacter U+FFFF', '\uffff'),
  labelled('an emoji (a valid surrogate pair)', '\u{1F600}'),
  labelled('a right-to-left override', '\u202eab'),
  labelled('a string of 100000 characters', 'x'.repeat(100_000)),
  labelled('a string of digits beyond 2^64', '99999999999999999999'),
  labelled('an empty object', {}),
  labelled('an empty array', []),
  labelled('an array of arrays', [[]]),
  labelled('an array of null', [null]),
  labelled('an array of numbers', [1, 2]),
  labelled('an array of empty objects', [{}]),
  labelled('arrays nested 30 deep', nestedArrays(30)),
  labelled('arrays nested 5000 deep', new RawJson(`${'['.repeat(5000)}1${']'.repeat(5000)}`)),
  labelled('objects nested 31 deep', nestedObjects(31)),
  labelled('an object with a __proto__ key', JSON.parse('{"__proto__":{"polluted":true}}')),
  labelled('an object with constructor.prototype', { constructor: { prototype: { polluted: true } } }),
];

/** Text made of the characters stores and parsers trip over. */
const hostileText = fc.string({ unit: fc.constantFrom('a', ' ', '\u0000', '\u0007', '\ud800', '\udc00', 'é', '\u{1F600}', '\u202e', '\n'), maxLength: 12 });

export const hostileValue: fc.Arbitrary<Labelled<unknown>> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(HOSTILE_VALUES[0]) },
  { weight: 8, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: hostileText.map((value) => labelled('random text with control characters and surrogates', value)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => labelled('random JSON', value)) },
);

/** Keys that a careless merge or an object lookup treats as special. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'unexpected'];

export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const resolved = document.components.schemas[name];
  if (resolved === undefined) throw new Error(`The OpenAPI document has no schema for ${schema.$ref}`);
  return resolved;
}

/** A value of the schema's shape: what a well-meaning client might send (it need not pass every rule). */
export function validShaped(document: OpenApiDocument, schema: Schema, fixture: Fixture, name = ''): fc.Arbitrary<unknown> {
  const resolved = resolve(document, schema);
  const known = fixture.values?.[name];
  if (known !== undefined && resolved.type !== 'object') return known;
  const generated = byType(document, resolved, fixture, name);
  return resolved.example === undefined ? generated : fc.oneof({ weight: 3, arbitrary: fc.constant(resolved.example) }, { weight: 1, arbitrary: generated });
}

function byType(document: OpenApiDocument, schema: Schema, fixture: Fixture, name: string): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, validShaped(document, property, fixture, key)]));
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(validShaped(document, schema.items ?? {}, fixture, name), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return validString(schema, fixture, name);
    default:
      return fc.constant({});
  }
}

function validString(schema: Schema, fixture: Fixture, name: string): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'date':
      return fc.constantFrom(...fixture.dates);
    case 'date-time':
      return fc.constantFrom(...fixture.dates.map((date) => `${date}T08:00:00Z`));
    case 'uuid':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...idsFor(fixture, name)) }, { weight: 1, arbitrary: fc.uuid() });
    case 'uri':
      return fc.constantFrom('https://example.org/hook', 'http://localhost:9/hook');
  }
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = Math.max(schema.minLength ?? 0, 1);
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 20, 40));
  return fc.oneof(fc.string({ minLength, maxLength }), fc.constant('Tekst'.padEnd(minLength, 'x')));
}

function idsFor(fixture: Fixture, name: string): string[] {
  const kind = Object.keys(fixture.ids).find((prefix) => name.startsWith(prefix));
  const ids = kind === undefined ? Object.values(fixture.ids).flat() : fixture.ids[kind];
  return ids.length > 0 ? ids : ['0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4'];
}

/**
 * A value of the schema that passes its rules as far as the schema and the fixture tell them: the fixture's values,
 * examples, the first of an enum, one item per list, real ids; with `withOptional` false only the required properties.
 * Always the same shape; only the fixture's values vary.
 */
export function canonical(document: OpenApiDocument, schema: Schema, fixture: Fixture, withOptional: boolean, name = ''): fc.Arbitrary<unknown> {
  const resolved = resolve(document, schema);
  const known = fixture.values?.[name];
  if (known !== undefined && resolved.type !== 'object') return known;
  if (resolved.example !== undefined) return fc.constant(resolved.example);
  if (resolved.enum !== undefined) return fc.constant(resolved.enum[0]);
  switch (resolved.type) {
    case 'object': {
      const required = new Set(resolved.required ?? []);
      const properties = Object.entries(resolved.properties ?? {}).filter(([key]) => withOptional || required.has(key));
      return fc.record(Object.fromEntries(properties.map(([key, property]) => [key, canonical(document, property, fixture, withOptional, key)])));
    }
    case 'array':
      return fc.tuple(canonical(document, resolved.items ?? {}, fixture, withOptional, name));
    case 'integer':
    case 'number':
      return fc.constant(resolved.minimum ?? 1);
    case 'boolean':
      return fc.constant(false);
    case 'string':
      if (resolved.format === undefined && resolved.pattern === undefined) return fc.constant('Tekst'.padEnd(resolved.minLength ?? 0, 'x'));
      return fc.constant(fc.sample(validString(resolved, fixture, name), { seed: 1, numRuns: 1 })[0]);
    default:
      return fc.constant({});
  }
}

type Path = (string | number)[];

/** Every place in a JSON value below its root: object fields and array elements. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

/** The objects in a JSON value, the root included, by path. */
function objectPathsOf(value: unknown): Path[] {
  return [[], ...pathsOf(value)].filter((path) => {
    const node = at(value, path);
    return typeof node === 'object' && node !== null && !Array.isArray(node);
  });
}

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** `members[0].bsn`, as the API names fields in invalidParams. */
export function describePath(path: Path): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('') || 'body';
}

/** Sets an own property, `__proto__` included (plain assignment would set the prototype instead). */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy to change: generated values may share their example objects with later runs. */
const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function replaced(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const result = copy(value);
  define(at(result, path.slice(0, -1)) as object, path[path.length - 1], replacement);
  return result;
}

function removed(value: unknown, path: Path): unknown {
  const result = copy(value);
  const parent = at(result, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
  else delete parent[path[path.length - 1]];
  return result;
}

/** What each field gets in turn, besides being left out: null, and a sample of wrong types and unstorable text. */
const FIELD_BY_FIELD: Labelled<unknown>[] = [
  labelled('null', null),
  labelled('a lone high surrogate', '\ud800'),
  labelled('an empty array', []),
  labelled('1e20', 1e20),
];

/**
 * Field by field, in a body that passes validation: each field null, a lone surrogate, an empty array (so a list of
 * objects holds `[[]]`), a huge number, and left out. An optional field is also tried alone, in the body of required
 * fields only (a search by one null name). The random bodies below rarely hit one given field of many.
 */
export function fieldByFieldBodies(document: OpenApiDocument, schema: Schema, fixture: Fixture, seed: number): Labelled<unknown>[] {
  const full = fc.sample(canonical(document, schema, fixture, true), { seed, numRuns: 1 })[0];
  const bare = fc.sample(canonical(document, schema, fixture, false), { seed, numRuns: 1 })[0];
  const bareNames = new Set(pathsOf(bare).map(describePath));
  const cases: { withOptional: boolean; path: Path; hostile?: Labelled<unknown> }[] = pathsOf(full).flatMap((path) => {
    const alone = !bareNames.has(describePath(path)) && (path.length === 1 || bareNames.has(describePath(path.slice(0, -1))));
    return [
      ...FIELD_BY_FIELD.flatMap((hostile) => [{ withOptional: true, path, hostile }, ...(alone ? [{ withOptional: false, path, hostile }] : [])]),
      { withOptional: true, path },
    ];
  });
  // A body of its own for each case, so that values that must be new (a BSN) are.
  const fulls = fc.sample(canonical(document, schema, fixture, true), { seed, numRuns: cases.length });
  const bares = fc.sample(canonical(document, schema, fixture, false), { seed, numRuns: cases.length });
  return cases.map(({ withOptional, path, hostile }, index) => {
    const body = withOptional ? fulls[index] : bares[index];
    const name = describePath(path);
    if (hostile === undefined) return labelled(`${name} left out`, removed(body, path));
    return labelled(`${withOptional ? '' : 'only '}${name} = ${hostile.label}`, replaced(body, path, hostile.value));
  });
}

/**
 * Request bodies for a schema: valid-shaped ones, and valid-shaped ones with one field replaced by a hostile value,
 * one field left out, or one extra property (prototype-pollution keys among them), and wholly hostile bodies.
 */
export function hostileBodies(document: OpenApiDocument, schema: Schema, fixture: Fixture): fc.Arbitrary<Labelled<unknown>> {
  // Mostly a body that passes validation, so that one hostile field is what the API has to judge.
  const valid = fc.oneof(
    { weight: 3, arbitrary: fc.oneof(canonical(document, schema, fixture, true), canonical(document, schema, fixture, false)) },
    { weight: 1, arbitrary: validShaped(document, schema, fixture) },
  );
  const oneReplaced = valid.chain((body) => {
    const paths = pathsOf(body);
    if (paths.length === 0) return fc.constant(labelled('valid-shaped', body));
    return fc
      .tuple(fc.constantFrom(...paths), hostileValue)
      .map(([path, hostile]) => labelled(`${describePath(path)} = ${hostile.label}`, replaced(body, path, hostile.value)));
  });
  const oneRemoved = valid.chain((body) => {
    const paths = pathsOf(body);
    if (paths.length === 0) return fc.constant(labelled('valid-shaped', body));
    return fc.constantFrom(...paths).map((path) => labelled(`${describePath(path)} left out`, removed(body, path)));
  });
  const extraProperty = valid.chain((body) =>
    fc.tuple(fc.constantFrom(...objectPathsOf(body)), fc.constantFrom(...EXTRA_KEYS), hostileValue).map(([path, key, hostile]) => {
      const result = copy(body);
      define(at(result, path) as object, key, hostile.value);
      return labelled(`extra ${describePath([...path, key])} = ${hostile.label}`, result);
    }),
  );
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((body) => labelled('valid-shaped', body)) },
    { weight: 6, arbitrary: oneReplaced },
    { weight: 2, arbitrary: oneRemoved },
    { weight: 2, arbitrary: extraProperty },
    { weight: 1, arbitrary: hostileValue.map((hostile) => labelled(`body = ${hostile.label}`, hostile.value)) },
  );
}

/** Path segments, already URL-encoded, that no route expects: bytes that decode to nothing storable among them. */
const HOSTILE_SEGMENTS: Labelled<string>[] = [
  labelled('an unknown uuid', '0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4'),
  labelled('not a uuid', 'not-a-uuid'),
  labelled('an encoded U+0000', '%00'),
  labelled('an encoded lone surrogate', '%ED%A0%80'),
  labelled('an invalid UTF-8 byte', '%FF'),
  labelled('a malformed escape', '%E0%A4%A'),
  labelled('a segment of 5000 characters', 'x'.repeat(5000)),
  labelled('digits beyond 2^64', '99999999999999999999'),
  labelled('an encoded dot-dot', '%2e%2e'),
  labelled('a quoted SQL fragment', "'%20OR%201=1--"),
];

/** A path parameter: mostly the real id (so that validation past the 404 is reached), sometimes hostile. */
export function pathSegment(name: string, real: string): fc.Arbitrary<Labelled<string>> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(labelled('', encodeURIComponent(real))) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS).map((hostile) => labelled(`{${name}} = ${hostile.label}`, hostile.value)) },
  );
}

/** Query values, already URL-encoded: numbers beyond every range, bytes PostgreSQL cannot store, odd forms. */
const HOSTILE_QUERY_VALUES: Labelled<string>[] = [
  labelled('digits beyond 2^64', '99999999999999999999'),
  labelled('2^63', '9223372036854775808'),
  labelled('-1', '-1'),
  labelled('-0', '-0'),
  labelled('1e309', '1e309'),
  labelled('1e3', '1e3'),
  labelled('NaN', 'NaN'),
  labelled('Infinity', 'Infinity'),
  labelled('hex', '0x10'),
  labelled('a fraction', '1.5'),
  labelled('empty', ''),
  labelled('a space', '%20'),
  labelled('an encoded U+0000', '%00'),
  labelled('U+0000 inside text', 'a%00b'),
  labelled('an encoded lone surrogate', '%ED%A0%80'),
  labelled('an invalid UTF-8 byte', '%FF'),
  labelled('an emoji', '%F0%9F%98%80'),
  labelled('a value of 3000 characters', 'x'.repeat(3000)),
];

/**
 * Each query parameter with each hostile value, beside valid values of the required ones only: the random
 * combinations below mostly fail on another parameter first.
 */
export function oneByOneQueries(document: OpenApiDocument, parameters: Parameter[], fixture: Fixture): Labelled<string>[] {
  const required = (except: Parameter) =>
    parameters
      .filter((parameter) => parameter.required && parameter !== except)
      .map((parameter) => {
        const value = fc.sample(canonical(document, parameter.schema ?? { type: 'string' }, fixture, false, parameter.name), { seed: 1, numRuns: 1 })[0];
        return `&${parameter.name}=${encodeURIComponent(String(value))}`;
      })
      .join('');
  return parameters.flatMap((parameter) =>
    HOSTILE_QUERY_VALUES.map((value) => labelled(`${parameter.name} = ${value.label}`, `${parameter.name}=${value.value}${required(parameter)}`)),
  );
}

/**
 * A query string for an operation's query parameters: each left out, valid-shaped, hostile, repeated (an array) or
 * written as an object (`name[key]=…`).
 */
export function hostileQuery(document: OpenApiDocument, parameters: Parameter[], fixture: Fixture): fc.Arbitrary<Labelled<string>> {
  const perParameter = parameters.map((parameter) => {
    const valid = validShaped(document, parameter.schema ?? { type: 'string' }, fixture).map((value) =>
      labelled('', `${parameter.name}=${encodeURIComponent(String(value))}`),
    );
    const hostile = fc
      .constantFrom(...HOSTILE_QUERY_VALUES)
      .map((value) => labelled(`${parameter.name} = ${value.label}`, `${parameter.name}=${value.value}`));
    const repeated = fc.constant(labelled(`${parameter.name} repeated`, `${parameter.name}=1&${parameter.name}=2`));
    const object = fc.constant(labelled(`${parameter.name} as an object`, `${parameter.name}[__proto__]=1&${parameter.name}[a]=2`));
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(labelled('', '')) },
      { weight: 2, arbitrary: valid },
      { weight: 4, arbitrary: hostile },
      { weight: 1, arbitrary: repeated },
      { weight: 1, arbitrary: object },
    );
  });
  return fc.tuple(...perParameter).map((parts) => ({
    value: parts.map((part) => part.value).filter((part) => part !== '').join('&'),
    label: parts.map((part) => part.label).filter((label) => label !== '').join(', ') || 'valid-shaped',
  }));
}
