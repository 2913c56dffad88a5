import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Hot-path reads without TypeORM's query builder: a plain SQL row (snake_case columns, already typed by pg) mapped
 * to the entity through its column metadata. Built once per entity; a mapping costs one property copy per column.
 */
export function rawEntityMapper<E extends ObjectLiteral>(db: DataSource, target: EntityTarget<E> & (new () => E)): (row: Record<string, unknown>) => E {
  const columns = db.getMetadata(target).columns.map((c) => [c.databaseName, c.propertyName] as const);
  return (row) => {
    const entity = new target();
    for (const [column, property] of columns) (entity as Record<string, unknown>)[property] = row[column];
    return entity;
  };
}
