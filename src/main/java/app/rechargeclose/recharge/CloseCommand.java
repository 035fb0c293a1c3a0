package app.rechargeclose.recharge;

import java.util.regex.Pattern;

/**
 * A validated request to close one recharge. Nothing reaches WeChat Pay unless it passed these
 * checks, so values can go into the URL without surprises.
 */
public record CloseCommand(String outRechargeNo, String subMchid) {

    private static final Pattern OUT_RECHARGE_NO = Pattern.compile("[0-9A-Za-z]{1,64}");
    private static final Pattern SUB_MCHID = Pattern.compile("[0-9]{1,32}");
    static final String EMPTY_SUB_MCHID = "sub_mchid is empty";

    public CloseCommand {
        if (outRechargeNo == null || !OUT_RECHARGE_NO.matcher(outRechargeNo).matches()) {
            throw new InvalidCommandException("out_recharge_no must be 1-64 ASCII letters or digits");
        }
        if (subMchid == null) {
            throw new InvalidCommandException("sub_mchid is required");
        }
        if (subMchid.isEmpty()) {
            throw new InvalidCommandException(EMPTY_SUB_MCHID);
        }
        if (!SUB_MCHID.matcher(subMchid).matches()) {
            throw new InvalidCommandException("sub_mchid must be 1-32 digits");
        }
    }
}
