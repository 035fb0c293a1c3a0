package app.rechargeclose.recharge;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The recharge object WeChat Pay answers with: every field of the seed's schema and of today's.
 * Times stay the RFC 3339 text WeChat Pay sent, and fields this version does not know are kept in
 * {@code unknownFields} and written back out, so the caller receives the answer unchanged. Its
 * enums are {@link OpenEnum}s, declared at the end: each lists the values the API documents.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recharge(
        String spMchid,
        String subMchid,
        String rechargeId,
        String outRechargeNo,
        RechargeChannel rechargeChannel,
        AccountType accountType,
        RechargeState rechargeState,
        RechargeScene rechargeScene,
        String rechargeStateDesc,
        Amount rechargeAmount,
        BankTransferInfo bankTransferInfo,
        QrRechargeInfo qrRechargeInfo,
        OnlineBankRechargeInfo onlineBankRechargeInfo,
        List<RechargeChannel> availableRechargeChannels,
        String acceptTime,
        String successTime,
        String closeTime,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

    /** {@code amount} in fen (1/100 yuan). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Amount(
            Long amount,
            String currency,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BankTransferInfo(
            String billNo,
            String memo,
            String returnTime,
            String returnReason,
            String bankName,
            String bankCardTail,
            String bankAccountName,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {
    }

    /** Holds the payer's {@code openid}: personal data, so {@link #toString()} masks it. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QrRechargeInfo(
            String openid,
            EmployeeType employeeType,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {

        @Override
        public String toString() {
            return "QrRechargeInfo[openid=" + maskOpenid(openid) + ", employeeType=" + employeeType + "]";
        }
    }

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OnlineBankRechargeInfo(
            String billNo,
            String returnTime,
            String returnReason,
            String bankName,
            String onlineBankType,
            String bankCardTail,
            String bankAccountName,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> unknownFields) {
    }

    /** Keeps the first and last two characters of an openid, enough to tell two apart in a log. */
    public static String maskOpenid(String openid) {
        if (openid == null) {
            return null;
        }
        return openid.length() <= 6 ? "***" : openid.substring(0, 2) + "***" + openid.substring(openid.length() - 2);
    }

    /** {@code recharge_state}: the same three values in the seed and today. */
    @RegisterForReflection
    public static final class RechargeState extends OpenEnum {
        public static final RechargeState CLOSED = new RechargeState("CLOSED");
        public static final RechargeState SUCCESS = new RechargeState("SUCCESS");

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        RechargeState(String value) { super(value, "SUCCESS", "RECHARGING", "CLOSED"); }
    }

    /** {@code recharge_channel}: the seed knew BANK_TRANSFER and QR_RECHARGE; ONLINE_BANK came in 2025. */
    @RegisterForReflection
    public static final class RechargeChannel extends OpenEnum {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        RechargeChannel(String value) { super(value, "BANK_TRANSFER", "QR_RECHARGE", "ONLINE_BANK"); }
    }

    /** {@code account_type}: the seed's DEPOSIT, BASIC, OPERATION, FEES; today DEPOSIT and OPERATION. */
    @RegisterForReflection
    public static final class AccountType extends OpenEnum {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        AccountType(String value) { super(value, "DEPOSIT", "BASIC", "OPERATION", "FEES"); }
    }

    /** {@code recharge_scene}: the seed's three scenes and today's ECOMMERCE_PAYMENT. */
    @RegisterForReflection
    public static final class RechargeScene extends OpenEnum {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        RechargeScene(String value) { super(value, "ECOMMERCE_DEPOSIT", "ECOMMERCE_BANK_TRANSFER", "NORMAL_BANK_TRANSFER", "ECOMMERCE_PAYMENT"); }
    }

    /** {@code qr_recharge_info.employee_type}: who scanned the recharge code. */
    @RegisterForReflection
    public static final class EmployeeType extends OpenEnum {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        EmployeeType(String value) { super(value, "ADMIN", "STAFF"); }
    }
}
