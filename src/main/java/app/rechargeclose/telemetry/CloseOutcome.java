package app.rechargeclose.telemetry;

import java.util.Optional;

import app.rechargeclose.recharge.Recharge;
import app.rechargeclose.wechatpay.WechatPayAnswer;

/** What a close came to, as its telemetry line tells it; the edges decide it (their {@code Outcome}). */
public interface CloseOutcome {

    /** The stable code of the contract: CLOSED, or the error table's. */
    String code();

    /** The status the contract gives it. */
    int status();

    /** Why it is not closed; never key material or personal data. */
    String message();

    boolean isClosed();

    /** WeChat Pay's {@code Request-ID}, when it sent one. */
    Optional<String> requestId();

    /** The verified recharge, when WeChat Pay said what it holds. */
    Optional<WechatPayAnswer<Recharge>> recharge();
}
