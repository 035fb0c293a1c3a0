package app.rechargeclose.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** What must never appear in a log: key material of any kind, and a payer's full openid. */
public final class LogHygiene {

    private static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

    private LogHygiene() {
    }

    public static void assertClean(String log) {
        assertFalse(log.contains("BEGIN"), "a PEM header was logged");
        assertFalse(log.contains(OPENID), "a full openid was logged");
        for (String pem : new String[] {TestKeys.merchantPrivateKey(), TestKeys.platformPrivateKey(), TestKeys.certificateKey()}) {
            pem.lines().filter(line -> !line.startsWith("-----")).forEach(line ->
                    assertFalse(log.contains(line.substring(0, Math.min(24, line.length()))), "key material was logged"));
        }
    }
}
