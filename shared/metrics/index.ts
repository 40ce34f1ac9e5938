// Twoway's metrics (shared/metrics/README.md), as pure functions shared by the Worker and its tests.
export * from './rate';
export * from './time';
export * from './tally';
export * from './pair';
export * from './gate';
export * from './programme';
export * from './culture';
export * from './dashboard';
export * from './suppression';
export * from './paging';
export * from './cohorts';
export * from './joint-summary';
export * from './closing';
