/**
 * The architecture's dependency rules, checked in CI (`npm run deps:check`). docs/architecture.md
 * explains each one.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds plain types and pure functions: it imports nothing else of ours.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src|local-neo4j|scripts|bench|tests|explorer)/', pathNot: '^src/domain/' },
    },
    {
      name: 'graphql-through-the-port',
      comment: 'The GraphQL layer reaches a store only through src/store/port.ts (and the service layer).',
      severity: 'error',
      from: { path: '^src/graphql/' },
      to: { path: '^src/store/(memory|neo4j)/' },
    },
    {
      name: 'graphql-not-dataset',
      comment: 'Writes go through the service layer; the GraphQL layer does not build dataset records itself.',
      severity: 'error',
      from: { path: '^src/graphql/' },
      to: { path: '^src/dataset/' },
    },
    {
      name: 'memory-adapter-alone',
      comment: 'The two store adapters never import each other.',
      severity: 'error',
      from: { path: '^src/store/memory/' },
      to: { path: '^src/store/neo4j/' },
    },
    {
      name: 'neo4j-adapter-alone',
      comment: 'The two store adapters never import each other.',
      severity: 'error',
      from: { path: '^src/store/neo4j/' },
      to: { path: '^src/store/memory/' },
    },
    {
      name: 'explorer-talks-http',
      comment: 'The explorer is a browser app: it talks to the API over HTTP and imports nothing of the server.',
      severity: 'error',
      from: { path: '^explorer/src/' },
      to: { path: '^(src|local-neo4j|scripts|bench|tests)/' },
    },
    {
      name: 'library-not-scripts',
      comment: 'Library code never imports command-line scripts, benchmarks or tests.',
      severity: 'error',
      from: { path: '^(src|local-neo4j)/' },
      to: { path: '^(scripts|bench|tests)/' },
    },
    {
      name: 'app-not-local-neo4j',
      comment: 'The local Neo4j launcher is a development tool: the app reaches Neo4j through its URI only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^local-neo4j/' },
    },
    {
      name: 'scripts-are-leaves',
      comment: 'A script is a thin command-line wrapper: tests and benchmarks import the library, not scripts.',
      severity: 'error',
      from: { path: '^(tests|bench)/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
