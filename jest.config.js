/** One jest run for the whole workspace; tests import sources, not builds. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/gateway', '<rootDir>/services', '<rootDir>/apps'],
  testMatch: ['**/test/**/*.test.ts'],
  // jose ships ES modules only: compile it to CommonJS for jest like our own sources.
  transform: { '^.+\\.ts$': swc, '/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/jose@[^/]+/node_modules/)?jose/)'],
  moduleNameMapper: {
    '^@omni/gateway$': '<rootDir>/gateway/src',
    '^@omni/([^/]+)/(.+)$': '<rootDir>/services/$1/src/$2',
    '^@omni/(.*)$': '<rootDir>/services/$1/src',
  },
  setupFiles: ['reflect-metadata'],
  // Starting a whole system (five services, the gateway, PostgreSQL databases, NATS streams) in a
  // beforeAll can take tens of seconds on a busy 2-core machine: hooks and tests get room for it.
  testTimeout: 120_000,
  maxWorkers: 2,
};
