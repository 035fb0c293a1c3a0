package app.rechargeclose.startup;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.rechargeclose.telemetry.Telemetry;

import io.quarkus.runtime.Startup;

/**
 * Says at start, in the log and as the EMF metric {@code AotCacheMisses}, whether the JVM mapped the
 * AOT cache of the aot package. A JVM that cannot use its cache (another JDK build, a jar whose size
 * or time changed) starts without it, seconds slower and silently: this makes that start visible.
 * Only the aot package's bootstrap names a cache ({@code -Daot.cache}); the jvm and native packages
 * have none, and report nothing.
 */
@Startup
@Singleton
public class AotCacheReport {

    private static final Logger LOG = Logger.getLogger(AotCacheReport.class);

    public AotCacheReport(Telemetry telemetry, @ConfigProperty(name = "quarkus.lambda.handler") Optional<String> handler) {
        String cache = System.getProperty("aot.cache");
        if (cache == null) {
            return;
        }
        boolean mapped = isMapped();
        telemetry.aotCache(handler.orElse("unknown"), cache, mapped);
        if (mapped) {
            LOG.infof("AOT cache %s mapped", cache);
        } else {
            LOG.warnf("AOT cache %s NOT mapped: this start ran without it (was the package rebuilt or its files changed?); -Xlog:aot says why", cache);
        }
    }

    /**
     * The JVM says "sharing" in {@code java.vm.info} (as {@code java -version} prints it) when it
     * mapped a CDS archive or AOT cache; the aot package's runtime has no default CDS archive, so
     * there it can only be the AOT cache.
     */
    static boolean isMapped() {
        return System.getProperty("java.vm.info", "").contains("sharing");
    }
}
