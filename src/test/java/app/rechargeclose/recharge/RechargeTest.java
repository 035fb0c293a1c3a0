package app.rechargeclose.recharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonMappingException;

/** The outcome depends on which recharge it is and its state: nothing else of the object is bound to a type. */
class RechargeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDS = "\"sp_mchid\": \"1900000109\", \"sub_mchid\": \"1900001121\", \"out_recharge_no\": \"cz2020042013\"";

    @ParameterizedTest
    @ValueSource(strings = {
        "\"recharge_amount\": \"1000.00\"", "\"recharge_amount\": [100000]", "\"available_recharge_channels\": \"ONLINE_BANK\"",
        "\"qr_recharge_info\": \"oUpF8u\"", "\"accept_time\": 1722344841", "\"bank_transfer_info\": null", "\"close_time\": {\"at\": 1}",
    })
    void readsAClosedRechargeWhateverTheTypesOfFieldsItDoesNotUse(String field) throws Exception {
        Recharge recharge = JSON.readValue("{" + IDS + ", \"recharge_state\": \"CLOSED\", " + field + "}", Recharge.class);
        assertEquals(Recharge.RechargeState.CLOSED, recharge.rechargeState());
        assertEquals("cz2020042013", recharge.outRechargeNo());
        assertEquals(Set.of(), recharge.undocumentedFields());
    }

    @Test
    void namesTheFieldsTheDocumentationDoesNotListAndKeepsUnknownStates() throws Exception {
        Recharge recharge = JSON.readValue("{" + IDS + ", \"recharge_state\": \"REFUNDED\", \"promotion_info\": {}}", Recharge.class);
        assertFalse(recharge.rechargeState().isKnown());
        assertEquals("REFUNDED", recharge.rechargeState().value());
        assertEquals(Set.of("promotion_info"), recharge.undocumentedFields());
    }

    @Test
    void readsANumericSubMchidAsItsDigitsAndAnIdOfAnotherShapeAsAbsent() throws Exception {
        Recharge recharge = JSON.readValue("{\"sp_mchid\": {\"id\": 1}, \"sub_mchid\": 1900001121, \"recharge_state\": \"CLOSED\"}", Recharge.class);
        assertEquals("1900001121", recharge.subMchid());
        assertNull(recharge.spMchid(), "so the answer is not about our request");
        assertNull(recharge.outRechargeNo());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"recharge_state\": null}", "{\"recharge_state\": 3}", "[]", "\"CLOSED\""})
    void isNoRechargeWithoutATextualState(String json) {
        assertThrows(JsonMappingException.class, () -> JSON.readValue(json, Recharge.class));
    }
}
