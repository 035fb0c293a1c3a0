package app.rechargeclose.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rechargeclose.config.InvalidSettingException;

/** What the native executable tells Lambda of a failed start: the setting at fault, and nothing a failure's text might carry. */
class StartFailureReportTest {

    @Test
    void namesTheSettingOfAnInvalidSettingAnywhereInTheCauses() {
        var failure = new RuntimeException("Failed to start", new IllegalStateException("bean",
                new InvalidSettingException("wechatpay.private-key", "not a PEM private key (PKCS#8 or PKCS#1)")));

        assertEquals(Map.of("errorType", "InvalidSettingException",
                "errorMessage", "wechatpay.private-key: not a PEM private key (PKCS#8 or PKCS#1)"), StartFailureReport.initError(failure));
    }

    @Test
    void givesOnlyTheTypeOfAnyOtherFailureNeverItsMessage() {
        var failure = new RuntimeException("Failed to start", new IllegalArgumentException("-----BEGIN PRIVATE KEY----- MIIE"));

        Map<String, String> error = StartFailureReport.initError(failure);

        assertEquals("IllegalArgumentException", error.get("errorType"));
        assertEquals("the function could not start: java.lang.IllegalArgumentException (the log says why)", error.get("errorMessage"));
        assertFalse(error.toString().contains("BEGIN"));
    }
}
