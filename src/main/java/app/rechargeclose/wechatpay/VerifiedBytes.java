package app.rechargeclose.wechatpay;

/** A 2xx answer whose bytes passed verification, before anything reads them: its status, WeChat Pay's Request-ID, the bytes. */
record VerifiedBytes(int status, String requestId, byte[] body) {
}
