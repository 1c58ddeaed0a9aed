import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';

/** Where a compiled query runs: a Kysely instance or a transaction. */
interface Runner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** Distinct shapes kept; beyond this many (never in practice: a handful per query) the cache starts again. */
const SHAPE_CACHE_SIZE = 1000;

/**
 * The SQL of every shape, by a statement name, so PostgreSQL connections keep them prepared (`openPostgres`): parsing
 * and planning a completion's two statements afresh cost about a fifth of its time there. Every shape is a
 * primary-key lookup or write. A kept plan is remade when the table's statistics change: after a bulk load, run
 * ANALYZE (or let autovacuum) before heavy use, or plans made while the table was small go on reading it whole.
 */
const statementNames = new Map<string, string>();

/** The name a shape's SQL is prepared under on a PostgreSQL connection; undefined for any other SQL. */
export const statementName = (sql: string): string | undefined => statementNames.get(sql);

/** Stands in for a value while a query is built: the compiled query's parameter that each run fills in. */
class Slot {
  constructor(readonly index: number) {}
}

/** Plain records and arrays are structure; anything else (strings, numbers, null, dates, buffers) is one value. */
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** The values in a fixed order, and a text naming the structure they sit in (which keys, how many rows). */
function flatten(v: unknown, values: unknown[]): string {
  if (Array.isArray(v)) return `[${v.map((x) => flatten(x, values)).join(',')}]`;
  if (isRecord(v)) return `{${Object.keys(v).map((k) => `${k}:${flatten(v[k], values)}`)}}`;
  values.push(v);
  return '';
}

/** The same structure with each value replaced by its slot, numbered in the order `flatten` lists them. */
function slotted(v: unknown, next: { i: number }): unknown {
  if (Array.isArray(v)) return v.map((x) => slotted(x, next));
  if (isRecord(v)) return Object.fromEntries(Object.keys(v).map((k) => [k, slotted(v[k], next)]));
  return new Slot(next.i++);
}

/**
 * Hot queries built and compiled once per shape and then rerun with other values. Building and compiling a query
 * through the query builder costs more than running a short statement on SQLite (a step completion spent a fifth of
 * its time there), and the same few shapes repeat: the SQL text depends only on which columns are set and how many
 * rows there are, which is what the shape is.
 *
 * `build` receives `values` with every value replaced by a stand-in, so it must only pass values into the query —
 * never look at them or branch on them (branching on the structure, such as how many rows, is fine).
 */
export class QueryShapes {
  private readonly compiled = new Map<string, { sql: string; parameters: readonly unknown[] }>();

  async run<V, R>(q: Runner, name: string, values: V, build: (values: V) => Compilable<R>): Promise<QueryResult<R>> {
    const flat: unknown[] = [];
    const key = `${name}${flatten(values, flat)}`;
    let shape = this.compiled.get(key);
    if (!shape) {
      const c = build(slotted(values, { i: 0 }) as V).compile();
      shape = { sql: c.sql, parameters: c.parameters };
      if (this.compiled.size >= SHAPE_CACHE_SIZE) this.compiled.clear();
      this.compiled.set(key, shape);
      if (!statementNames.has(c.sql) && statementNames.size < SHAPE_CACHE_SIZE) statementNames.set(c.sql, `sunlit_shape_${statementNames.size + 1}`);
    }
    const parameters = shape.parameters.map((p) => (p instanceof Slot ? flat[p.index] : p));
    return q.executeQuery(CompiledQuery.raw(shape.sql, parameters) as CompiledQuery<R>);
  }
}
