package app.rechargeclose.wechatpay;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * The platform solution's recharge API, as a Quarkus REST client. Built by {@link WechatPayClient},
 * which reads the verified text into a recharge and keeps the text to pass on unchanged.
 */
@Path("/v3/platsolution/ecommerce/recharges/out-recharge-no")
@Produces(MediaType.APPLICATION_JSON)
public interface RechargeApi {

    /** 关闭二级商户充值: no body; the secondary merchant goes in the query string. */
    @POST
    @Path("/{out_recharge_no}/close")
    Uni<RestResponse<byte[]>> close(@PathParam("out_recharge_no") String outRechargeNo, @QueryParam("sub_mchid") String subMchid);

    /** 查询二级商户充值: the truth about a recharge when a close's outcome is unknown. */
    @GET
    @Path("/{out_recharge_no}")
    Uni<RestResponse<byte[]>> query(@PathParam("out_recharge_no") String outRechargeNo, @QueryParam("sub_mchid") String subMchid);
}
