package app.rechargeclose.lambda;

import app.rechargeclose.testing.HangingPrimaryResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(HttpHandlerProfile.class)
@WithTestResource(value = HangingPrimaryResource.class, initArgs = @ResourceArg(name = "hang", value = "connect"))
class ConnectHangFailoverTest extends HangingPrimaryFailover {

    @Override
    String outRechargeNo() {
        return "hangconnect1";
    }
}
