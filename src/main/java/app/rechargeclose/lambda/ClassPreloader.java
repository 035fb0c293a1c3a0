package app.rechargeclose.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Loads and links, on a thread of its own, the library classes that a cold start and a first close
 * need, while the main thread starts Quarkus. Class loading is most of a JVM-mode cold start and the
 * JVM does it on one thread; with this one beside it a second core shares the work.
 *
 * <p>The list ({@value #LIST}, next to this class) is written by a training run,
 * {@code bench/train-preload}, in the order the classes were first loaded. A name that is not found
 * (a library upgraded since) costs a lookup and nothing else; a class that is missing from the
 * list is simply loaded by the main thread, as without this.
 */
final class ClassPreloader {

    static final String LIST = "preload-classes.txt";

    /** The preloading thread of this process, if one was started. */
    private static volatile Thread started;

    private ClassPreloader() {
    }

    /** Starts preloading {@value #LIST} on a daemon thread: it never holds up the function or its shutdown. */
    static Thread start(ClassLoader loader) {
        return start(listedClasses(), loader);
    }

    static Thread start(List<String> names, ClassLoader loader) {
        Thread thread = new Thread(() -> preload(names, loader), "class-preloader");
        thread.setDaemon(true);
        started = thread;
        thread.start();
        return thread;
    }

    /** Waits, at most {@code limit}, until the preloading this process started (if any) is done. */
    static void awaitDone(Duration limit) throws InterruptedException {
        Thread thread = started;
        if (thread != null) {
            thread.join(Math.max(1, limit.toMillis())); // join(0) would wait for ever
        }
    }

    /** @return how many of {@code names} are now loaded and linked by {@code loader}, with their fields' types */
    static int preload(List<String> names, ClassLoader loader) {
        int linked = 0;
        // Last first: the main thread loads the classes at the top of the list (the start's) itself,
        // meanwhile this thread gets ahead on those at the bottom (the first close's).
        for (int i = names.size() - 1; i >= 0; i--) {
            try {
                // Reflection links (verifies) a class without initialising it: no code of the class runs here.
                Class.forName(names.get(i), false, loader).getDeclaredFields();
                linked++;
            } catch (ClassNotFoundException | LinkageError | RuntimeException notPreloaded) {
                // gone from this library version, or a field type that is not there: the main thread
                // meets it (or not) as it would without preloading; the next name is tried
            }
        }
        return linked;
    }

    /** The class names of {@value #LIST}, without its comment lines. */
    static List<String> listedClasses() {
        try (InputStream list = ClassPreloader.class.getResourceAsStream(LIST)) {
            if (list == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + LIST, e);
        }
    }
}
