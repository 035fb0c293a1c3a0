package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class TaskClassLoaderTest {

    /** Like the class loader of AWS's runtime client: a URLClassLoader subclass that does not register as parallel-capable. */
    static final class RuntimeClientLoader extends URLClassLoader {
        RuntimeClientLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }
    }

    @Test
    void replacesALoaderThatLoadsOneClassAtATimeWithAParallelOneOfTheSameJars() throws Exception {
        URL classes = Path.of("target", "classes").toUri().toURL();
        ClassLoader parent = ClassLoader.getPlatformClassLoader();
        try (RuntimeClientLoader runtime = new RuntimeClientLoader(new URL[] {classes}, parent)) {
            assertFalse(runtime.isRegisteredAsParallelCapable());

            ClassLoader task = TaskClassLoader.replacing(runtime);

            assertNotSame(runtime, task);
            assertTrue(task.isRegisteredAsParallelCapable());
            assertSame(parent, task.getParent());
            assertArrayEquals(new URL[] {classes}, ((URLClassLoader) task).getURLs());
            assertSame(task, task.loadClass(QuarkusStarter.class.getName()).getClassLoader(), "the package's classes are its own");
        }
    }

    @Test
    void keepsALoaderThatIsParallelCapableAlready() {
        ClassLoader system = ClassLoader.getSystemClassLoader();

        assertSame(system, TaskClassLoader.replacing(system));
    }
}
