/**
 * How often an open socket pings: under API Gateway's 10-minute idle timeout with 2 minutes to spare
 * (a hidden tab's timers may run up to a minute late). Every ping is two billed WebSocket messages and
 * an invocation; the cost model reads this (docs/cost.md), so it is a module of its own, without DOM types.
 */
export const HEARTBEAT_MS = 8 * 60_000;
