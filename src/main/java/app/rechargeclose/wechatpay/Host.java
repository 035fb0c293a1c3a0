package app.rechargeclose.wechatpay;

/** WeChat Pay's two access points: the nearest one, and the remote one a request fails over to. */
public enum Host { PRIMARY, BACKUP }
