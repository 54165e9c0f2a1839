/**
 * Target `api`: our GraphQL API on Neo4j, exactly as `npm start` builds it (`createApp` over a
 * `Neo4jStore`), served with node:http. The store's driver counts its round trips (`/__stats`).
 */
import { createApp } from '../../src/app.js';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store.js';
import { countingDriver, neo4jSettingsFromEnv, serve } from './common.js';

const settings = neo4jSettingsFromEnv();
const driver = countingDriver(settings);
await driver.verifyConnectivity({ database: settings.database });
const store = new Neo4jStore(driver, settings);

serve(createApp(store, { env: 'production', corsOrigins: null }), { target: 'api' }, () => store.close());
