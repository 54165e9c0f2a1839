import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** Neo4j test files that start their own servers (each one needs Java, and says so when it is missing). */
const OWN_SERVER = [
  'tests/e2e/local-neo4j-start.neo4j.test.ts',
  'tests/e2e/neo4j-faults.neo4j.test.ts',
  'tests/e2e/neo4j-hang.neo4j.test.ts',
];

export default defineConfig({
  // graphql ships both ESM and CJS; pin one copy so Pothos, Yoga and our code share its classes.
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'embedded',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.neo4j.test.ts', 'tests/**/*.timing.test.ts'],
        },
      },
      {
        // Latency goals (the starvation test) are measured alone, after every other file has run.
        extends: true,
        test: { name: 'timing', include: ['tests/**/*.timing.test.ts'], sequence: { groupOrder: 1 } },
      },
      {
        // Neo4j Community has one user database, so these files take turns on one server.
        extends: true,
        test: {
          name: 'neo4j',
          include: ['tests/**/*.neo4j.test.ts'],
          exclude: OWN_SERVER,
          globalSetup: ['tests/support/neo4j-global-setup.ts'],
          fileParallelism: false,
        },
      },
      {
        // These start, stop, freeze and kill Neo4j servers of their own, so they need not wait for
        // the shared one: they take turns among themselves while the files above run.
        extends: true,
        test: { name: 'neo4j-own', include: OWN_SERVER, fileParallelism: false },
      },
    ],
  },
});
