package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ClassPreloaderTest {

    static boolean initialised;

    /** Only preloading may touch this class: its initialiser records whether it ran. */
    static final class Untouched {
        static {
            initialised = true;
        }
    }

    @Test
    void loadsWhatItFindsWithoutInitialisingItAndSkipsTheRest() {
        List<String> names = List.of(Untouched.class.getName(), "app.rechargeclose.NoSuchClass", "java.lang.String");

        assertEquals(2, ClassPreloader.preload(names, getClass().getClassLoader()));
        assertFalse(initialised, "preloading ran a static initialiser");
    }

    /** SnapStart's priming waits for this before the snapshot, so the snapshot holds every preloaded class. */
    @Test
    void awaitDoneReturnsOncePreloadingHasFinished() throws InterruptedException {
        Thread preloading = ClassPreloader.start(List.of("java.lang.String", "app.rechargeclose.lambda.ClassPreloader"), getClass().getClassLoader());

        ClassPreloader.awaitDone(Duration.ofSeconds(60));

        assertFalse(preloading.isAlive());
    }

    /** The list names library classes: after a dependency upgrade, names that are gone mean a stale list. */
    @Test
    void everyListedLibraryClassStillExists() {
        List<String> listed = ClassPreloader.listedClasses();
        Set<String> jdkPackages = ModuleLayer.boot().modules().stream().flatMap(module -> module.getPackages().stream())
                .collect(Collectors.toSet());
        List<String> libraryClasses = listed.stream().filter(name -> !jdkPackages.contains(packageOf(name))).toList();

        List<String> gone = libraryClasses.stream().filter(name -> !loadable(name)).toList();

        assertTrue(libraryClasses.size() > 1000, "the list holds " + libraryClasses.size() + " library classes: was it truncated?");
        assertEquals(List.of(), gone, "these listed classes no longer exist: rerun bench/train-preload");
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, ClassPreloaderTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
