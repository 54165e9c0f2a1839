import { printSchema } from 'graphql';
import { schema } from './index.js';

/** The checked-in SDL: a header, then the schema as graphql-js prints it. */
export const printSchemaFile = () =>
  `# Generated from the Pothos schema by \`npm run schema:print\`. Do not edit by hand.\n\n${printSchema(schema)}\n`;
