package app.rechargeclose.wechatpay;

import java.time.Instant;
import java.util.Map;

/** What a keyring that reads its keys again tells the operators: each read, and each read that failed. */
public interface KeyringEvents {

    /** @param certificateExpiries when the certificates among the keys run out, by kind ({@code merchant}, {@code platform}) */
    void read(Map<String, Instant> certificateExpiries);

    /** The keys could not be read again (source unreachable or refusing, a value that is no valid secret); the held ones stay in use. */
    void readFailed();
}
