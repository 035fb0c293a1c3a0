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
