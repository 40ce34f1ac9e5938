// Sets up a programme for an end-to-end test through the public API, the way a
// coordinator would: programme, then participants, then pairs.
import { createProgrammeWithPeople, type PeopleSpec, type ProgrammeIds } from '../../worker/dev/twoway-client';

export type ProgrammeSpec = PeopleSpec;
export type ProgrammeSetup = ProgrammeIds;

/** Creates a programme with participants and pairs through the public API; returns ids, tokens and invite codes. */
export function setUpProgramme(baseUrl: string, adminToken: string, spec: ProgrammeSpec): Promise<ProgrammeSetup> {
  return createProgrammeWithPeople({ fetch: (input, init) => fetch(input, init), baseUrl }, adminToken, spec);
}
