// Every route's method and path (OpenAPI style, under /api/v1), by name. The
// one place a path is written: the contract's route table (routes.ts) and the
// typed client (shared/client.ts) both read it. Free of zod, so the
// extension's background can call the Worker without bundling the schemas.
export const ENDPOINTS = {
  health: { method: 'get', path: '/health' },
  createProgramme: { method: 'post', path: '/programmes' },
  listProgrammes: { method: 'get', path: '/programmes' },
  getProgramme: { method: 'get', path: '/programmes/{pid}' },
  updateProgramme: { method: 'patch', path: '/programmes/{pid}' },
  rotateToken: { method: 'post', path: '/programmes/{pid}/tokens/{role}/rotate' },
  addParticipants: { method: 'post', path: '/programmes/{pid}/participants' },
  listParticipants: { method: 'get', path: '/programmes/{pid}/participants' },
  reissueInvite: { method: 'post', path: '/programmes/{pid}/participants/{id}/invite' },
  revokeDevices: { method: 'delete', path: '/programmes/{pid}/participants/{id}/tokens' },
  eraseParticipant: { method: 'delete', path: '/participants/{id}' },
  createPair: { method: 'post', path: '/programmes/{pid}/pairs' },
  listPairs: { method: 'get', path: '/programmes/{pid}/pairs' },
  updatePair: { method: 'patch', path: '/programmes/{pid}/pairs/{pairId}' },
  rematchPair: { method: 'post', path: '/programmes/{pid}/pairs/{pairId}/rematch' },
  listRequests: { method: 'get', path: '/programmes/{pid}/requests' },
  updateRequest: { method: 'patch', path: '/programmes/{pid}/requests/{id}' },
  createPairs: { method: 'post', path: '/programmes/{pid}/pairs/batch' },
  importCsv: { method: 'post', path: '/programmes/{pid}/import' },
  importHistory: { method: 'post', path: '/programmes/{pid}/history' },
  redeemInvite: { method: 'post', path: '/invites/redeem' },
  me: { method: 'get', path: '/me' },
  reportSession: { method: 'post', path: '/sessions' },
  putResponse: { method: 'put', path: '/responses/{id}' },
  submitCheck: { method: 'put', path: '/me/checks/{id}' },
  submitRequest: { method: 'put', path: '/me/requests/{id}' },
  setSharing: { method: 'put', path: '/me/pairs/{pairId}/sharing' },
  jointSummary: { method: 'get', path: '/me/pairs/{pairId}/summary' },
  dashboard: { method: 'get', path: '/programmes/{pid}/dashboard' },
  pairDetail: { method: 'get', path: '/programmes/{pid}/pairs/{pairId}' },
  culture: { method: 'get', path: '/programmes/{pid}/culture' },
  cohorts: { method: 'get', path: '/programmes/{pid}/cohorts' },
  exportCsv: { method: 'get', path: '/programmes/{pid}/export.csv' },
} as const;

export type EndpointName = keyof typeof ENDPOINTS;
