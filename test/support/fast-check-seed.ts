// One seed for every property test, so the suite is deterministic: the same
// random programmes on every run. Set FC_SEED to explore others (Node suites).
import fc from 'fast-check';

const fromEnv = typeof process !== 'undefined' ? Number(process.env?.FC_SEED) : Number.NaN;
fc.configureGlobal({ seed: Number.isInteger(fromEnv) ? fromEnv : 20261201 });
