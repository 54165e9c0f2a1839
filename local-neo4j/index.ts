/**
 * Local Neo4j Community server for development, tests and benchmarks (`npm run neo4j`).
 *
 * Neo4j comes from Maven Central (org.neo4j:neo4j, see launcher/pom.xml) and runs as the embedded
 * DBMS with its Bolt connector (launcher/src/main/java/org/idlibgraph/LocalNeo4j.java), listening
 * on 127.0.0.1 only, with user `neo4j` / the project's local password (LOCAL_NEO4J_PASSWORD, also
 * NEO4J_PASSWORD's default). The password is in place before Bolt accepts a connection.
 *
 * Maven runs only when the pom or the Java source changed: the resolved classpath and the
 * compiled launcher are cached under .neo4j/build/<hash>/ (git-ignored); the jars stay in Maven's
 * own cache (~/.m2, or NEO4J_MAVEN_REPO). Data and logs go to .neo4j/data/ by default.
 *
 * Environment: NEO4J_JAVA_HOME (JDK to use), NEO4J_MAVEN_REPO (Maven local repository).
 *
 * Files: launcher-project.ts says where things are; java.ts finds a JDK; maven-build.ts builds and
 * caches the launcher; process.ts runs the tools; class-data-sharing.ts keeps the JVM's class
 * archive; server.ts starts and stops the JVM (debug-log.ts explains a failed start); ancestors.ts
 * lets `npm run neo4j` stop when npm goes away.
 */
export { LOCAL_NEO4J_PASSWORD } from '../src/config.js';
export { watchAncestors } from './ancestors.js';
export { findJava, type FoundJava } from './java.js';
export { DEFAULT_NEO4J_DATA_DIR } from './launcher-project.js';
export {
  DEFAULT_NEO4J_PORT,
  LOCAL_NEO4J_DATABASE,
  LOCAL_NEO4J_USER,
  startLocalNeo4j,
  type LocalNeo4j,
  type LocalNeo4jOptions,
} from './server.js';
