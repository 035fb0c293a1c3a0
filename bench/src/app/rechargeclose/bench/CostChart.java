package app.rechargeclose.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The memory table's http rows as one picture, as Power Tuning draws it: cost per million closes
 * against warm p99 latency, a line per package through its memory sizes, the rule's latency limit
 * dashed. Latency on a log scale, since a JVM at 128 MB is an order of magnitude slower than
 * native. A hollow point is a size the function cannot run at: its peak RSS leaves less than a
 * quarter of the memory, or its start outlasts Lambda's init phase.
 */
final class CostChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 460;
    private static final int LEFT = 80;
    private static final int RIGHT = 150;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Map<String, String> COLOURS = Map.of("native", "#1b9e77", "aot", "#d95f02", "baseline", "#7570b3");
    private static final double[] LATENCY_TICKS = {100, 150, 200, 300, 400, 500, 700, 1000, 2000, 5000, 10000, 20000};
    /** Where each package's labels go, so that points at the same latency keep their labels apart. */
    private static final Map<String, LabelPlace> LABEL_PLACES = Map.of("native", new LabelPlace(-9, 4, "end"), "aot", new LabelPlace(9, -6, "start"),
            "baseline", new LabelPlace(9, 14, "start"));

    /** A label's offset from its point, and its text anchor. */
    private record LabelPlace(int dx, int dy, String anchor) {
    }

    private CostChart() {
    }

    static String svg(MemoryTable table) {
        List<MemoryTable.Row> rows = table.rows().stream().filter(row -> !row.sqs() && row.memoryMb() > 0 && row.run().warmP99Ms() > 0).toList();
        double limit = MemoryTable.HTTP_WARM_P99_FACTOR * table.upstreamLatency().toMillis();
        double minX = Math.min(limit, rows.stream().mapToDouble(row -> row.run().warmP99Ms()).min().orElse(limit)) * 0.8;
        double maxX = Math.max(limit, rows.stream().mapToDouble(row -> row.run().warmP99Ms()).max().orElse(limit)) * 1.25;
        double maxY = rows.stream().mapToDouble(row -> row.costPerMillion(MemoryTable.X86_64_PER_GB_SECOND)).max().orElse(1) * 1.1;
        Scale x = value -> LEFT + (Math.log(value) - Math.log(minX)) / (Math.log(maxX) - Math.log(minX)) * (WIDTH - LEFT - RIGHT);
        Scale y = value -> HEIGHT - BOTTOM - value / maxY * (HEIGHT - TOP - BOTTOM);

        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        parts.add(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>", WIDTH, HEIGHT));
        parts.add(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"14\" font-weight=\"bold\">Cost per million http closes against warm p99, "
                + "WeChat Pay answering in %d ms</text>", LEFT, table.upstreamLatency().toMillis()));
        // Axes, ticks and the rule's limit.
        parts.add(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333", false));
        parts.add(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333", false));
        for (double tick : LATENCY_TICKS) {
            if (tick >= minX && tick <= maxX) {
                parts.add(line(x.at(tick), HEIGHT - BOTTOM, x.at(tick), HEIGHT - BOTTOM + 5, "#333", false));
                parts.add(text(x.at(tick), HEIGHT - BOTTOM + 20, "middle", "#333", tick >= 1000 ? (int) (tick / 1000) + " s" : (int) tick + " ms"));
            }
        }
        double step = niceStep(maxY / 5);
        for (double tick = 0; tick <= maxY; tick += step) {
            parts.add(line(LEFT - 5, y.at(tick), WIDTH - RIGHT, y.at(tick), "#ddd", false));
            parts.add(text(LEFT - 8, y.at(tick) + 4, "end", "#333", String.format(Locale.ROOT, step < 1 ? "$%.2f" : "$%.0f", tick)));
        }
        parts.add(line(x.at(limit), TOP, x.at(limit), HEIGHT - BOTTOM, "#c00", true));
        parts.add(text(x.at(limit) + 4, TOP + 12, "start", "#c00", String.format(Locale.ROOT, "p99 limit %.0f ms", limit)));
        parts.add(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 18, "middle", "#333", "warm p99 latency (log scale)"));
        parts.add(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 18 %.1f)\">"
                + "$ per million closes (x86_64)</text>", (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0));
        // A line per package through its sizes, each point named by its memory.
        int legend = 0;
        for (String packageName : List.of("native", "aot", "baseline")) {
            // The package's plain http variant only: "native http, keys from Secrets Manager" is another line's worth.
            List<MemoryTable.Row> series = rows.stream().filter(row -> row.variant().equals(packageName + " http")).toList();
            if (series.isEmpty()) {
                continue;
            }
            String colour = COLOURS.get(packageName);
            StringBuilder points = new StringBuilder();
            for (MemoryTable.Row row : series) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.at(row.run().warmP99Ms()), y.at(row.costPerMillion(MemoryTable.X86_64_PER_GB_SECOND))));
            }
            parts.add(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", points.toString().trim(), colour));
            for (MemoryTable.Row row : series) {
                double px = x.at(row.run().warmP99Ms());
                double py = y.at(row.costPerMillion(MemoryTable.X86_64_PER_GB_SECOND));
                parts.add(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>", px, py,
                        row.viable() ? colour : "white", colour));
                LabelPlace place = LABEL_PLACES.get(packageName);
                parts.add(text(px + place.dx(), py + place.dy(), place.anchor(), colour, row.memoryMb() + " MB"));
            }
            double ly = TOP + 20 + 22 * legend++;
            parts.add(line(WIDTH - RIGHT + 20, ly, WIDTH - RIGHT + 44, ly, colour, false).replace("stroke-width=\"1\"", "stroke-width=\"3\""));
            parts.add(text(WIDTH - RIGHT + 50, ly + 4, "start", "#333", packageName + " http"));
        }
        parts.add(text(WIDTH - RIGHT + 20, TOP + 20 + 22 * legend, "start", "#666", "hollow: RSS over ¾"));
        parts.add(text(WIDTH - RIGHT + 20, TOP + 38 + 22 * legend, "start", "#666", "or ready after 10 s"));
        parts.add("</svg>");
        return String.join("\n", parts) + "\n";
    }

    @FunctionalInterface
    private interface Scale {
        double at(double value);
    }

    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double multiple : new double[] {1, 2, 5, 10}) {
            if (multiple * power >= rough) {
                return multiple * power;
            }
        }
        return 10 * power;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"%s/>", x1, y1, x2, y2, colour,
                dashed ? " stroke-dasharray=\"6 4\"" : "");
    }

    private static String text(double x, double y, String anchor, String colour, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>", x, y, anchor, colour, content);
    }
}
