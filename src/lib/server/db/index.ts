export { openDatabase, type Database, type Backend } from './database';
export { migrate } from './migrate';
export type { DB } from './schema';
