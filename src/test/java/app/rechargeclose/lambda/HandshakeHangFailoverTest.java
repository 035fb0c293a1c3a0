package app.rechargeclose.lambda;

import app.rechargeclose.testing.UnreachablePrimaryResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(HttpHandlerProfile.class)
@WithTestResource(value = UnreachablePrimaryResource.class, initArgs = @ResourceArg(name = "hang", value = "handshake"))
class HandshakeHangFailoverTest extends UnreachablePrimaryFailover {

    @Override
    String outRechargeNo() {
        return "hanghandshake1";
    }
}
