package app.rechargeclose.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.sandbox.WeChatPaySimulator.Answer;
import app.rechargeclose.sandbox.WeChatPaySimulator.Signing;
import io.vertx.core.json.JsonObject;

/**
 * The soak test's WeChat Pay: recharges that hold a state, as WeChat Pay does, answered before the
 * simulator's scenarios. {@code SOAK…} starts RECHARGING and a close makes it CLOSED (a second close
 * hears 400 "the state does not allow closing"), {@code SOAKPAID…} is SUCCESS (paid; a close hears
 * the same 400), {@code SOAKGONE…} does not exist (404). Each call (close or query) meets the
 * {@link Fault} the test picks for its recharge and its call number (1, 2, …).
 */
public final class SoakWechatPay implements WeChatPaySimulator.Responder {

    /** What may strike a call: the {@code _AFTER} ones strike once the call took effect (the close applied, its answer lost, late or badly signed). */
    public enum Fault { NONE, ERROR_500, ERROR_429, RESET_BEFORE, RESET_AFTER, LATE_AFTER, BADSIG_AFTER }

    private static final Answer NOT_CLOSABLE = Answer.error(400, "INVALID_REQUEST", "当前充值单状态不允许关闭");

    private final BiFunction<String, Integer, Fault> faults;
    private final Duration late;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    /** @param late how long a {@link Fault#LATE_AFTER} answer waits: past the function's attempt timeout */
    public SoakWechatPay(BiFunction<String, Integer, Fault> faults, Duration late) {
        this.faults = faults;
        this.late = late;
    }

    /** What WeChat Pay holds for a soak recharge; empty until it was first asked about. */
    public Optional<String> state(String outRechargeNo) {
        return Optional.ofNullable(states.get(outRechargeNo));
    }

    @Override
    public Optional<Answer> answer(boolean close, String outRechargeNo, JsonObject recharge) {
        if (!outRechargeNo.startsWith("SOAK")) {
            return Optional.empty();
        }
        Fault fault = faults.apply(outRechargeNo, calls.merge(outRechargeNo, 1, Integer::sum));
        Answer answer = switch (fault) {
            case ERROR_500 -> Answer.error(500, "SYSTEM_ERROR", "系统错误");
            case ERROR_429 -> Answer.error(429, "FREQUENCY_LIMITED", "请求频率超限");
            case RESET_BEFORE -> Answer.RESET;
            default -> held(close, outRechargeNo, recharge);
        };
        return Optional.of(switch (fault) {
            case RESET_AFTER -> Answer.RESET;
            case LATE_AFTER -> answer.after(late);
            case BADSIG_AFTER -> answer.signing() == null ? answer : Answer.signed(answer.body(), Signing.PROBE);
            default -> answer;
        });
    }

    /** The answer of WeChat Pay as it holds the recharge, after a close takes effect on a RECHARGING one. */
    private Answer held(boolean close, String outRechargeNo, JsonObject recharge) {
        if (outRechargeNo.startsWith("SOAKGONE")) {
            return Answer.error(404, "ORDER_NOT_EXIST", "充值单不存在");
        }
        String initial = outRechargeNo.startsWith("SOAKPAID") ? "SUCCESS" : "RECHARGING";
        String[] before = new String[1];
        String now = states.compute(outRechargeNo, (key, state) -> {
            before[0] = state == null ? initial : state;
            return close && before[0].equals("RECHARGING") ? "CLOSED" : before[0];
        });
        if (close && !before[0].equals("RECHARGING")) {
            return NOT_CLOSABLE;
        }
        String description = switch (now) {
            case "CLOSED" -> "已关闭";
            case "SUCCESS" -> "充值成功";
            default -> "充值中";
        };
        return Answer.signed(recharge.put("recharge_state", now).put("recharge_state_desc", description).encode(), Signing.PUBLIC_KEY);
    }
}
