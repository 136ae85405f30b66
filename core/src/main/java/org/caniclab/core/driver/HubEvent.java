package org.caniclab.core.driver;

/**
 * One orchestration event as it happened on the hub: a call started or ended, a create was sent to root or
 * answered, or (from a substrate) something root or an autoscaler did.
 *
 * <pre>{@code
 * new HubEvent(now, "api", "create_worker", "started", "via scheduled");
 * }</pre>
 *
 * @param timeNanos the hub's clock ({@link org.caniclab.core.ic.IcRuntime#now()}) when it happened
 * @param pool the pool, or empty for hub-wide events (the bootstrap)
 * @param call {@code bootstrap}, {@code create_worker}, {@code plan_create_worker}, or a substrate's own
 * @param outcome {@code started}, {@code completed}, {@code failed}, {@code skipped}, or a substrate's own
 * @param detail free text: the trigger, the principal created, the error
 */
public record HubEvent(long timeNanos, String pool, String call, String outcome, String detail) {}
