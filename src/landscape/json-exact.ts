/**
 * A JSON reader that keeps number literals as their source text, so `0.1` or a 30-digit integer can be read
 * exactly (JSON.parse rounds to float64 first). It also reports syntax errors with line and column, and reads
 * the non-JSON tokens NaN / Infinity / -Infinity as a distinct value so the caller can name the field.
 */
export type JsonValue =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'nonfinite'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'array'; readonly items: readonly JsonValue[] }
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, JsonValue> };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line} column ${column}: ${message}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Nesting deeper than this is not a network file; the limit keeps the recursion off the stack limit. */
const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJsonExact(text: string): JsonValue {
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    let line = 1, col = 1;
    for (let i = 0; i < at && i < text.length; i++) {
      if (text[i] === '\n') (line++, (col = 1));
      else col++;
    }
    throw new JsonSyntaxError(message, line, col);
  };
  const skipWs = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const describe = () => (pos >= text.length ? 'end of input' : `'${text[pos]}'`);

  const value = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    skipWs();
    const c = text[pos];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return { kind: 'string', value: string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      if (text.startsWith('-Infinity', pos)) return (pos += 9), { kind: 'nonfinite', text: '-Infinity' };
      return number();
    }
    for (const [word, v] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
      ['NaN', { kind: 'nonfinite', text: 'NaN' }],
      ['Infinity', { kind: 'nonfinite', text: 'Infinity' }],
    ] as const) {
      if (text.startsWith(word, pos)) return (pos += word.length), v;
    }
    return fail(`expected a value, found ${describe()}`);
  };

  const object = (depth: number): JsonValue => {
    pos++;
    const entries = new Map<string, JsonValue>();
    skipWs();
    if (text[pos] === '}') return pos++, { kind: 'object', entries };
    for (;;) {
      skipWs();
      if (text[pos] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
      const keyAt = pos;
      const key = string();
      if (entries.has(key)) fail(`duplicate key "${key}"`, keyAt);
      skipWs();
      if (text[pos] !== ':') fail(`expected ':' after property name, found ${describe()}`);
      pos++;
      entries.set(key, value(depth + 1));
      skipWs();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') return pos++, { kind: 'object', entries };
      fail(`expected ',' or '}' in object, found ${describe()}`);
    }
  };

  const array = (depth: number): JsonValue => {
    pos++;
    const items: JsonValue[] = [];
    skipWs();
    if (text[pos] === ']') return pos++, { kind: 'array', items };
    for (;;) {
      items.push(value(depth + 1));
      skipWs();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') return pos++, { kind: 'array', items };
      fail(`expected ',' or ']' in array, found ${describe()}`);
    }
  };

  const string = (): string => {
    const start = pos;
    pos++;
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string', start);
      const c = text[pos]!;
      if (c === '"') return pos++, out;
      if (c < ' ') fail('control character in string');
      if (c === '\\') {
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else fail('invalid escape in string');
      } else {
        out += c;
        pos++;
      }
    }
  };

  const number = (): JsonValue => {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail(`malformed number`);
    pos += m[0].length;
    return { kind: 'number', text: m[0] };
  };

  const v = value(0);
  skipWs();
  if (pos < text.length) fail(`unexpected ${describe()} after the JSON value`);
  return v;
}
