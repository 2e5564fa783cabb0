import type BetterSqlite3 from 'better-sqlite3';

/** Welford's running mean and squared deviations: numerically stable in one pass. */
interface Moments {
  n: number;
  mean: number;
  m2: number;
}

function deviationAggregate(finish: (m: Moments) => number | null) {
  return {
    start: (): Moments => ({ n: 0, mean: 0, m2: 0 }),
    step(m: Moments, value: unknown): Moments {
      if (value === null || value === undefined) return m;
      const x = Number(value);
      m.n += 1;
      const delta = x - m.mean;
      m.mean += delta / m.n;
      m.m2 += delta * (x - m.mean);
      return m;
    },
    result: finish,
  };
}

/** Registers STDDEV_POP, STDDEV_SAMP, VAR_POP and VAR_SAMP, which SQLite lacks (PostgreSQL and MySQL have them). */
export function registerDeviationAggregates(db: BetterSqlite3.Database): void {
  const population = (m: Moments) => (m.n === 0 ? null : m.m2 / m.n);
  const sample = (m: Moments) => (m.n < 2 ? null : m.m2 / (m.n - 1));
  db.aggregate('VAR_POP', { deterministic: true, ...deviationAggregate(population) });
  db.aggregate('VAR_SAMP', { deterministic: true, ...deviationAggregate(sample) });
  const root = (variance: number | null) => (variance === null ? null : Math.sqrt(variance));
  db.aggregate('STDDEV_POP', { deterministic: true, ...deviationAggregate((m) => root(population(m))) });
  db.aggregate('STDDEV_SAMP', { deterministic: true, ...deviationAggregate((m) => root(sample(m))) });
}
