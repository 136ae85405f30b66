/**
 * Identity and the port: {@link org.caniclab.core.ic.Principal} with the IC's text form and ordering,
 * {@link org.caniclab.core.ic.CanisterRole}, and {@link org.caniclab.core.ic.IcRuntime}, the port through which the
 * workflow asks root for canisters ({@link org.caniclab.core.ic.CreateRequest} in, {@link
 * org.caniclab.core.ic.CreateOutcome} out).
 *
 * <p>May import: {@code core.error}. Nothing else of the project, no I/O.
 */
package org.caniclab.core.ic;
