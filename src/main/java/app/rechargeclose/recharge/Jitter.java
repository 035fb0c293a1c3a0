package app.rechargeclose.recharge;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.DoubleSupplier;

/**
 * Where retry jitter (and a queued close's wait before it comes back) comes from: the operating system's entropy, read on every draw. A generator
 * that only keeps a state ({@code ThreadLocalRandom}, a seeded {@code Random}) would be copied
 * into every instance if it were ever seeded where they all start from one image (a native
 * image's heap, a VM snapshot), and they would then all retry in step.
 */
public final class Jitter implements DoubleSupplier {

    private final SecureRandom random;

    public Jitter() {
        this.random = osBacked();
    }

    @Override
    public double getAsDouble() {
        return random.nextDouble();
    }

    /** The generator itself, for tests that copy it as a snapshot would. */
    SecureRandom source() {
        return random;
    }

    /** NativePRNGNonBlocking mixes /dev/urandom into every draw; where there is none, the platform's default. */
    private static SecureRandom osBacked() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException notOnThisPlatform) {
            return new SecureRandom();
        }
    }
}
