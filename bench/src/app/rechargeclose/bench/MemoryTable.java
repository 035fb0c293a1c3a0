package app.rechargeclose.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's medians as AWS Lambda Power Tuning shows them: per variant and memory size, the
 * latencies, the CPU, the peak RSS and what a million closes cost there; then, per package and
 * handler, the cheapest memory that meets the rule {@code infra/} chooses its defaults by.
 */
final class MemoryTable {

    /** Lambda's list prices (us-east-1, 2026): per GB-second of duration on x86_64 and on arm64, and per request. */
    static final double X86_64_PER_GB_SECOND = 0.0000166667;
    static final double ARM64_PER_GB_SECOND = 0.0000133334;
    static final double PER_REQUEST = 0.20 / 1_000_000;
    /** The http rule: a first close within a second of the process's start … */
    static final Duration HTTP_FIRST_CLOSE_LIMIT = Duration.ofSeconds(1);
    /** … and a warm p99 within this multiple of WeChat Pay's answer time. */
    static final double HTTP_WARM_P99_FACTOR = 1.5;
    /** The sqs rule: a batch of 10 within a tenth of the queue function's timeout (infra's default, 60 s). */
    static final Duration SQS_BATCH_LIMIT = Duration.ofSeconds(6);
    /** Both: the peak RSS within three quarters of the memory, the rest for the runtime's own and for growth … */
    static final double RSS_SHARE_LIMIT = 0.75;
    /** … and ready for its first event within Lambda's init phase, which ends after 10 s (a longer one is retried within the invocation). */
    static final Duration INIT_LIMIT = Duration.ofSeconds(10);

    /** One variant at one memory size ({@code 0}: all cores, not a Lambda size), with its medians. */
    record Row(String variant, int memoryMb, boolean sqs, Benchmark.Run run) {

        String packageName() {
            return variant.substring(0, variant.indexOf(' '));
        }

        String handler() {
            return variant.substring(variant.indexOf(' ') + 1);
        }

        /**
         * Dollars per million closes at x86_64's price: an http close is one invocation of its warm
         * billed duration; an sqs close is a tenth of a batch of 10's invocation.
         */
        double costPerMillion(double pricePerGbSecond) {
            if (memoryMb == 0) {
                return Double.NaN;
            }
            double gb = memoryMb / 1024.0;
            double invocation = gb * (sqs ? run.batchBilledMs() : run.warmBilledMs()) / 1000 * pricePerGbSecond + PER_REQUEST;
            return (sqs ? invocation / 10 : invocation) * 1_000_000;
        }

        boolean fits() {
            return memoryMb > 0 && run.peakRssMb() <= RSS_SHARE_LIMIT * memoryMb;
        }

        /** Whether this size can run the function at all: its memory holds the process, its start fits Lambda's init phase. */
        boolean viable() {
            return fits() && run.readyMs() <= INIT_LIMIT.toMillis();
        }

        boolean meetsRule(Duration upstreamLatency) {
            return viable() && (sqs ? run.batchMs() <= SQS_BATCH_LIMIT.toMillis()
                    : run.firstResponseMs() <= HTTP_FIRST_CLOSE_LIMIT.toMillis() && run.warmP99Ms() <= HTTP_WARM_P99_FACTOR * upstreamLatency.toMillis());
        }
    }

    private final Duration upstreamLatency;
    private final List<Row> rows;

    MemoryTable(Duration upstreamLatency, List<Row> rows) {
        this.upstreamLatency = upstreamLatency;
        this.rows = rows.stream().sorted(Comparator.comparing(Row::sqs).thenComparing(Row::packageName, Comparator.comparing(MemoryTable::packageOrder))
                .thenComparing(Row::variant).thenComparingInt(Row::memoryMb)).toList();
    }

    List<Row> rows() {
        return rows;
    }

    Duration upstreamLatency() {
        return upstreamLatency;
    }

    /** The cheapest memory size of {@code variant} that meets the rule, if any does. */
    Optional<Row> cheapestMeetingRule(String variant) {
        return rows.stream().filter(row -> row.variant().equals(variant) && row.meetsRule(upstreamLatency))
                .min(Comparator.comparingDouble(row -> row.costPerMillion(X86_64_PER_GB_SECOND)));
    }

    /**
     * The memory a deployment of {@code variant} should default to: the cheapest size that meets the
     * rule; where none does, the size whose first close comes soonest among the viable ones.
     */
    Optional<Row> choice(String variant) {
        return cheapestMeetingRule(variant).or(() -> rows.stream().filter(row -> row.variant().equals(variant) && row.viable())
                .min(Comparator.comparingDouble(row -> row.run().firstResponseMs())));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("| variant | memory (CPU share) | start → ready (ms) | first close (ms) | CPU to first close (ms) | warm p50 (ms) | warm p99 (ms) "
                + "| CPU per warm close (ms) | batch of 10 (ms) | peak RSS (MB) | $ per million closes (x86_64) |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : rows) {
            Benchmark.Run run = row.run();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%s | %s |%n", row.variant(), memory(row.memoryMb()),
                    whole(run.readyMs()), whole(run.firstResponseMs()), whole(run.firstResponseCpuMs()), whole(run.warmP50Ms()), whole(run.warmP99Ms()),
                    tenth(run.warmCpuMs()), whole(run.batchMs()), whole(run.peakRssMb()), row.fits() || row.memoryMb() == 0 ? "" : " (over ¾)",
                    dollars(row.costPerMillion(X86_64_PER_GB_SECOND))));
        }
        out.append(String.format(Locale.ROOT, "%nPrices: $%.10f per GB-second on x86_64 (arm64: $%.10f, a fifth less), $%.2f per million requests."
                + " An http close is one invocation of the warm closes' mean billed duration (each rounded up to the ms);"
                + " an sqs close a tenth of a batch of 10's.%n", X86_64_PER_GB_SECOND, ARM64_PER_GB_SECOND, PER_REQUEST * 1_000_000));
        out.append(String.format(Locale.ROOT, "%nThe cheapest memory that meets the rule (http: first close ≤ %d ms and warm p99 ≤ %.1f × %d ms; sqs: batch of 10"
                + " ≤ %d ms; both: peak RSS ≤ ¾ of the memory, ready ≤ %d ms):%n", HTTP_FIRST_CLOSE_LIMIT.toMillis(), HTTP_WARM_P99_FACTOR, upstreamLatency.toMillis(),
                SQS_BATCH_LIMIT.toMillis(), INIT_LIMIT.toMillis()));
        rows.stream().map(Row::variant).distinct().filter(variant -> rows.stream().anyMatch(row -> row.variant().equals(variant) && row.memoryMb() > 0))
                .forEach(variant -> out.append(String.format(Locale.ROOT, "  %s: %s%n", variant, cheapestMeetingRule(variant)
                        .map(row -> row.memoryMb() + " MB, " + dollars(row.costPerMillion(X86_64_PER_GB_SECOND)) + " per million closes")
                        .orElse("none of the sizes measured; the soonest first close: " + choice(variant).map(row -> row.memoryMb() + " MB")
                                .orElse("none is viable")))));
        out.append(String.format(Locale.ROOT, "%nRatios, function ÷ baseline at the same memory (below 1: the function is faster, smaller or cheaper):%n"));
        for (Row row : rows) {
            if (row.packageName().equals("baseline")) {
                continue;
            }
            rows.stream().filter(base -> base.variant().equals("baseline " + row.handler()) && base.memoryMb() == row.memoryMb()).findFirst()
                    .ifPresent(base -> out.append(String.format(Locale.ROOT,
                            "  %s @ %s: first close %s, CPU to first close %s, warm p50 %s, warm p99 %s, CPU per warm close %s, batch %s, peak RSS %s, cost %s%n",
                            row.variant(), memory(row.memoryMb()), ratio(row, base, Benchmark.Run::firstResponseMs),
                            ratio(row, base, Benchmark.Run::firstResponseCpuMs), ratio(row, base, Benchmark.Run::warmP50Ms),
                            ratio(row, base, Benchmark.Run::warmP99Ms), ratio(row, base, Benchmark.Run::warmCpuMs), ratio(row, base, Benchmark.Run::batchMs),
                            ratio(row, base, Benchmark.Run::peakRssMb), format(row.costPerMillion(X86_64_PER_GB_SECOND) / base.costPerMillion(X86_64_PER_GB_SECOND),
                                    "%.2f"))));
        }
        return out.toString();
    }

    /**
     * The table as data ({@code bench/memory-table.json} when committed): the rows, and per variant
     * the memory the rule chooses, which infra's memory defaults are checked against.
     */
    Map<String, Object> asData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("upstream_latency_ms", upstreamLatency.toMillis());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("http_first_close_ms", HTTP_FIRST_CLOSE_LIMIT.toMillis());
        rule.put("http_warm_p99_ms", HTTP_WARM_P99_FACTOR * upstreamLatency.toMillis());
        rule.put("sqs_batch_of_10_ms", SQS_BATCH_LIMIT.toMillis());
        rule.put("peak_rss_share_of_memory", RSS_SHARE_LIMIT);
        rule.put("ready_ms", INIT_LIMIT.toMillis());
        data.put("rule", rule);
        Map<String, Object> choices = new LinkedHashMap<>();
        rows.stream().map(Row::variant).distinct().forEach(variant -> choice(variant).ifPresent(row -> {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("memory_mb", row.memoryMb());
            choice.put("meets_rule", row.meetsRule(upstreamLatency));
            choices.put(variant, choice);
        }));
        data.put("default_memory", choices);
        data.put("rows", rows.stream().filter(row -> row.memoryMb() > 0).map(row -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("variant", row.variant());
            figures.put("memory_mb", row.memoryMb());
            figures.put("ready_ms", round(row.run().readyMs()));
            figures.put("first_close_ms", round(row.run().firstResponseMs()));
            figures.put("cpu_to_first_close_ms", round(row.run().firstResponseCpuMs()));
            figures.put("warm_p50_ms", round(row.run().warmP50Ms()));
            figures.put("warm_p99_ms", round(row.run().warmP99Ms()));
            figures.put("cpu_per_warm_close_ms", round(row.run().warmCpuMs()));
            figures.put("batch_of_10_ms", round(row.run().batchMs()));
            figures.put("peak_rss_mb", round(row.run().peakRssMb()));
            figures.put("cost_per_million_closes_x86_64", Math.round(row.costPerMillion(X86_64_PER_GB_SECOND) * 10_000) / 10_000.0);
            return figures;
        }).toList());
        return data;
    }

    /** A figure to a tenth; absent (null) where it does not apply. */
    private static Double round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10) / 10.0;
    }

    static String memory(int memoryMb) {
        return memoryMb == 0 ? "all cores" : String.format(Locale.ROOT, "%d MB (%.3f)", memoryMb, (double) memoryMb / CpuShare.FULL_VCPU_MB);
    }

    static String dollars(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "$%.2f", value);
    }

    private static int packageOrder(String packageName) {
        return List.of("native", "aot", "baseline").indexOf(packageName);
    }

    private static String ratio(Row row, Row base, ToDoubleFunction<Benchmark.Run> figure) {
        return format(figure.applyAsDouble(row.run()) / figure.applyAsDouble(base.run()), "%.2f");
    }

    private static String whole(double value) {
        return format(value, "%.0f");
    }

    private static String tenth(double value) {
        return format(value, "%.1f");
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, pattern, value);
    }
}
