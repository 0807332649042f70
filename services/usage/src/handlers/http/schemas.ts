import { Month } from '@parley/events/usage';
import * as z from 'zod';
import { GROUP_BY } from '../../domain/model.ts';

/** Request schemas: strict objects, so unknown query parameters are refused with 400 before any use case runs. */
export const monthQuery = z.strictObject({ month: Month.optional() });
export const orgQuery = z.strictObject({ month: Month.optional(), groupBy: z.enum(GROUP_BY).default('user') });
