import type { DataSource } from 'typeorm';

/**
 * A value kept per data source — made on first use, forgotten with the data
 * source (a WeakMap) — for the caches, counters and helpers of the hot paths,
 * so that servers sharing one process (tests) never share them.
 */
export function perDataSource<T>(create: (ds: DataSource) => T): (ds: DataSource) => T {
  const values = new WeakMap<DataSource, T>();
  return (ds) => {
    let value = values.get(ds);
    if (value === undefined) {
      value = create(ds);
      values.set(ds, value);
    }
    return value;
  };
}
