/**
 * Canic's error classification: {@link org.caniclab.core.error.CanicError} (class, origin, message, a carried public
 * code) and the public {@link org.caniclab.core.error.ErrorCode}s a caller sees.
 *
 * <p>May import: nothing of the project.
 */
package org.caniclab.core.error;
