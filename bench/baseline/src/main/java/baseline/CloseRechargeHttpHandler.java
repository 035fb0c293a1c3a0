package baseline;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** API Gateway → the official SDK, synchronously. */
public class CloseRechargeHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            String body = WechatPay.close(event.getPathParameters().get("out_recharge_no"), event.getQueryStringParameters().get("sub_mchid"))
                    .toString();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("content-type", "application/json"))
                    .withBody(body).build();
        } catch (RuntimeException e) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(502).withBody("{\"code\":\"UPSTREAM_ERROR\"}").build();
        }
    }
}
