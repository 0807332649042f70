// `npm run bench:calling`: see src/calling-cli.ts and docs/benchmarks.md.
import './src/calling-cli.ts';
