/** Older name of setupTestDatabase (it is not a React hook; the new name keeps the hooks lint rule quiet). */
export { setupTestDatabase as useTestDatabase } from './setup-test-database';
