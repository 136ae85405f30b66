/**
 * The {@code caniclab} command line (picocli): {@code replay}, {@code validate}, {@code verify}; the registry of
 * backends {@code --backend} picks from; exit codes and one-line failure messages.
 *
 * <p>May import anything of the project: it is the top of the dependency graph.
 */
package org.caniclab.sim.cli;
