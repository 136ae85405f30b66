package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.caniclab.sim.cluster.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code caniclab worker}: a cluster member that runs the runs of {@code sweep --cluster}, until SIGINT or SIGTERM.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Runs a cluster member that carries out the runs of 'caniclab sweep --cluster'.",
        description = {"Starts a Hazelcast member on --bind:--port (only that address; multicast, auto-detection "
                + "and phone-home off) that joins the members at --join, prints one line when it is ready, and runs "
                + "until interrupted (Ctrl-C, SIGTERM). Runs it has in progress when it stops are run again "
                + "elsewhere by their sweep."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:the usage is invalid",
            "3:the member could not start (port taken, address not this machine's)", "4:internal error",
            "130/143:stopped by SIGINT/SIGTERM, after leaving the cluster (the JVM's status for the signal)"})
final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT,...",
            description = "Other members to join (default: none; this one starts the cluster).")
    String join;

    @Option(names = "--port", paramLabel = "N", defaultValue = "5701",
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The one address to listen on and to be reached at (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--threads", paramLabel = "N",
            description = "Runs at once on this member (default: the number of processors).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        Worker.Settings settings;
        try {
            List<String> others = join == null ? List.of() : Worker.joinAddresses(join);
            settings = new Worker.Settings(bind, port, others,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Worker worker = Worker.start(settings);
        Thread hook = new Thread(worker::close, "worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("worker ready at " + worker.address() + " (" + worker.members() + " member"
                + (worker.members() == 1 ? "" : "s") + " in the cluster, " + settings.threads() + " threads)");
        out.flush();
        try {
            worker.awaitStop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
            worker.close();
        }
        return Failures.OK;
    }
}
