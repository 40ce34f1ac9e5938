// The HTTP contract, route by route: each request's params, query and body and
// each response's status and body, as zod schemas. The Worker registers these
// with @hono/zod-openapi (validation and GET /api/v1/openapi.json come from
// them), the typed client (shared/client.ts) takes its types from them, and the
// worker tests check real responses against them.
import { z } from 'zod';
import { errorEnvelope } from './common';
import { ENDPOINTS, type EndpointName } from './endpoints';
import {
  cohorts, cohortsQuery, csvText, culture, cultureQueryParams, dashboard, dashboardListQuery, dashboardQuery, exportQuery, pairDetail,
} from './analytics';
import {
  historyReport, importReport, reportedSession, reportSession, responseParams, submitResponse, submittedResponse,
} from './answers';
import { me, redeemed, redeemInvite } from './invites';
import { checkParams, submitCheck, submittedCheck } from './checks';
import {
  createdPair, createdPairs, MAX_PAIRS_PER_REQUEST, newPair, newPairs, pairList, pairRow, rematched, rematchPair, updatePair,
} from './pairs';
import { ownRequest, queuedRequest, requestParams, requestQueue, requestsQuery, submitRequest, updateRequest } from './requests';
import { jointSummary, pairParams, setSharing, sharingState, summaryQuery } from './sharing';
import {
  addedParticipants, addParticipants, erasedParticipant, participantList, reissuedInvite, revokedDevices,
} from './participants';
import {
  createProgramme, newProgramme, programme, programmeList, rotatedToken, rotateTokenParams, updateProgramme,
} from './programmes';

const WHY: Record<number, string> = {
  400: 'invalid input: `issues` lists each problem with its path',
  401: 'no token, or one that no longer works (`token_rotated`, `token_revoked`, `access_reset`)',
  403: 'a valid token of the wrong role or programme',
  404: 'no such resource',
  409: 'a conflict, such as an invite code used twice',
  413: 'the body is over its limit (64 KiB; 1 MiB for bulk pairs, 8 MiB for the CSV import, 10 MiB for the history import)',
  422: 'well-formed but refused: the session is outside its answer window or its pair\'s enrolment',
  429: 'rate limited; `Retry-After` says when to try again',
};
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [
    status, { description: WHY[status] ?? 'an error', content: { 'application/json': { schema: errorEnvelope } } },
  ])) as Record<number, { description: string; content: { 'application/json': { schema: typeof errorEnvelope } } }>;

const json = <S extends z.ZodType>(schema: S, description: string) =>
  ({ description, content: { 'application/json': { schema } } }) as const;
const jsonBody = <S extends z.ZodType>(schema: S) =>
  ({ required: true, content: { 'application/json': { schema } } }) as const;
const textBody = (type: string, description: string) =>
  ({ required: true, description, content: { [type]: { schema: z.string() } } }) as const;

const pid = z.object({ pid: z.string() });
const pidAnd = <K extends string>(key: K) => z.object({ pid: z.string(), [key]: z.string() } as { pid: z.ZodString } & Record<K, z.ZodString>);
/** Who may call a route, as its OpenAPI tag and security. */
const bearer = [{ bearer: [] }];
const COMMON = errors(401, 429);

function route<const N extends EndpointName, const R extends object>(name: N, tag: string, summary: string, rest: R) {
  return { ...ENDPOINTS[name], operationId: name, tags: [tag], summary, ...rest };
}

export const routes = {
  health: route('health', 'Service', 'Whether the Worker is up, and its version', {
    responses: { 200: json(z.object({ ok: z.literal(true), version: z.string() }), 'up') },
  }),

  createProgramme: route('createProgramme', 'Programmes', 'Create a programme (admin); its two tokens are shown once', {
    security: bearer,
    request: { body: jsonBody(createProgramme) },
    responses: { 201: json(newProgramme, 'created'), ...COMMON, ...errors(400, 403, 413) },
  }),
  listProgrammes: route('listProgrammes', 'Programmes', 'Every programme, without tokens or people (admin)', {
    security: bearer,
    responses: { 200: json(programmeList, 'the programmes'), ...COMMON, ...errors(403) },
  }),
  getProgramme: route('getProgramme', 'Programmes', 'One programme\'s settings (coordinator or sponsor)', {
    security: bearer,
    request: { params: pid },
    responses: { 200: json(programme, 'the programme'), ...COMMON, ...errors(403, 404) },
  }),
  updateProgramme: route('updateProgramme', 'Programmes', 'Change a programme\'s settings (coordinator or admin)', {
    security: bearer,
    request: { params: pid, body: jsonBody(updateProgramme) },
    responses: { 200: json(programme, 'the programme as changed'), ...COMMON, ...errors(400, 403, 404, 413) },
  }),
  rotateToken: route('rotateToken', 'Programmes', 'Replace the coordinator or sponsor token (admin); the old one answers 401 token_rotated', {
    security: bearer,
    request: { params: rotateTokenParams },
    responses: { 200: json(rotatedToken, 'the new token, shown once'), ...COMMON, ...errors(400, 403, 404) },
  }),

  addParticipants: route('addParticipants', 'Participants', 'Invite participants (coordinator); the same email again returns the same participant', {
    security: bearer,
    request: { params: pid, body: jsonBody(addParticipants) },
    responses: { 201: json(addedParticipants, 'the participants and their invite codes'), ...COMMON, ...errors(400, 403, 413) },
  }),
  listParticipants: route('listParticipants', 'Participants', 'The programme\'s participants and their invite codes (coordinator)', {
    security: bearer,
    request: { params: pid },
    responses: { 200: json(participantList, 'the participants'), ...COMMON, ...errors(403) },
  }),
  reissueInvite: route('reissueInvite', 'Participants', 'A fresh invite code; a joined person\'s devices are signed out (coordinator)', {
    security: bearer,
    request: { params: pidAnd('id') },
    responses: { 200: json(reissuedInvite, 'the new code'), ...COMMON, ...errors(403, 404) },
  }),
  revokeDevices: route('revokeDevices', 'Participants', 'Sign a person\'s devices out without erasing them (coordinator)', {
    security: bearer,
    request: { params: pidAnd('id') },
    responses: { 200: json(revokedDevices, 'how many tokens were revoked'), ...COMMON, ...errors(403, 404) },
  }),
  eraseParticipant: route('eraseParticipant', 'Participants', 'Erase a participant\'s identity and answers (coordinator)', {
    security: bearer,
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: json(erasedParticipant, 'erased'), ...COMMON, ...errors(403, 404) },
  }),

  createPair: route('createPair', 'Pairs', 'Pair two participants (coordinator); the same pair again returns it with 200', {
    security: bearer,
    request: { params: pid, body: jsonBody(newPair) },
    responses: { 201: json(createdPair, 'created'), 200: json(createdPair, 'already there'), ...COMMON, ...errors(400, 403, 413) },
  }),
  listPairs: route('listPairs', 'Pairs', 'The programme\'s pairs (coordinator)', {
    security: bearer,
    request: { params: pid },
    responses: { 200: json(pairList, 'the pairs'), ...COMMON, ...errors(403) },
  }),
  updatePair: route('updatePair', 'Pairs', 'Close a pair (endsOn), reopen it, or change its cohort or cadence (coordinator)', {
    security: bearer,
    request: { params: pidAnd('pairId'), body: jsonBody(updatePair) },
    responses: { 200: json(pairRow, 'the pair as changed'), ...COMMON, ...errors(400, 403, 404, 413) },
  }),
  rematchPair: route('rematchPair', 'Pairs', 'End a pair and pair one of its members with someone new (coordinator)', {
    security: bearer,
    request: { params: pidAnd('pairId'), body: jsonBody(rematchPair) },
    responses: { 201: json(rematched, 'the ended pair and the new one'), ...COMMON, ...errors(400, 403, 404, 409, 413) },
  }),
  listRequests: route('listRequests', 'Requests', 'The queue of rematch and contact requests, with who sent each (coordinator)', {
    security: bearer,
    request: { params: pid, query: requestsQuery },
    responses: { 200: json(requestQueue, 'the requests, newest first'), ...COMMON, ...errors(400, 403) },
  }),
  updateRequest: route('updateRequest', 'Requests', 'Mark a request handled, or open it again (coordinator)', {
    security: bearer,
    request: { params: pidAnd('id'), body: jsonBody(updateRequest) },
    responses: { 200: json(queuedRequest, 'the request as changed'), ...COMMON, ...errors(400, 403, 404, 413) },
  }),
  createPairs: route('createPairs', 'Pairs', `Pair up to ${MAX_PAIRS_PER_REQUEST} couples of participants at once (coordinator; body up to 1 MiB); a result per pair, in order`, {
    security: bearer,
    request: { params: pid, body: jsonBody(newPairs) },
    responses: { 200: json(createdPairs, 'a result per pair'), ...COMMON, ...errors(400, 403, 413) },
  }),
  importCsv: route('importCsv', 'Imports', 'Participants and pairs from one CSV file of up to 8 MiB (coordinator; format in README, "CSV import")', {
    security: bearer,
    request: { params: pid, body: textBody('text/csv', 'one row per participant or pair') },
    responses: { 200: json(importReport, 'a report per row'), ...COMMON, ...errors(400, 403, 413) },
  }),
  importHistory: route('importHistory', 'Imports', 'Back-fill past sessions as NDJSON, one session a line, up to 10 MiB (coordinator)', {
    security: bearer,
    request: { params: pid, body: textBody('application/x-ndjson', 'one HistoryLine JSON object per line') },
    responses: { 200: json(historyReport, 'what was stored and what was refused, by line'), ...COMMON, ...errors(400, 403, 413) },
  }),

  redeemInvite: route('redeemInvite', 'Participants\' devices', 'Trade an invite code for a participant token; a code works once', {
    request: { body: jsonBody(redeemInvite) },
    responses: { 200: json(redeemed, 'signed in'), ...errors(400, 404, 409, 413, 429) },
  }),
  me: route('me', 'Participants\' devices', 'The caller, their pairs and partners, and their own answers (participant)', {
    security: bearer,
    responses: { 200: json(me, 'the caller'), ...COMMON, ...errors(403) },
  }),
  reportSession: route('reportSession', 'Participants\' devices', 'Report that a meeting took place (participant); idempotent on (pairId, eventKey)', {
    security: bearer,
    request: { body: jsonBody(reportSession) },
    responses: { 200: json(reportedSession, 'the session id, new or not'), ...COMMON, ...errors(400, 403, 404, 413, 422) },
  }),
  putResponse: route('putResponse', 'Participants\' devices', 'Answer a session (participant); `id` is a client UUID', {
    security: bearer,
    request: { params: responseParams, body: jsonBody(submitResponse) },
    responses: {
      201: json(submittedResponse, 'a new answer'),
      200: json(submittedResponse, 'it replaced or repeated an answer'),
      ...COMMON, ...errors(400, 403, 404, 409, 413, 422),
    },
  }),
  submitCheck: route('submitCheck', 'Participants\' devices', 'Answer the fit question, a relationship check or the closing question (participant); `id` is a client UUID', {
    security: bearer,
    request: { params: checkParams, body: jsonBody(submitCheck) },
    responses: {
      201: json(submittedCheck, 'a new answer'),
      200: json(submittedCheck, 'it replaced or repeated an answer'),
      ...COMMON, ...errors(400, 403, 404, 409, 413, 422),
    },
  }),
  submitRequest: route('submitRequest', 'Participants\' devices', 'Ask for a new partner or to be contacted by the programme team (participant); `id` is a client UUID', {
    security: bearer,
    request: { params: requestParams, body: jsonBody(submitRequest) },
    responses: {
      201: json(ownRequest, 'sent'),
      200: json(ownRequest, 'already sent'),
      ...COMMON, ...errors(400, 403, 404, 409, 413),
    },
  }),
  setSharing: route('setSharing', 'Participants\' devices', 'Opt in to, or out of, the joint summary of a pair (participant)', {
    security: bearer,
    request: { params: pairParams, body: jsonBody(setSharing) },
    responses: { 200: json(sharingState, 'the summary\'s state for the pair'), ...COMMON, ...errors(400, 403, 404, 413) },
  }),
  jointSummary: route('jointSummary', 'Participants\' devices', 'The pair\'s joint summary of a month, once both members have opted in (participant)', {
    security: bearer,
    request: { params: pairParams, query: summaryQuery },
    responses: { 200: json(jointSummary, 'the summary, or why there is none'), ...COMMON, ...errors(400, 403, 404) },
  }),

  dashboard: route('dashboard', 'Analytics', 'Programme metrics, months, every at-risk pair and one page of the pairs (coordinator)', {
    security: bearer,
    request: { params: pid, query: dashboardListQuery },
    responses: { 200: json(dashboard, 'the dashboard'), ...COMMON, ...errors(400, 403, 404) },
  }),
  pairDetail: route('pairDetail', 'Analytics', 'One pair\'s metrics, flags, months and sessions (coordinator)', {
    security: bearer,
    request: { params: pidAnd('pairId'), query: dashboardQuery },
    responses: { 200: json(pairDetail, 'the pair'), ...COMMON, ...errors(400, 403, 404) },
  }),
  culture: route('culture', 'Analytics', 'Culture metrics per whole period, k-anonymised (sponsor or coordinator)', {
    security: bearer,
    request: { params: pid, query: cultureQueryParams },
    responses: { 200: json(culture, 'the periods'), ...COMMON, ...errors(400, 403, 404) },
  }),
  cohorts: route('cohorts', 'Analytics', 'Per cohort: pairing fit, relationship checks and the response-rate trend, k-anonymised (coordinator)', {
    security: bearer,
    request: { params: pid, query: cohortsQuery },
    responses: { 200: json(cohorts, 'the cohorts and the programme as a whole'), ...COMMON, ...errors(400, 403, 404) },
  }),
  exportCsv: route('exportCsv', 'Analytics', 'The dashboard\'s pairs (coordinator) or the culture periods (sponsor or coordinator) as CSV', {
    security: bearer,
    request: { params: pid, query: exportQuery },
    responses: {
      200: { description: 'one row per pair or per period', content: { 'text/csv': { schema: csvText } } },
      ...COMMON, ...errors(400, 403, 404),
    },
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
