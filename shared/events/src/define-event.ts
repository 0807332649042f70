import * as z from 'zod';

/** Envelope metadata every Parley event carries (ADR 0003; docs/architecture.md, "Events"). */
export const EventMetadata = z.object({
  eventId: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

export interface EventDefinitionInput<D extends z.ZodType> {
  /** `parley.<service>` */
  source: `parley.${string}`;
  /** `<service>.<Aggregate><PastVerb>` */
  detailType: string;
  version: number;
  description: string;
  data: D;
}

export interface EventDefinition<D extends z.ZodType = z.ZodType> extends EventDefinitionInput<D> {
  /** zod schema of the whole EventBridge `detail` */
  detail: z.ZodObject<{
    metadata: typeof EventMetadata;
    audience: z.ZodOptional<z.ZodArray<z.ZodString>>;
    data: D;
  }>;
}

export type EventData<E extends EventDefinition> = z.infer<E['data']>;
export type EventDetail<E extends EventDefinition> = z.infer<E['detail']>;

/**
 * Defines a domain event once: type string, version and zod schema of its data.
 * Publishers and consumers both use the returned definition.
 */
export function defineEvent<D extends z.ZodType>(input: EventDefinitionInput<D>): EventDefinition<D> {
  const [service] = input.detailType.split('.');
  if (input.source !== `parley.${service}`) {
    throw new Error(`event ${input.detailType}: source must be parley.${service}, got ${input.source}`);
  }
  const detail = z.object({
    metadata: EventMetadata,
    audience: z.array(z.string().min(1)).max(1000).optional(),
    data: input.data,
  });
  return { ...input, detail };
}
