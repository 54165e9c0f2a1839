/**
 * Target `neo4j-graphql`: @neo4j/graphql (v7) with the type definitions in
 * neo4j-graphql-schema.ts, served by the same HTTP and GraphQL layer as our API (graphql-yoga on
 * node:http), on the same Neo4j, with the same transaction timeout. It compiles each GraphQL
 * request into one Cypher statement; its driver counts round trips like the others.
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import { countingDriver, neo4jSettingsFromEnv, serve } from './common.js';
import { typeDefs } from './neo4j-graphql-schema.js';

const settings = neo4jSettingsFromEnv();
const driver = countingDriver(settings);
await driver.verifyConnectivity({ database: settings.database });

const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({
  schema,
  context: () => ({
    sessionConfig: { database: settings.database },
    transaction: { timeout: settings.txTimeoutMs },
  }),
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: false,
  maskedErrors: false,
});

serve(yoga, { target: 'neo4j-graphql' }, () => driver.close());
