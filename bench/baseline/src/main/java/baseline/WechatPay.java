package baseline;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.Constant;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.HttpResponse;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.core.http.MediaType;
import com.wechat.pay.java.core.util.GsonUtil;
import com.google.gson.JsonObject;

/** The close call with the official SDK: it signs, sends with OkHttp and verifies the answer. Same settings as the function. */
final class WechatPay {

    private static final String BASE_URL = System.getenv("WECHATPAY_BASE_URL");
    private static final HttpClient CLIENT = new DefaultHttpClientBuilder()
            .config(new RSAPublicKeyConfig.Builder()
                    .merchantId(System.getenv("WECHATPAY_MCHID"))
                    .merchantSerialNumber(System.getenv("WECHATPAY_MERCHANT_SERIAL_NO"))
                    .privateKey(System.getenv("WECHATPAY_PRIVATE_KEY"))
                    .publicKeyId(System.getenv("WECHATPAY_PUBLIC_KEY_ID"))
                    .publicKey(System.getenv("WECHATPAY_PUBLIC_KEY"))
                    .apiV3Key("an-api-v3-key-the-close-never-uses")
                    .build())
            .build();

    private WechatPay() {
    }

    /** @return the recharge object WeChat Pay answered, verified by the SDK */
    static JsonObject close(String outRechargeNo, String subMchid) {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader(Constant.ACCEPT, MediaType.APPLICATION_JSON.getValue());
        HttpRequest request = new HttpRequest.Builder()
                .httpMethod(HttpMethod.POST)
                .url(BASE_URL + "/v3/platsolution/ecommerce/recharges/out-recharge-no/" + outRechargeNo + "/close?sub_mchid=" + subMchid)
                .headers(headers)
                .body(new JsonRequestBody.Builder().body("").build())
                .build();
        HttpResponse<JsonObject> response = CLIENT.execute(request, JsonObject.class);
        return response.getServiceResponse();
    }

    static JsonObject parse(String json) {
        return GsonUtil.getGson().fromJson(json, JsonObject.class);
    }
}
