package app.rechargeclose.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import app.rechargeclose.wechatpay.Keyring;
import app.rechargeclose.wechatpay.KeyringEvents;
import app.rechargeclose.wechatpay.WechatPayKeys;
import io.smallrye.mutiny.Uni;

/**
 * The keys of one Secrets Manager secret, rotated in place: held with the time they were read,
 * read again when they are older than {@code max-age} (before the next call, which waits for that
 * read at most {@link #STALE_WAIT}), and when the client asks (an unknown serial, a refused
 * signature). Reads are shared by everyone asking at once, and made at most once per
 * {@code min-refresh-interval}, so a flood of answers under an unknown serial is one read. A read
 * swaps the whole key set; a read that fails keeps the keys in use, and says so (an ERROR line
 * naming {@code wechatpay.secret-id}, never its value, and {@link KeyringEvents#readFailed}).
 */
public final class SecretKeyring implements Keyring {

    /** How long a call waits for keys past their max age before it goes on with the held ones (the read goes on beside it). */
    static final Duration STALE_WAIT = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(SecretKeyring.class);

    private record Held(KeyMaterial material, Instant readAt) {
    }

    private final Supplier<KeyMaterial> read;
    private final Duration maxAge;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private final Executor reader;
    private final KeyringEvents events;
    private final AtomicReference<Held> held = new AtomicReference<>();
    private CompletableFuture<WechatPayKeys> reading;
    private Instant lastRead;

    /**
     * @param read   one read of the secret, parsed: blocking, run on {@code reader}; fails with an
     *               {@link InvalidSettingException} naming what is wrong
     * @param reader where reads after the first run, off the event loop
     */
    SecretKeyring(Supplier<KeyMaterial> read, Duration maxAge, Duration minRefreshInterval, Clock clock, Executor reader, KeyringEvents events) {
        this.read = read;
        this.maxAge = maxAge;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
        this.reader = reader;
        this.events = events;
    }

    /** The first read, at start, on the caller's thread: a secret that cannot be read or is invalid stops the start. */
    SecretKeyring start() {
        KeyMaterial first = read.get();
        lastRead = clock.instant();
        held.set(new Held(first, lastRead));
        events.read(first.certificateExpiries());
        return this;
    }

    @Override
    public WechatPayKeys current() {
        return held.get().material().keys();
    }

    @Override
    public Uni<Void> fresh() {
        if (Duration.between(held.get().readAt(), clock.instant()).compareTo(maxAge) < 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(this::readShared)
                .ifNoItem().after(STALE_WAIT).recoverWithItem(this::current)
                .replaceWithVoid();
    }

    @Override
    public Uni<WechatPayKeys> reread() {
        return Uni.createFrom().completionStage(this::readShared);
    }

    /** The read under way, or a new one when the last began at least the minimum interval ago; else the keys held. */
    private synchronized CompletableFuture<WechatPayKeys> readShared() {
        if (reading != null) {
            return reading;
        }
        Instant now = clock.instant();
        if (Duration.between(lastRead, now).compareTo(minRefreshInterval) < 0) {
            return CompletableFuture.completedFuture(current());
        }
        lastRead = now;
        CompletableFuture<WechatPayKeys> started = CompletableFuture.supplyAsync(this::readOnce, reader);
        reading = started;
        started.whenComplete((keys, failure) -> done());
        return started;
    }

    private synchronized void done() {
        reading = null;
    }

    private WechatPayKeys readOnce() {
        try {
            KeyMaterial material = read.get();
            held.set(new Held(material, clock.instant()));
            events.read(material.certificateExpiries());
            LOG.infof("read the keys again from %s", KeyMaterial.SECRET);
        } catch (RuntimeException failure) {
            String why = failure instanceof InvalidSettingException invalid ? invalid.getMessage() : failure.getClass().getSimpleName();
            LOG.errorf("could not read the keys again from %s (%s); the keys read at %s stay in use", KeyMaterial.SECRET, why,
                    held.get().readAt());
            events.readFailed();
        }
        return current();
    }
}
