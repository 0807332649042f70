// `npm run cost`: see src/cost-cli.ts and docs/cost.md.
import './src/cost-cli.ts';
