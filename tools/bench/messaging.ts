// `npm run bench:messaging`: see src/messaging-cli.ts and docs/benchmarks.md.
import './src/messaging-cli.ts';
