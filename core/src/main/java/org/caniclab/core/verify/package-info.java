/**
 * Verification over interleavings: {@link org.caniclab.core.verify.ControlledIcRuntime}, a port whose creates wait
 * until answered in any order, and the {@link org.caniclab.core.verify.ScheduleExplorer}, which delivers concurrent
 * hub calls (through the {@code HubDriver}) to the real workflow in every order and checks invariants after every
 * step, exploring each canonical abstract state once, one representative per class of interchangeable calls, with
 * sleep sets over calls on different pools.
 *
 * <p>May import: {@code core.driver} and what it imports.
 */
package org.caniclab.core.verify;
