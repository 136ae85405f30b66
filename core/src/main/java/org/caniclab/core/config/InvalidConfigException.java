package org.caniclab.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration breaks Canic's validation rules; carries every problem found. */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
