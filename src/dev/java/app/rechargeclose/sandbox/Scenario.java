package app.rechargeclose.sandbox;

import java.util.Arrays;
import java.util.Comparator;

/**
 * What the {@link WeChatPaySimulator} answers, picked by the prefix of {@code out_recharge_no}
 * (the constant's name), so every outcome can be asked for by hand in dev mode ({@code E404x}) and
 * by name in tests ({@code Scenario.E404.outRechargeNo("x")}). Unless a scenario says otherwise,
 * the query API shows the recharge still RECHARGING.
 */
public enum Scenario {
    /** Any out_recharge_no that names no scenario: the close succeeds, today's schema. */
    CLOSES,
    /** WeChat Pay's errors, each with its JSON error body. */
    E400, E401, E403, E404, E429, E500,
    /** A 400 PARAM_ERROR. */
    PARAMERR,
    /** An error body whose code only claims the recharge is closed. */
    FAKECLOSED,
    /** An nginx 502 page; a 429 page that is no WeChat Pay error. */
    HTML, HTML429,
    /** The connection is dropped before any answer. */
    RESET,
    /** Two 500s, then the close succeeds. */
    FLAKY,
    /** A signed answer that comes only after the simulator's slow delay. */
    SLOW,
    /** 500s to every close; the query says CLOSED, or SUCCESS (paid), or it fails too (500). */
    DOUBTCLOSED, DOUBTPAID, DOWN,
    /** Attempt 1 answers too late, later ones say "the state does not allow closing"; the query says CLOSED. */
    DOUBT400,
    /** "The state does not allow closing" for a recharge the query shows CLOSED: a second delivery of a close that went through. */
    CLOSEDBEFORE,
    /** The close takes effect but is never answered; the query says CLOSED. */
    HANG,
    /** A 429 to every close (a payment racing it); the query says SUCCESS. */
    RACE,
    /** Signed answers about another recharge, sub-merchant or platform merchant; QUERYOTHER: 500s, then such a query answer. */
    OTHERNO, OTHERSUB, OTHERSP, QUERYOTHER,
    /** A signed 200 whose body is not JSON; one cut off mid-body. */
    NOTJSON, TRUNCATED,
    /** Schema drift: the seed-era schema; enum values and fields nobody knows yet; a QR recharge with its payer. */
    SEED, NEWENUM, QR,
    /** Schema drift in fields this function does not use: a CLOSED recharge whose amount, lists, objects and times changed JSON type. */
    RETYPED,
    /** A signed answer with recharge_state twice (RECHARGING, then CLOSED), or over 64 KiB of text; the query says RECHARGING. */
    DUPSTATE, HUGE,
    /** Verified states other than CLOSED. */
    PAID, RECHARGING,
    /** Signed by the platform certificate instead of the public key. */
    CERT,
    /** Answers that must fail verification: wrong key, probe signature, no signature, stale or future timestamp, unknown serial, tampered body. */
    BADSIG, PROBE, NOSIG, STALE, FUTURE, UNKNOWNSERIAL, TAMPERED,
    /** The close takes effect, but its answer carries a probe signature; the query says CLOSED. */
    PROBECLOSED;

    /** An out_recharge_no that picks this scenario. */
    public String outRechargeNo(String suffix) {
        return name() + suffix;
    }

    /** The scenario an out_recharge_no picks: the longest name it starts with, {@link #CLOSES} for none. */
    public static Scenario of(String outRechargeNo) {
        return Arrays.stream(values()).filter(scenario -> scenario != CLOSES && outRechargeNo.startsWith(scenario.name()))
                .max(Comparator.comparingInt(scenario -> scenario.name().length()))
                .orElse(CLOSES);
    }
}
