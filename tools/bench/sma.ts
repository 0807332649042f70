// `npm run bench:sma`: see src/sma-cli.ts and docs/benchmarks.md.
import './src/sma-cli.ts';
