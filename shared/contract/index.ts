// The HTTP contract: every schema a request or a response is made of.
export * from './common';
export * from './programmes';
export * from './participants';
export * from './pairs';
export * from './invites';
export * from './answers';
export * from './analytics';
export * from './endpoints';
export * from './routes';
export * from './checks';
export * from './requests';
export * from './sharing';
