export { openDatabase, statementsOn, type Database, type Backend, type Statements } from './database';
export { migrate } from './migrate';
export type { DB } from './schema';
