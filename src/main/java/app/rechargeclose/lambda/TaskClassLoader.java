package app.rechargeclose.lambda;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The function's package ({@code /var/task} and its {@code lib/} jars) in a class loader that is
 * parallel-capable. AWS's runtime loads a .zip package with a class loader of its own that is not:
 * it loads one class at a time, so the {@link ClassPreloader} and the main thread would take turns
 * instead of sharing the work of a cold start.
 */
final class TaskClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private TaskClassLoader(URL[] urls, ClassLoader parent) {
        super("task", urls, parent);
    }

    /**
     * @return {@code runtimeLoader} when it is parallel-capable already (the system class loader of a
     *         container image, of the tests), else a parallel-capable loader of the same jars and
     *         directories with the same parent, so that both see the runtime's classes alike
     */
    static ClassLoader replacing(ClassLoader runtimeLoader) {
        if (runtimeLoader.isRegisteredAsParallelCapable() || !(runtimeLoader instanceof URLClassLoader urls)) {
            return runtimeLoader;
        }
        return new TaskClassLoader(urls.getURLs(), runtimeLoader.getParent());
    }
}
