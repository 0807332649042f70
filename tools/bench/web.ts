// `npm run bench:web`: see src/web-cli.ts and docs/benchmarks.md.
import './src/web-cli.ts';
