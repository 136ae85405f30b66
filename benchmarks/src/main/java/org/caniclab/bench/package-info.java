/**
 * JMH benchmarks of canic-lab's hot paths, each paired with a reference measured in the same run, so
 * that a noisy machine still yields meaningful ratios.
 *
 * <table>
 *   <caption>Benchmarks and their references</caption>
 *   <tr><th>class</th><th>benchmark</th><th>reference</th></tr>
 *   <tr><td>{@link org.caniclab.bench.PlanningBenchmark}</td><td>planCreateWorker</td><td>decide</td></tr>
 *   <tr><td>{@link org.caniclab.bench.RegistryBenchmark}</td><td>countByPoolIndexed, upsertIndexed</td>
 *       <td>countByPoolLinear, upsertLinear</td></tr>
 *   <tr><td>{@link org.caniclab.bench.WorkflowBenchmark}</td><td>createWorkerReserved</td>
 *       <td>createWorkerSeed</td></tr>
 *   <tr><td>{@link org.caniclab.bench.MetricsBenchmark}</td><td>record, snapshot</td>
 *       <td>recordMap, snapshotMap</td></tr>
 *   <tr><td>{@link org.caniclab.bench.SimulatorBenchmark}</td><td>continuous (a whole replay; events/s,
 *       requests/s)</td><td>perRound</td></tr>
 * </table>
 *
 * <p>The pairs, gates and profiles are listed in {@code benchmarks/gates.toml} and {@code benchmarks/bench};
 * the table and the gate check are in {@link org.caniclab.bench.gate}.
 */
package org.caniclab.bench;
