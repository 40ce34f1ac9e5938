// The Worker's entry point: everything is wired in app.ts.
import { app } from './app';

export default app;
