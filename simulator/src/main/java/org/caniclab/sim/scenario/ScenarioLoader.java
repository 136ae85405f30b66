package org.caniclab.sim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.caniclab.core.config.ConfigProblem;
import org.caniclab.core.config.PoolFileNames;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.config.ScalingConfigValidator;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.sim.input.InputFileException;
import org.caniclab.sim.input.InputFiles;
import org.caniclab.sim.input.TraceException;
import org.caniclab.sim.input.TraceReader;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.ExpectationSpec;
import org.caniclab.sim.model.FaultWindow;
import org.caniclab.sim.model.Formats;
import org.caniclab.sim.model.HubSettings;
import org.caniclab.sim.model.IcDefaults;
import org.caniclab.sim.model.IcModel;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.RunSettings;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.ServiceModel;
import org.caniclab.sim.model.SweepSpec;

/**
 * Reads a scenario TOML file into a validated {@link Scenario}. Every key is checked: unknown keys, wrong
 * types and bad values are {@link ScenarioException}s naming the file, the line, the key path and what is
 * accepted. {@code --set} overrides are applied to the parsed tree first, so they are checked the same way.
 * The schema and its defaults are documented in {@code scenarios/README.md}. Lines come from the TOML parser
 * (tomlj); files must be regular files, the scenario and {@code canic.toml} at most
 * {@link InputFiles#SMALL_FILE_LIMIT} bytes; a trace is read through once, streamed, to check every row.
 *
 * <p>Expectations are kept as written ({@link ExpectationSpec}, with their line): parsing them belongs to the
 * reports module, which this package may not import; the CLI checks them right after loading.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("scenarios/bootstrap-race.toml"), List.of("hub.mode=reserved"));
 * }</pre>
 */
public final class ScenarioLoader {
    // ---- defaults (documented in scenarios/README.md) ----
    /** {@code run.seed}. */
    public static final long DEFAULT_SEED = 1;
    /** {@code run.duration}: 60 s. */
    public static final long DEFAULT_DURATION = 60_000_000_000L;
    /** {@code run.sample_interval}: 1 s. */
    public static final long DEFAULT_SAMPLE_INTERVAL = 1_000_000_000L;
    /** {@code ic.round}: 900 ms, the block time of a typical 13-node application subnet (ic-backends §D). */
    public static final long DEFAULT_ROUND = IcDefaults.ROUND_NANOS;
    /** {@code ic.call_latency_rounds}: same subnet, delivered in the next round. */
    public static final int DEFAULT_CALL_LATENCY_ROUNDS = IcDefaults.CALL_LATENCY_ROUNDS;
    /**
     * {@code ic.create_latency}: log-normal, median 4.5 s (5 rounds), sigma 0.25 — root's module resolution,
     * management create, install, topology and state cascades, each a same-subnet round trip.
     */
    public static final Distribution DEFAULT_CREATE_LATENCY = IcDefaults.CREATE_LATENCY;
    /** {@code ic.creation_fee}: 500B cycles on a 13-node subnet (ic-backends §D). */
    public static final long DEFAULT_CREATION_FEE = IcDefaults.CREATION_FEE_CYCLES;
    /** {@code ic.root_cycles}: 1000T, enough for 200 creations at the default 5T. */
    public static final long DEFAULT_ROOT_CYCLES = IcDefaults.ROOT_CYCLES;
    /** {@code ic.subnet_canister_limit}: the 120k canisters per subnet cap set in 2024 (ic-backends §D). */
    public static final int DEFAULT_SUBNET_CANISTER_LIMIT = IcDefaults.SUBNET_CANISTER_LIMIT;
    /** {@code pools.<name>.initial_cycles}: Canic's role default, 5T (spec §4.5). */
    public static final long DEFAULT_INITIAL_CYCLES = IcDefaults.INITIAL_CYCLES;
    /**
     * {@code pools.<name>.service} when absent: per round, 100 requests per worker per round (a guess: set it
     * from your canister's instructions per request), 500 queued at most (the IC's input queue, §D).
     */
    public static final ServiceModel.PerRound DEFAULT_SERVICE =
            new ServiceModel.PerRound(100, IcDefaults.QUEUE_CAPACITY);
    /** {@code autoscaler.target_utilization}. */
    public static final double DEFAULT_TARGET_UTILIZATION = 0.7;
    /** {@code autoscaler.cooldown}: 30 s. */
    public static final long DEFAULT_AUTOSCALER_COOLDOWN = 30_000_000_000L;
    /** {@code autoscaler.interval}: 5 s. */
    public static final long DEFAULT_AUTOSCALER_INTERVAL = 5_000_000_000L;

    private static final List<String> TOP_KEYS =
            List.of("expect", "run", "ic", "hub", "canic", "pools", "load", "calls", "faults", "sweep");
    private static final Map<String, ConcurrencyMode> MODES = new LinkedHashMap<>();
    private static final Map<String, RouterKind> ROUTERS = new LinkedHashMap<>();
    private static final Map<String, String> SERVICE_MODELS = new LinkedHashMap<>();
    private static final Map<String, String> LOAD_KINDS = new LinkedHashMap<>();
    private static final Map<String, ScheduledCall.Kind> CALLS = new LinkedHashMap<>();
    private static final Map<String, FaultWindow.Kind> FAULTS = new LinkedHashMap<>();

    static {
        for (ConcurrencyMode m : ConcurrencyMode.values()) {
            MODES.put(m.label(), m);
        }
        for (RouterKind r : RouterKind.values()) {
            ROUTERS.put(r.label(), r);
        }
        SERVICE_MODELS.put("per-round", "per-round");
        SERVICE_MODELS.put("continuous", "continuous");
        SERVICE_MODELS.put("shared-queue", "shared-queue");
        LOAD_KINDS.put("poisson", "poisson");
        LOAD_KINDS.put("burst", "burst");
        LOAD_KINDS.put("trace", "trace");
        for (ScheduledCall.Kind k : ScheduledCall.Kind.values()) {
            CALLS.put(k.label(), k);
        }
        for (FaultWindow.Kind k : FaultWindow.Kind.values()) {
            FAULTS.put(k.label(), k);
        }
    }

    private ScenarioLoader() {}

    /** Loads a scenario file as written. */
    public static Scenario load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads a scenario file with {@code --set key.path=value} overrides applied before validation.
     *
     * @param file the scenario, as the user named it (errors show this path; relative files it refers to
     *     are resolved against its directory)
     * @param overrides {@code key.path=value} strings, applied in order
     * @throws ScenarioException naming file, line, key path, the problem and what is accepted
     */
    public static Scenario load(Path file, List<String> overrides) {
        String text = text(file);
        Scenario s = load(file, text, overrides);
        // Each value a [sweep] states is checked here, alone, so that validate (and replay) refuse what sweep would,
        // at the value's line; combinations are checked by sweep, variant by variant (loadVariant).
        s.sweep().ifPresent(spec -> {
            for (int k = 0; k < spec.vary().size(); k++) {
                for (int i = 0; i < spec.vary().get(k).values().size(); i++) {
                    List<Integer> picks = new ArrayList<>(Collections.nCopies(spec.vary().size(), -1));
                    picks.set(k, i);
                    loadVariant(file, text, overrides, spec, picks);
                }
            }
        });
        return s;
    }

    /**
     * One variant of the study a scenario's {@code [sweep]} states: the scenario with {@code overrides}, then for each
     * {@code [[sweep.vary]]} entry k its value {@code picks.get(k)} (-1: that entry left as written). An error that a
     * stated value causes names the file, the value's line and its key path ({@code sweep.vary[0].values[2]}), not a
     * {@code --set}.
     *
     * @param spec the {@code [sweep]} of the scenario as loaded from {@code text} with {@code overrides}
     */
    public static Scenario loadVariant(Path file, String text, List<String> overrides, SweepSpec spec,
            List<Integer> picks) {
        String display = file.toString();
        Source src = new Source(display, TomlDocument.parse(text, display));
        Overrides.apply(overrides, src);
        for (int k = 0; k < spec.vary().size(); k++) {
            int pick = picks.get(k);
            if (pick < 0) {
                continue;
            }
            SweepSpec.Vary v = spec.vary().get(k);
            KeyPath at = KeyPath.ROOT.child("sweep").child("vary").index(k).child("values").index(pick);
            Overrides.apply(v.key() + "=" + v.values().get(pick), src, new Source.Origin(src.lineOf(at), at.toString()));
        }
        return new Reader(file, src, new TomlTable(src, KeyPath.ROOT, src.root())).scenario();
    }

    /**
     * Loads a scenario from its text, as {@link #load(Path, List)} would from {@code file} holding it: a sweep reads
     * the file once and hands the same text to every run, wherever it runs (a cluster member loads what the sweep
     * read, not what the file holds by then).
     *
     * @param file where the text came from: errors name it, the scenario's name defaults to its stem, and relative
     *     files it refers to are resolved against its directory
     */
    public static Scenario load(Path file, String text, List<String> overrides) {
        String display = file.toString();
        Source src = new Source(display, TomlDocument.parse(text, display));
        Overrides.apply(overrides, src);
        return new Reader(file, src, new TomlTable(src, KeyPath.ROOT, src.root())).scenario();
    }

    /** A scenario file's text, read as {@link #load(Path, List)} reads it (a {@link ScenarioException} if not). */
    public static String text(Path file) {
        return read(file, file.toString(), "scenario file", null);
    }

    // ---- the reader -----------------------------------------------------------------------------------------

    /** Reads one scenario tree; holds what later sections need from earlier ones. */
    private static final class Reader {
        private final Path file;
        private final Source src;
        private final TomlTable root;
        private long duration;
        private final List<String> poolNames = new ArrayList<>();

        Reader(Path file, Source src, TomlTable root) {
            this.file = file;
            this.src = src;
            this.root = root;
        }

        Scenario scenario() {
            root.onlyKeys("the top level", TOP_KEYS);
            TomlTable runT = root.tableOrEmpty("run");
            String name = name(runT);
            RunSettings run = run(runT);
            IcModel ic = ic(root.tableOrEmpty("ic"));
            HubSettings hub = hub(root.tableOrEmpty("hub"));
            List<PoolSpec> pools = root.has("canic") ? canicPools(root.table("canic")) : pools();
            pools.forEach(p -> poolNames.add(p.name()));
            List<LoadSource> loads = loads();
            List<ScheduledCall> calls = calls();
            List<FaultWindow> faults = faults();
            List<ExpectationSpec> expectations = expectations();
            Optional<SweepSpec> sweep = root.has("sweep") ? Optional.of(sweep(root.table("sweep"))) : Optional.empty();
            return new Scenario(name, run, ic, hub, pools, loads, calls, faults, expectations, sweep);
        }

        private String name(TomlTable t) {
            String fileName = file.getFileName() == null ? "scenario" : file.getFileName().toString();
            String stem = fileName.endsWith(".toml") ? fileName.substring(0, fileName.length() - 5) : fileName;
            String name = t.string("name", stem);
            if (!Scenario.NAME.matcher(name).matches()) {
                String from = t.has("name") ? "" : " (taken from the file name; set run.name)";
                throw t.error("name", "scenario name \"" + name + "\"" + from + " cannot name an output folder; "
                        + "accepted: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            return name;
        }

        private RunSettings run(TomlTable t) {
            t.onlyKeys("[run]", "name", "seed", "duration", "warmup", "sample_interval", "batches");
            long seed = t.integer("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
            duration = t.duration("duration", DEFAULT_DURATION);
            if (duration <= 0) {
                throw t.error("duration", "the run needs a duration above 0; accepted: " + Durations.ACCEPTED);
            }
            long warmup = t.duration("warmup", 0L);
            if (warmup >= duration) {
                throw t.error("warmup", "warmup " + Formats.duration(warmup) + " is not shorter than the duration "
                        + Formats.duration(duration) + "; accepted: a duration below run.duration");
            }
            long sample = t.duration("sample_interval", DEFAULT_SAMPLE_INTERVAL);
            if (sample <= 0) {
                throw t.error("sample_interval", "sample_interval must be above 0; accepted: " + Durations.ACCEPTED);
            }
            int batches = 0;
            if (t.has("batches")) {
                batches = t.intValue("batches", null, 2, RunSettings.MAX_BATCHES);
            }
            return new RunSettings(seed, duration, warmup, sample, batches);
        }

        private IcModel ic(TomlTable t) {
            t.onlyKeys("[ic]", "round", "call_latency_rounds", "create_latency", "creation_fee", "root_cycles",
                    "subnet_canister_limit");
            long round = t.duration("round", DEFAULT_ROUND);
            if (round <= 0) {
                throw t.error("round", "a round must last more than 0; accepted: " + Durations.ACCEPTED);
            }
            int callRounds = t.intValue("call_latency_rounds", DEFAULT_CALL_LATENCY_ROUNDS, 0,
                    IcModel.MAX_CALL_LATENCY_ROUNDS);
            Distribution createLatency = t.distribution("create_latency", DEFAULT_CREATE_LATENCY);
            long fee = t.cycles("creation_fee", DEFAULT_CREATION_FEE);
            long rootCycles = t.cycles("root_cycles", DEFAULT_ROOT_CYCLES);
            int limit = t.intValue("subnet_canister_limit", DEFAULT_SUBNET_CANISTER_LIMIT, 1, Integer.MAX_VALUE);
            return new IcModel(round, callRounds, createLatency, fee, rootCycles, limit);
        }

        private HubSettings hub(TomlTable t) {
            t.onlyKeys("[hub]", "mode", "bootstrap", "topup_interval");
            ConcurrencyMode mode = t.choice("mode", MODES, ConcurrencyMode.SEED_0_33_3, "mode");
            boolean bootstrap = t.bool("bootstrap", true);
            long topUp = t.duration("topup_interval", 0L);
            return new HubSettings(mode, bootstrap, topUp);
        }

        // ---- pools ----

        private List<PoolSpec> pools() {
            TomlTable pools = root.table("pools");
            if (pools == null || pools.keys().isEmpty()) {
                throw src.error(KeyPath.ROOT.child("pools"), "the scenario defines no pool; accepted: one or more "
                        + "[pools.<name>] tables with canister_role = \"...\", or a [canic] section reading them from "
                        + "canic.toml");
            }
            ScalingConfig.Builder cfg = ScalingConfig.builder();
            Map<String, PoolSpec> specs = new TreeMap<>();
            Map<String, String> files = new TreeMap<>();
            for (String name : pools.keys()) {
                TomlTable p = pools.table(name);
                fileNameClash(pools, name, files);
                p.onlyKeys("[" + p.path() + "]", "canister_role", "policy", "initial_cycles", "service", "router",
                        "autoscaler", "start_workers");
                CanisterRole role;
                try {
                    role = new CanisterRole(p.string("canister_role", null));
                } catch (IllegalArgumentException e) {
                    throw p.error("canister_role", e.getMessage());
                }
                ScalePoolPolicy policy = policy(p);
                cfg.pool(name, new ScalePool(role, policy));
                long cycles = p.cycles("initial_cycles", DEFAULT_INITIAL_CYCLES);
                specs.put(name, new PoolSpec(name, role, policy, cycles, service(p), router(p), autoscaler(p),
                        startWorkers(p, policy)));
            }
            ScalingConfig config = cfg.build();
            List<ConfigProblem> problems = ScalingConfigValidator.validate(config);
            if (!problems.isEmpty()) {
                ConfigProblem first = problems.get(0);
                throw src.error(problemPath(pools.path(), first.path(), config.pools().keySet()), first.message());
            }
            return new ArrayList<>(specs.values());
        }

        private List<PoolSpec> canicPools(TomlTable canic) {
            canic.onlyKeys("[canic]", "file", "hub", "subnet");
            String fileKey = canic.string("file", null);
            String hubName = canic.has("hub") ? canic.string("hub", null) : null;
            String subnet = canic.has("subnet") ? canic.string("subnet", null) : null;
            Path path = resolve(fileKey);
            String display = CanicToml.displayOf(Path.of(src.display()), fileKey);
            String text = read(path, display, "canic.toml file", () -> canic.error("file", ""));
            Source canicSource = new Source(display, TomlDocument.parse(text, display));
            CanicToml.Hub hub = CanicToml.read(canicSource, hubName, subnet, canic);
            Map<String, String> files = new TreeMap<>();
            for (String name : hub.pools().keySet()) {
                if (files.putIfAbsent(PoolFileNames.collisionKey(name), name) != null) {
                    throw canic.error("file", "pools '" + files.get(PoolFileNames.collisionKey(name)) + "' and '"
                            + name + "' of " + display + " would write the same report file latency-"
                            + PoolFileNames.stem(name) + ".hgrm; accepted: pool names that differ in more than case "
                            + "and in characters outside A-Z, a-z, 0-9, '.', '_' and '-'");
                }
            }

            TomlTable extra = root.tableOrEmpty("pools");
            for (String name : extra.keys()) {
                if (!hub.pools().containsKey(name)) {
                    throw extra.error(name, "no pool '" + name + "' in " + display + " (hub '" + hub.hub() + "')"
                            + TomlTable.suggestion(name, hub.pools().keySet()) + "; accepted: "
                            + String.join(", ", hub.pools().keySet()));
                }
                TomlTable p = extra.table(name);
                for (String own : List.of("canister_role", "policy", "initial_cycles")) {
                    if (p.has(own)) {
                        throw p.error(own, own + " comes from " + display + " when [canic] is used; edit it there, "
                                + "or define the pool without [canic]; accepted here: service, router, autoscaler");
                    }
                }
                p.onlyKeys("[" + p.path() + "]", "service", "router", "autoscaler", "start_workers");
            }
            List<PoolSpec> out = new ArrayList<>();
            for (CanicToml.Pool cp : hub.pools().values()) {
                TomlTable p = extra.has(cp.name()) ? extra.table(cp.name())
                        : new TomlTable(src, extra.path().child(cp.name()), new TomlNode.Table(0));
                out.add(new PoolSpec(cp.name(), cp.role(), cp.policy(), cp.initialCycles(), service(p), router(p),
                        autoscaler(p), startWorkers(p, cp.policy())));
            }
            return out;
        }

        /** {@code start_workers}: at most the pool's max_workers when it has one. */
        private int startWorkers(TomlTable pool, ScalePoolPolicy policy) {
            long max = policy.maxWorkers() != 0 ? Math.min(policy.maxWorkersUnsigned(), Integer.MAX_VALUE)
                    : Integer.MAX_VALUE;
            return (int) pool.integer("start_workers", 0L, 0, max);
        }

        private ServiceModel service(TomlTable pool) {
            TomlTable t = pool.table("service");
            if (t == null) {
                return DEFAULT_SERVICE;
            }
            String model = t.choice("model", SERVICE_MODELS, "per-round", "service model");
            if (model.equals("per-round")) {
                t.onlyKeys("a per-round service", "model", "capacity_per_round", "queue_capacity");
                return new ServiceModel.PerRound(
                        t.intValue("capacity_per_round", DEFAULT_SERVICE.capacityPerRound(), 1, Integer.MAX_VALUE),
                        t.queueCapacity("queue_capacity", DEFAULT_SERVICE.queueCapacity(), 1,
                                " (every per-round request waits for a round boundary, so 0 would refuse them all)"));
            }
            t.onlyKeys("a " + model + " service", "model", "service_time", "queue_capacity");
            Distribution serviceTime = t.distribution("service_time", null);
            if (serviceTime.meanNanos() <= 0) {
                throw t.error("service_time", "service_time has mean 0; accepted: a distribution with a mean above 0");
            }
            int queue = t.queueCapacity("queue_capacity", ServiceModel.UNBOUNDED, 0, " (0: no waiting room)");
            return model.equals("continuous") ? new ServiceModel.Continuous(serviceTime, queue)
                    : new ServiceModel.SharedQueue(serviceTime, queue);
        }

        private RouterKind router(TomlTable pool) {
            return pool.choice("router", ROUTERS, RouterKind.ROUND_ROBIN, "router");
        }

        private Optional<AutoscalerSpec> autoscaler(TomlTable pool) {
            TomlTable t = pool.table("autoscaler");
            if (t == null) {
                return Optional.empty();
            }
            t.onlyKeys("[" + t.path() + "]", "target_utilization", "cooldown", "interval");
            double target = t.number("target_utilization", DEFAULT_TARGET_UTILIZATION, 0, 1, "a fraction of capacity");
            if (target <= 0) {
                throw t.error("target_utilization", "target_utilization must be above 0; accepted: a number above 0 "
                        + "and at most 1");
            }
            long cooldown = t.duration("cooldown", DEFAULT_AUTOSCALER_COOLDOWN);
            long interval = t.duration("interval", DEFAULT_AUTOSCALER_INTERVAL);
            if (interval <= 0) {
                throw t.error("interval", "interval must be above 0; accepted: " + Durations.ACCEPTED);
            }
            return Optional.of(new AutoscalerSpec(target, cooldown, interval));
        }

        // ---- load, calls, faults, expectations ----

        private List<LoadSource> loads() {
            List<LoadSource> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Map<String, Integer> generated = new TreeMap<>();
            for (TomlTable t : root.tables("load")) {
                String kind = t.choice("kind", LOAD_KINDS, null, "load kind");
                String name;
                if (t.has("name")) {
                    name = t.string("name", null);
                    if (name.isBlank() || !names.add(name)) {
                        throw t.error("name", name.isBlank() ? "load name is empty; accepted: a non-empty name"
                                : "another [[load]] is already named \"" + name + "\"; accepted: a unique name");
                    }
                } else {
                    String base = kind + "-" + (t.has("pool") ? t.string("pool", null) : stem(t.string("file", "trace")));
                    int n = generated.merge(base, 1, Integer::sum);
                    name = n == 1 ? base : base + "-" + n;
                    while (!names.add(name)) {
                        name = name + "'";
                    }
                }
                out.add(switch (kind) {
                    case "poisson" -> poisson(t, name);
                    case "burst" -> burst(t, name);
                    default -> trace(t, name);
                });
            }
            return out;
        }

        private LoadSource poisson(TomlTable t, String name) {
            t.onlyKeys("a poisson [[load]]", "kind", "name", "pool", "rate", "schedule");
            String pool = pool(t, "pool");
            if (t.has("rate") == t.has("schedule")) {
                throw t.error(t.has("rate") ? "schedule" : "rate", "a poisson load needs either rate or schedule, "
                        + (t.has("rate") ? "not both" : "found neither") + "; accepted: rate = <requests per second> or "
                        + "schedule = [{from = \"0\", to = \"30s\", rate = 10}, {from = \"30s\", to = \"60s\", "
                        + "start_rate = 10, end_rate = 50}]");
            }
            List<LoadSource.RateSegment> segments = new ArrayList<>();
            if (t.has("rate")) {
                double rate = rate(t, "rate");
                segments.add(new LoadSource.RateSegment(0, duration, rate, rate));
            } else {
                List<TomlTable> schedule = t.tables("schedule");
                if (schedule.isEmpty()) {
                    throw t.error("schedule", "the schedule is empty; accepted: one or more {from, to, rate} or "
                            + "{from, to, start_rate, end_rate} segments");
                }
                long previousEnd = 0;
                for (TomlTable s : schedule) {
                    s.onlyKeys("a schedule segment", "from", "to", "rate", "start_rate", "end_rate");
                    long from = s.duration("from", null);
                    long to = s.duration("to", null);
                    if (to <= from) {
                        throw s.error("to", "segment ends at " + Formats.duration(to) + ", not after its start "
                                + Formats.duration(from) + "; accepted: to > from");
                    }
                    if (from < previousEnd) {
                        throw s.error("from", "segment starts at " + Formats.duration(from) + ", before the previous one "
                                + "ends (" + Formats.duration(previousEnd) + "); accepted: segments in time order, not "
                                + "overlapping (gaps have rate 0)");
                    }
                    previousEnd = to;
                    double start;
                    double end;
                    if (s.has("rate")) {
                        if (s.has("start_rate") || s.has("end_rate")) {
                            throw s.error("rate", "give rate, or start_rate and end_rate, not both; accepted: "
                                    + "{from, to, rate} or {from, to, start_rate, end_rate}");
                        }
                        start = rate(s, "rate");
                        end = start;
                    } else {
                        start = rate(s, "start_rate");
                        end = rate(s, "end_rate");
                    }
                    segments.add(new LoadSource.RateSegment(from, to, start, end));
                }
            }
            return new LoadSource.Poisson(name, pool, segments);
        }

        private double rate(TomlTable t, String key) {
            return t.rate(key, null);
        }

        private LoadSource burst(TomlTable t, String name) {
            t.onlyKeys("a burst [[load]]", "kind", "name", "pool", "at", "requests", "spread");
            String pool = pool(t, "pool");
            long at = t.duration("at", null);
            int requests = t.intValue("requests", null, 1, Integer.MAX_VALUE);
            long spread = t.duration("spread", 0L);
            return new LoadSource.Burst(name, pool, at, requests, spread);
        }

        private LoadSource trace(TomlTable t, String name) {
            t.onlyKeys("a trace [[load]]", "kind", "name", "file", "pool");
            Optional<String> defaultPool = t.has("pool") ? Optional.of(pool(t, "pool")) : Optional.empty();
            String fileKey = t.string("file", null);
            Path path = resolve(fileKey);
            String display = CanicToml.displayOf(Path.of(src.display()), fileKey);
            checkTrace(path, display, t, defaultPool);
            return new LoadSource.Trace(name, path, defaultPool);
        }

        /**
         * Reads the whole trace once, streamed, with the reader that replays it ({@link TraceReader}), so a
         * trace that validates also replays.
         */
        private void checkTrace(Path path, String display, TomlTable t, Optional<String> defaultPool) {
            String where = t.path().child("file").toString();
            try (TraceReader reader = TraceReader.open(path, poolNames, defaultPool)) {
                while (reader.next() != null) {
                    // each row is checked as it is read
                }
            } catch (InputFileException e) {
                throw unreadable(() -> t.error("file", ""), display, "trace file", e.reason());
            } catch (TraceException e) {
                throw new ScenarioException(display, (int) Math.min(Integer.MAX_VALUE, e.line()), where, e.problem());
            }
        }

        private List<ScheduledCall> calls() {
            List<ScheduledCall> out = new ArrayList<>();
            for (TomlTable t : root.tables("calls")) {
                t.onlyKeys("[[calls]]", "at", "call", "pool", "count");
                long at = t.duration("at", null);
                ScheduledCall.Kind kind = t.choice("call", CALLS, null, "call");
                String pool = pool(t, "pool");
                int count = t.intValue("count", 1, 1, 100_000);
                out.add(new ScheduledCall(at, kind, pool, count));
            }
            out.sort(Comparator.comparingLong(ScheduledCall::atNanos)); // stable: file order within one instant
            return out;
        }

        private List<FaultWindow> faults() {
            List<FaultWindow> out = new ArrayList<>();
            for (TomlTable t : root.tables("faults")) {
                t.onlyKeys("[[faults]]", "from", "to", "kind", "probability");
                long from = t.duration("from", 0L);
                long to = t.duration("to", duration);
                if (to <= from) {
                    throw t.error("to", "the window ends at " + Formats.duration(to) + ", not after its start "
                            + Formats.duration(from) + "; accepted: to > from");
                }
                FaultWindow.Kind kind = t.choice("kind", FAULTS, null, "fault kind");
                double p = t.number("probability", 1.0, 0, 1, "a probability");
                out.add(new FaultWindow(from, to, kind, p));
            }
            return out;
        }

        /**
         * {@code [sweep]}: {@code replications} and {@code [[sweep.vary]]} entries ({@code key}, {@code values}),
         * in file order, so the first key written varies slowest. The values are checked when the sweep loads
         * each variant, as {@code --set} overrides.
         */
        private SweepSpec sweep(TomlTable t) {
            if (t == null) {
                throw root.error("sweep", "wrong type: expected a [sweep] table; accepted: [sweep] with replications "
                        + "and [[sweep.vary]] entries");
            }
            t.onlyKeys("[sweep]", "replications", "vary");
            int replications = t.intValue("replications", 10, 1, 1_000_000);
            List<SweepSpec.Vary> vary = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (TomlTable v : t.tables("vary")) {
                v.onlyKeys("[[sweep.vary]]", "key", "values");
                String key = v.string("key", null).strip();
                try {
                    Overrides.parsePath(key, src, key + "=...");
                } catch (ScenarioException e) {
                    throw v.error("key", "'" + key + "' is not a key path; accepted: a --set key path, e.g. "
                            + "hub.mode or pools.api.autoscaler.target_utilization");
                }
                if (key.isEmpty() || !keys.add(key)) {
                    throw v.error("key", key.isEmpty() ? "the key is empty; accepted: a --set key path"
                            : "'" + key + "' is varied twice; accepted: each key in one [[sweep.vary]]");
                }
                List<String> values = v.setTexts("values");
                if (values.isEmpty()) {
                    throw v.error("values", "no values; accepted: one or more values, e.g. [0.5, 0.6, 0.7]");
                }
                vary.add(new SweepSpec.Vary(key, values));
            }
            return new SweepSpec(vary, replications);
        }

        /** The expressions as written, each with where it was written; the CLI parses them. */
        private List<ExpectationSpec> expectations() {
            List<String> texts = root.strings("expect");
            List<ExpectationSpec> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                ScenarioException at = src.error(KeyPath.ROOT.child("expect").index(i), "");
                out.add(new ExpectationSpec(texts.get(i), at.file(), at.line(), at.keyPath()));
            }
            return out;
        }

        /** Refuses a pool whose report file would be another's ({@code latency-<pool>.hgrm}). */
        private void fileNameClash(TomlTable pools, String name, Map<String, String> files) {
            String key = PoolFileNames.collisionKey(name);
            String other = files.putIfAbsent(key, name);
            if (other != null) {
                throw pools.error(name, "pools '" + other + "' and '" + name + "' would write the same report file "
                        + "latency-" + PoolFileNames.stem(name) + ".hgrm; accepted: pool names that differ in more than "
                        + "case and in characters outside A-Z, a-z, 0-9, '.', '_' and '-'");
            }
        }

        private String pool(TomlTable t, String key) {
            String pool = t.string(key, null);
            if (!poolNames.contains(pool)) {
                throw t.error(key, "no pool '" + pool + "' in the scenario" + TomlTable.suggestion(pool, poolNames)
                        + "; accepted: " + String.join(", ", poolNames));
            }
            return pool;
        }

        private Path resolve(String relative) {
            Path dir = file.toAbsolutePath().getParent();
            return (dir == null ? Path.of(relative) : dir.resolve(relative)).normalize();
        }

        private static String stem(String file) {
            String f = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
            int dot = f.lastIndexOf('.');
            return dot > 0 ? f.substring(0, dot) : f;
        }
    }

    // ---- shared with CanicToml ----------------------------------------------------------------------------

    /** A pool's {@code policy} table with Canic's defaults for omitted fields (initial 1, min 1, max 32). */
    static ScalePoolPolicy policy(TomlTable pool) {
        TomlTable p = pool.table("policy");
        if (p == null) {
            return ScalePoolPolicy.DEFAULT;
        }
        p.onlyKeys("[" + p.path() + "]", "initial_workers", "min_workers", "max_workers");
        ScalePoolPolicy d = ScalePoolPolicy.DEFAULT;
        return new ScalePoolPolicy(
                p.intValue("initial_workers", d.initialWorkers(), 0, Integer.MAX_VALUE),
                p.intValue("min_workers", d.minWorkers(), 0, Integer.MAX_VALUE),
                p.intValue("max_workers", d.maxWorkers(), 0, Integer.MAX_VALUE));
    }

    /**
     * Maps a {@link ConfigProblem} path ({@code scaling.pools.<pool>.policy.max_workers}) to the key path of
     * the file it came from, given where that file keeps its pools.
     */
    static KeyPath problemPath(KeyPath poolsAt, String problem, Collection<String> pools) {
        String prefix = "scaling.pools.";
        if (!problem.startsWith(prefix)) {
            return poolsAt;
        }
        String rest = problem.substring(prefix.length());
        String best = null;
        for (String p : pools) {
            if ((rest.equals(p) || rest.startsWith(p + ".")) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        if (best == null) {
            return poolsAt;
        }
        KeyPath out = poolsAt.child(best);
        if (rest.length() > best.length()) {
            for (String seg : rest.substring(best.length() + 1).split("\\.")) {
                out = out.child(seg);
            }
        }
        return out;
    }

    /**
     * Reads a small UTF-8 file (a regular file of at most {@link InputFiles#SMALL_FILE_LIMIT} bytes); failures
     * become scenario errors (located at {@code key} when given).
     */
    static String read(Path path, String display, String what, Supplier<ScenarioException> key) {
        try {
            return InputFiles.readSmall(path);
        } catch (InputFileException e) {
            throw unreadable(key, display, what, e.reason());
        }
    }

    private static ScenarioException unreadable(Supplier<ScenarioException> key, String display, String what,
            String why) {
        String problem = "cannot read " + what + " " + display + ": " + why;
        if (key == null) {
            return new ScenarioException(display, 0, "", problem + "; accepted: a readable UTF-8 TOML file (a regular file of at most 4 MiB)");
        }
        ScenarioException at = key.get();
        return new ScenarioException(at.file(), at.line(), at.keyPath(), problem
                + "; accepted: a path relative to the scenario file's folder");
    }
}
