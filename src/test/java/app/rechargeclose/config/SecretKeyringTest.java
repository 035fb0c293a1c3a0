package app.rechargeclose.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.TestClock;
import app.rechargeclose.testing.TestKeys;
import app.rechargeclose.wechatpay.KeyringEvents;
import app.rechargeclose.wechatpay.WechatPayKeys;
import io.smallrye.mutiny.Uni;

/**
 * When the keys of a secret are read again, and what a read that fails leaves: a clock that moves
 * only when told, reads run when the test lets them (so "at the same time" is exact), no sleeping.
 */
class SecretKeyringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicReference<String> secret = new AtomicReference<>(KeyMaterialTest.secret().toString());
    private final AtomicInteger reads = new AtomicInteger();
    /** Reads wait here until the test runs them. */
    private final List<Runnable> pending = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private final SecretKeyring keyring = new SecretKeyring(() -> {
        reads.incrementAndGet();
        return KeyMaterial.fromSecret(secret.get(), KeyMaterialTest.Config.secretOnly(), JSON);
    }, MAX_AGE, MIN_INTERVAL, clock, pending::add, new KeyringEvents() {
        @Override
        public void read(Map<String, Instant> certificateExpiries) {
            events.add("read " + certificateExpiries.keySet());
        }

        @Override
        public void readFailed() {
            events.add("read failed");
        }
    }).start();

    @Test
    void readsOnceAtStartAndTellsTheCertificatesExpiry() {
        assertEquals(1, reads.get());
        assertEquals(List.of("read [merchant]"), events);
        assertTrue(keyring.current().holds(TestKeys.PUBLIC_KEY_ID_2));
    }

    @Test
    void manyAsksAtOnceMakeOneRead() {
        clock.advance(MIN_INTERVAL);
        secret.set(withAnotherPublicKey());
        List<Uni<WechatPayKeys>> asks = List.of(keyring.reread(), keyring.reread(), keyring.reread(), keyring.reread());
        List<WechatPayKeys> answers = new ArrayList<>();
        asks.forEach(ask -> ask.subscribe().with(answers::add));
        assertEquals(1, pending.size(), "one read for every ask made while it runs");

        runReads();

        assertEquals(2, reads.get());
        assertEquals(4, answers.size());
        assertTrue(answers.stream().allMatch(keys -> keys.holds(TestKeys.CERTIFICATE_SERIAL)), "every ask gets the keys of that read");
    }

    @Test
    void readsAtMostOncePerMinimumInterval() {
        clock.advance(MIN_INTERVAL.minusSeconds(1));
        WechatPayKeys held = keyring.current();
        assertSame(held, keyring.reread().await().indefinitely(), "too soon after the start's read: the held keys");
        assertEquals(0, pending.size());

        clock.advance(Duration.ofSeconds(1));
        keyring.reread().subscribe().with(keys -> { });
        runReads();
        assertEquals(2, reads.get());
        keyring.reread().subscribe().with(keys -> { });
        assertEquals(0, pending.size(), "the interval counts from the last read");
    }

    @Test
    void keysPastTheirMaxAgeAreReadBeforeTheNextCall() {
        assertTrue(keyring.fresh().await().indefinitely() == null && pending.isEmpty(), "young keys: no read");
        secret.set(withAnotherPublicKey());
        clock.advance(MAX_AGE);

        keyring.fresh().subscribe().with(ignored -> { });
        assertEquals(1, pending.size());
        runReads();

        assertTrue(keyring.current().holds(TestKeys.CERTIFICATE_SERIAL));
        assertTrue(keyring.fresh().await().indefinitely() == null && pending.isEmpty(), "read again: young once more");
    }

    @Test
    void aKeyRemovedFromTheSecretIsNoLongerTrustedOnceRead() {
        ObjectNode without = KeyMaterialTest.secret();
        without.with("public_keys").remove(TestKeys.PUBLIC_KEY_ID);
        secret.set(without.toString());
        clock.advance(MAX_AGE);
        keyring.fresh().subscribe().with(ignored -> { });
        runReads();

        assertFalse(keyring.current().holds(TestKeys.PUBLIC_KEY_ID));
        assertTrue(keyring.current().holds(TestKeys.PUBLIC_KEY_ID_2));
    }

    @Test
    void aReadThatFailsKeepsTheKeysInUseAndSaysSo() {
        WechatPayKeys held = keyring.current();
        secret.set("{\"private_key\": \"not a key\"}");
        clock.advance(MAX_AGE);
        keyring.fresh().subscribe().with(ignored -> { });
        runReads();

        assertSame(held, keyring.current());
        assertEquals(List.of("read [merchant]", "read failed"), events);
        clock.advance(MIN_INTERVAL.minusSeconds(1));
        keyring.fresh().subscribe().with(ignored -> { });
        assertEquals(0, pending.size(), "a failed read waits its interval too: a broken secret is not read on every call");
    }

    @Test
    void aSecretThatCannotBeReadAtStartStopsTheStart() {
        var failure = assertThrows(InvalidSettingException.class, () -> new SecretKeyring(() -> KeyMaterial.fromSecret("[]",
                KeyMaterialTest.Config.secretOnly(), JSON), MAX_AGE, MIN_INTERVAL, clock, Runnable::run, null).start());
        assertEquals("wechatpay.secret-id", failure.key());
    }

    private void runReads() {
        List<Runnable> now = List.copyOf(pending);
        pending.clear();
        now.forEach(Runnable::run);
    }

    /** The secret with the platform certificate added: a key the answers may now be signed with. */
    private static String withAnotherPublicKey() {
        return KeyMaterialTest.secret().put("platform_certificates", TestKeys.certificate()).toString();
    }
}
