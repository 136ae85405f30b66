/**
 * Verification over interleavings: {@link org.caniclab.core.verify.ControlledIcRuntime}, a port whose creates wait
 * until answered in any order, and the {@link org.caniclab.core.verify.ScheduleExplorer}, which delivers concurrent
 * hub calls (through the {@code HubDriver}) in every order and checks invariants after every step.
 *
 * <p>May import: {@code core.driver} and what it imports.
 */
package org.caniclab.core.verify;
