package org.caniclab.reports.html;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium for the page tests: each call is one browser process with its own profile folder, bounded by
 * a timeout and killed (with its children) when it overruns. Finds {@code $CANICLAB_CHROMIUM}, else
 * {@code chromium}, {@code chromium-browser} or {@code google-chrome} on the PATH.
 */
final class Chromium {

    static final long TIMEOUT_SECONDS = 90;
    private static final Pattern CHECK = Pattern.compile("<pre id=\"page-check\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

    private final Path binary;
    private final Path work;

    private Chromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** A browser when one is installed. */
    static Optional<Chromium> find(Path work) {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("CANICLAB_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.addAll(List.of("chromium", "chromium-browser", "google-chrome"));
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : candidates) {
            if (name.contains(File.separator)) {
                if (Files.isExecutable(Path.of(name))) {
                    return Optional.of(new Chromium(Path.of(name), work));
                }
                continue;
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new Chromium(candidate, work));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a missing browser must fail the build rather than skip: in CI, or when asked for explicitly. */
    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("CANICLAB_REQUIRE_CHROMIUM"));
    }

    /** The page's DOM after its scripts ran, as Chromium serialises it. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        Path out = work.resolve(page.getFileName() + "-" + System.nanoTime() + ".dom.html");
        // The virtual-time budget lets the page's timers (the final self-check) run before the DOM is dumped.
        run(out, "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString());
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a screenshot of the page's top {@code height} pixels at 1280 wide. */
    void screenshot(Path page, Path png, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run(work.resolve(png.getFileName() + ".out"), "--hide-scrollbars", "--window-size=1280," + height,
                "--virtual-time-budget=10000", "--screenshot=" + png.toAbsolutePath(), page.toUri().toString());
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new IOException("chromium wrote no screenshot " + png);
        }
    }

    /** The text of the page's {@code #page-check} element, unescaped. */
    static String check(String dom) {
        Matcher m = CHECK.matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no #page-check element in the rendered page");
        }
        return m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    private void run(Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stderr = stdout.resolveSibling(stdout.getFileName() + ".err");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + command + "\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
    }
}
