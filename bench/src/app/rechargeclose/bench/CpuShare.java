package app.rechargeclose.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lambda's CPU for a memory size, reproduced with a Linux CFS quota: a function of {@code M} MB
 * gets {@code M / 1769} of one CPU (one full vCPU at 1,769 MB). Each share is a child cgroup of
 * the cgroup v1 {@code cpu} controller ({@code /sys/fs/cgroup/cpu/recharge-close-bench-M}) with
 * {@code cpu.cfs_quota_us} = share × {@code cpu.cfs_period_us}; a command is started inside it by
 * a shell that moves itself in and then execs the command, so the measured process (same pid) and
 * every thread it makes run under the quota, and nothing else does. {@link #close} removes the
 * groups. Where the controller is not writable (no root, cgroup v2 only, a container) there is no
 * share: {@link #available} says so, and the benchmark measures unrestricted rows only.
 */
final class CpuShare implements AutoCloseable {

    /** The memory at which Lambda gives a function one full vCPU. */
    static final int FULL_VCPU_MB = 1769;

    private static final Path CPU_CONTROLLER = Path.of("/sys/fs/cgroup/cpu");

    private final List<Path> groups = new ArrayList<>();

    static boolean available() {
        return Files.isWritable(CPU_CONTROLLER) && Files.isReadable(CPU_CONTROLLER.resolve("cpu.cfs_period_us"));
    }

    /** {@code command} run under the CPU share of a function of {@code memoryMb}. */
    List<String> confine(int memoryMb, List<String> command) throws IOException {
        Path group = group(memoryMb);
        List<String> confined = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > '" + group.resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
        confined.addAll(command);
        return confined;
    }

    private Path group(int memoryMb) throws IOException {
        Path group = CPU_CONTROLLER.resolve("recharge-close-bench-" + memoryMb);
        if (!groups.contains(group)) {
            if (!Files.isDirectory(group)) {
                Files.createDirectory(group);
            }
            long period = Long.parseLong(Files.readString(group.resolve("cpu.cfs_period_us")).trim());
            long quota = Math.round(period * (double) memoryMb / FULL_VCPU_MB);
            Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
            groups.add(group);
            System.err.printf(Locale.ROOT, "CPU share of %d MB: %s, cfs_quota_us %d of cfs_period_us %d%n", memoryMb, group, quota, period);
        }
        return group;
    }

    /** Removes the groups; each is empty by now, since every function process has been stopped. */
    @Override
    public void close() throws IOException {
        for (Path group : groups) {
            Files.deleteIfExists(group); // rmdir: a cgroup directory is removed empty of processes, its files with it
        }
        groups.clear();
    }
}
