// Shared with the other services' search queries.
export { runSql as run, tableOf } from '@omni/platform';
