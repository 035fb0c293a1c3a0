package app.rechargeclose.wechatpay;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** The recharge API's operations this function uses, each one method of {@link RechargeApi}. */
public enum Operation {
    CLOSE {
        @Override
        Uni<RestResponse<byte[]>> on(RechargeApi api, String outRechargeNo, String subMchid) {
            return api.close(outRechargeNo, subMchid);
        }
    },
    QUERY {
        @Override
        Uni<RestResponse<byte[]>> on(RechargeApi api, String outRechargeNo, String subMchid) {
            return api.query(outRechargeNo, subMchid);
        }
    };

    abstract Uni<RestResponse<byte[]>> on(RechargeApi api, String outRechargeNo, String subMchid);
}
