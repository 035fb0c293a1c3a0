package app.rechargeclose.recharge;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import app.rechargeclose.wechatpay.WechatPayAnswer;
import app.rechargeclose.wechatpay.WechatPayClient;
import io.smallrye.mutiny.Uni;

/** The close use case: one validated command, one signed call, one verified answer. Knows nothing of Lambda. */
@ApplicationScoped
public class RechargeCloser {

    private static final Logger LOG = Logger.getLogger(RechargeCloser.class);

    private final WechatPayClient wechatPay;
    private final Set<String> reportedUnknownValues = ConcurrentHashMap.newKeySet();

    public RechargeCloser(WechatPayClient wechatPay) {
        this.wechatPay = wechatPay;
    }

    public Uni<WechatPayAnswer<Recharge>> close(CloseCommand command) {
        return wechatPay.closeRecharge(command.outRechargeNo(), command.subMchid())
                .invoke(answer -> reportUnknownValues(answer.body()));
    }

    /** WeChat Pay adds enum values and fields without notice: pass them on, and say so once per value. */
    private void reportUnknownValues(Recharge recharge) {
        Stream.concat(
                Stream.of(recharge.rechargeState(), recharge.rechargeChannel(), recharge.accountType(), recharge.rechargeScene())
                        .filter(value -> value != null && !value.isKnown())
                        .map(value -> value.getClass().getSimpleName() + " value " + value),
                recharge.unknownFields() == null ? Stream.empty() : recharge.unknownFields().keySet().stream().map(field -> "field " + field))
                .filter(reportedUnknownValues::add)
                .forEach(what -> LOG.infof("WeChat Pay sent an unknown %s; passed on unchanged", what));
    }
}
