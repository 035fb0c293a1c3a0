package app.rechargeclose.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The test keys under src/test/resources/keys: WeChat Pay's published test merchant key and keys made for this project. */
public final class TestKeys {

    public static final String MCHID = "1900007291";
    public static final String MERCHANT_SERIAL_NO = "408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB";
    public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000000000";
    /** As WeChat Pay writes it; note the leading zero that BigInteger.toString(16) drops. */
    public static final String CERTIFICATE_SERIAL = "0798ABFDD2C1A3ED0E4C1B7F3C2B6A5D4E3F2A1B";
    /** A second WeChat Pay public key, as a replacement brings one (made with openssl for this project). */
    public static final String PUBLIC_KEY_ID_2 = "PUB_KEY_ID_0114232134912410000000000000000002";
    /** The merchant's replaced API certificate: a new serial and a new key (made with openssl; its certificate too). */
    public static final String MERCHANT_SERIAL_NO_2 = "5E1A2B3C4D5E6F708192A3B4C5D6E7F801234567";

    private TestKeys() {
    }

    public static String merchantPrivateKey() {
        return read("official-test-merchant-key-1900007291.pem");
    }

    public static String merchantPublicKey() {
        return read("official-test-merchant-pub-1900007291.pem");
    }

    public static String platformPrivateKey() {
        return read("test-wechatpay-platform-private-key.pem");
    }

    public static String platformPublicKey() {
        return read("test-wechatpay-public-key.pem");
    }

    public static String certificateKey() {
        return read("test-platform-certificate-key.pem");
    }

    public static String certificate() {
        return read("test-platform-certificate.pem");
    }

    public static String platformPrivateKey2() {
        return read("test-wechatpay-platform-private-key-2.pem");
    }

    public static String platformPublicKey2() {
        return read("test-wechatpay-public-key-2.pem");
    }

    public static String merchantPrivateKey2() {
        return read("test-merchant-key-2.pem");
    }

    public static String merchantPublicKey2() {
        return read("test-merchant-pub-2.pem");
    }

    /** The certificate of {@link #MERCHANT_SERIAL_NO_2}, self-signed, valid for ten years from 2026-12-07. */
    public static String merchantCertificate2() {
        return read("test-merchant-certificate-2.pem");
    }

    public static String vectors() {
        return read("signature-vectors.json");
    }

    /** The file of a test resource under keys/, for a process that reads it by name. */
    public static Path path(String name) {
        URL resource = TestKeys.class.getResource("/keys/" + name);
        if (resource == null) {
            throw new IllegalStateException("missing test resource keys/" + name);
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(String name) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/keys/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource keys/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
