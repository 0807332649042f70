import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Powertools instances, built once per bundle (each Lambda function bundles one copy).
 * The service name comes from POWERTOOLS_SERVICE_NAME, set per service in serverless.yml.
 */
export const logger = new Logger({ logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
export const tracer = new Tracer();
