/**
 * The hub's scaling table: pools, their roles and policies ({@code initial/min/max_workers}), iterated in Rust's
 * {@code BTreeMap} order, and Canic's validation rules for it.
 *
 * <p>May import: {@code core.ic}, {@code core.error}.
 */
package org.caniclab.core.config;
