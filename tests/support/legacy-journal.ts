import { crc32 } from 'node:zlib';
import type { WriteCommand } from '../../src/domain/commands.js';

/** One record in the format older versions journaled writes in (`crc32-hex json`), for migration tests. */
export function legacyJournalLine(command: WriteCommand): string {
  const json = JSON.stringify(command);
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}
