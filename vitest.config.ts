import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

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
        // Latency goals (the starvation test) are measured with nothing else running: after the
        // embedded files, before the sequential Neo4j group.
        extends: true,
        test: { name: 'timing', include: ['tests/**/*.timing.test.ts'], sequence: { groupOrder: 1 } },
      },
      {
        // Neo4j Community has one user database, so these files take turns on one server. (vitest runs
        // every project with one worker and no group order in one sequential group, after the others.)
        extends: true,
        test: {
          name: 'neo4j',
          include: ['tests/**/*.neo4j.test.ts'],
          globalSetup: ['tests/support/neo4j-global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
