// The Admiralty (NATO) grading the API uses: how reliable a source is (A ... F) and how credible one
// report is (1 ... 6), read together as "B2". One place for the words the panels show.

import type { Reliability } from './queries.js';

export const RELIABILITY_TEXT: Record<Reliability, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

export const CREDIBILITY_TEXT: Record<number, string> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
};

/** "F6", and a sentence for its tooltip. */
export function grade(reliability: Reliability, credibility: number): { code: string; text: string } {
  return {
    code: `${reliability}${credibility}`,
    text: `Source ${reliability}: ${RELIABILITY_TEXT[reliability]}; report ${credibility}: ${CREDIBILITY_TEXT[credibility] ?? 'unknown'}`,
  };
}
