// `npm run bench:cold`: see src/cold-cli.ts and docs/benchmarks.md.
import './src/cold-cli.ts';
