package app.rechargeclose.wechatpay;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RSA keys and certificates from PEM text with the JDK alone. Errors say what is wrong and
 * never carry any part of the PEM text: key material must not reach logs.
 */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    /**
     * DER prefix that wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo
     * (version 0, rsaEncryption algorithm identifier, octet string header), before the lengths.
     */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x02, 0x01, 0x00,
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    };

    private PemKeys() {
    }

    public static PrivateKey privateKey(String pem) {
        Block block = single(pem);
        byte[] pkcs8 = switch (block.type()) {
            case "PRIVATE KEY" -> block.der();
            case "RSA PRIVATE KEY" -> pkcs1ToPkcs8(block.der());
            default -> throw new InvalidKeyMaterialException("expected a PRIVATE KEY or RSA PRIVATE KEY block, found " + block.type());
        };
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException("not a readable RSA private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static PublicKey publicKey(String pem) {
        Block block = single(pem);
        if (!block.type().equals("PUBLIC KEY")) {
            throw new InvalidKeyMaterialException("expected a PUBLIC KEY block, found " + block.type());
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(block.der()));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException("not a readable RSA public key (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static List<X509Certificate> certificates(String pem) {
        List<Block> blocks = blocks(pem);
        if (blocks.isEmpty()) {
            throw new InvalidKeyMaterialException("no CERTIFICATE block found");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return blocks.stream().map(block -> {
                if (!block.type().equals("CERTIFICATE")) {
                    throw new InvalidKeyMaterialException("expected CERTIFICATE blocks, found " + block.type());
                }
                try {
                    return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der()));
                } catch (GeneralSecurityException e) {
                    throw new InvalidKeyMaterialException("not a readable X.509 certificate (" + e.getClass().getSimpleName() + ")");
                }
            }).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }

    private static Block single(String pem) {
        List<Block> blocks = blocks(pem);
        if (blocks.size() != 1) {
            throw new InvalidKeyMaterialException("expected exactly one PEM block, found " + blocks.size());
        }
        return blocks.get(0);
    }

    private static List<Block> blocks(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidKeyMaterialException("is empty");
        }
        Matcher matcher = BLOCK.matcher(pem);
        return matcher.results().map(match -> {
            String base64 = match.group(2).replaceAll("\\s", "");
            try {
                return new Block(match.group(1), Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII)));
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyMaterialException("the " + match.group(1) + " block is not valid Base64");
            }
        }).toList();
    }

    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] octetString = concat(derHeader(0x04, pkcs1.length), pkcs1);
        byte[] body = concat(RSA_ALGORITHM_IDENTIFIER, octetString);
        return concat(derHeader(0x30, body.length), body);
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) tag, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = new byte[first.length + second.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private record Block(String type, byte[] der) {
    }
}
