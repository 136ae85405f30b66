package org.caniclab.sim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version from the jar manifest, else from the build's resource file. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "caniclab " + version(),
            "Java " + System.getProperty("java.version", "?") + " (" + System.getProperty("java.vm.name", "?") + ")"
        };
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String fromBuild = p.getProperty("version", "");
                if (!fromBuild.isBlank() && !fromBuild.startsWith("${")) {
                    return fromBuild;
                }
            }
        } catch (IOException e) {
            // fall through: an unknown version is not worth failing --version for
        }
        return "unknown";
    }
}
