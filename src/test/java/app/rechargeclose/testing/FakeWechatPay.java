package app.rechargeclose.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.wechatpay.Host;
import app.rechargeclose.wechatpay.Operation;
import app.rechargeclose.wechatpay.WechatPay;
import app.rechargeclose.wechatpay.WechatPayAnswer;
import app.rechargeclose.wechatpay.WechatPayException;
import io.smallrye.mutiny.Uni;

/**
 * WeChat Pay as the use case's unit tests script it: each call takes the next {@link Reply}, moves
 * the {@link TestClock} on by the time the reply takes (an attempt that would outlast its deadline
 * ends at the deadline with a timeout, as the real client's does), and is recorded.
 */
public final class FakeWechatPay implements WechatPay {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as the use case made it. */
    public record Call(Operation operation, Host host, String outRechargeNo, String subMchid, Duration deadline) {
    }

    /** What one call does: after {@code takes}, a verified answer's JSON or a failure (a WechatPayException, or a bug). */
    public record Reply(Duration takes, String json, RuntimeException failure) {

        public static Reply answer(String json) {
            return new Reply(Duration.ofMillis(50), json, null);
        }

        public static Reply failure(RuntimeException failure) {
            return new Reply(Duration.ofMillis(50), null, failure);
        }

        /** No answer at all: the attempt runs out its deadline. */
        public static Reply hang() {
            return new Reply(Duration.ofDays(1), null, null);
        }

        public Reply after(Duration takes) {
            return new Reply(takes, json, failure);
        }
    }

    private final TestClock clock;
    private final Duration timeout;
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();

    public FakeWechatPay(TestClock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The replies of the next calls, in order; a call with none left fails the test. */
    public FakeWechatPay willReply(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public <T> Uni<WechatPayAnswer<T>> call(Operation operation, Host host, String outRechargeNo, String subMchid, Duration deadline,
            Class<T> type) {
        return Uni.createFrom().deferred(() -> {
            calls.add(new Call(operation, host, outRechargeNo, subMchid, deadline));
            Reply reply = replies.poll();
            if (reply == null) {
                throw new AssertionError("no reply scripted for call " + calls.size() + ": " + operation + " on " + host);
            }
            if (reply.takes().compareTo(deadline) > 0) {
                clock.advance(deadline);
                return Uni.createFrom().failure(WechatPayException.timedOut("WeChat Pay did not answer within " + deadline.toMillis() + " ms"));
            }
            clock.advance(reply.takes());
            if (reply.failure() != null) {
                return Uni.createFrom().failure(reply.failure());
            }
            try {
                return Uni.createFrom().item(new WechatPayAnswer<>(JSON.readValue(reply.json(), type), reply.json(), Optional.of("REQ-" + calls.size())));
            } catch (Exception e) {
                throw new AssertionError("a scripted answer is no " + type.getSimpleName(), e);
            }
        });
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** A recharge object as WeChat Pay answers it, in {@code state}. */
    public static String recharge(String spMchid, String subMchid, String outRechargeNo, String state) {
        ObjectNode recharge = JSON.createObjectNode().put("sp_mchid", spMchid).put("sub_mchid", subMchid).put("recharge_id", "1722344841623950000001")
                .put("out_recharge_no", outRechargeNo).put("recharge_channel", "ONLINE_BANK").put("account_type", "OPERATION")
                .put("recharge_state", state).put("recharge_scene", "ECOMMERCE_PAYMENT");
        recharge.putObject("recharge_amount").put("amount", 100000).put("currency", "CNY");
        return recharge.toString();
    }
}
