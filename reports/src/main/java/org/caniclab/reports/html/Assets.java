package org.caniclab.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The texts every page inlines: uPlot's script, styles and licence from its webjar, and the page's own script and
 * styles from this package's resources. Read once from the classpath; a missing one is a packaging bug, so it
 * fails loudly rather than writing a page that cannot draw.
 */
final class Assets {

    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** uPlot's version, from the webjar on the classpath: the pom decides it, not this code. */
    static final String UPLOT_VERSION = uplotVersion();
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/";

    static final String UPLOT_JS = read(UPLOT + "dist/uPlot.iife.min.js");
    static final String UPLOT_CSS = read(UPLOT + "dist/uPlot.min.css");
    static final String UPLOT_LICENSE = read(UPLOT + "LICENSE");
    static final String PAGE_JS = read("org/caniclab/reports/html/page.js");
    static final String PAGE_CSS = read("org/caniclab/reports/html/page.css");
    /** Runs first in the page, so that errors of everything after it are caught. */
    static final String CATCH_ERRORS_JS = read("org/caniclab/reports/html/catch-errors.js");

    private Assets() {}

    private static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in = stream(WEBJAR_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_PROPERTIES, e);
        }
        String version = properties.getProperty("version");
        if (version == null || !version.matches("[0-9A-Za-z.+-]+")) {
            throw new IllegalStateException(WEBJAR_PROPERTIES + " has no usable version: " + version);
        }
        return version;
    }

    private static String read(String resource) {
        try (InputStream in = stream(resource)) {
            // Normalised to \n so the page's bytes do not depend on how the resource was checked out.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath (is the uPlot webjar a dependency?)");
        }
        return in;
    }
}
