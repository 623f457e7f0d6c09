package org.ipsjobs.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.ipsjobs.testing.SoapClient;
import org.ipsjobs.testing.SoapResponse;
import org.ipsjobs.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getCompanyInfo and getCompanyMembership: the lookups clients make before any job call. */
class CompanyLookupTest {

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void findsAnOwnCompanyByHandleOrByName() {
        SoapResponse byHandle = server.client.call("getCompanyInfo", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request("companies/getCompanyInfo-by-handle.xml", Map.of("company", "47")));
        assertThat(byHandle.xpath("//ips:companyInfo/ips:companyHandle")).as(byHandle.toString()).isEqualTo("47");
        assertThat(byHandle.xpath("//ips:companyInfo/ips:name")).isEqualTo("Sample Company");
        assertThat(byHandle.xpath("//ips:companyInfo/ips:rootPath")).isEqualTo("Sample Company/");
        assertThat(byHandle.count("//ips:companyInfo/ips:expires")).as("the company never expires").isZero();

        SoapResponse byName = server.client.call("getCompanyInfo", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request("companies/getCompanyInfo-by-name.xml", Map.of("name", "sample company")));
        assertThat(byName.xpath("//ips:companyInfo/ips:companyHandle")).as(byName.toString()).isEqualTo("47");
    }

    @Test
    void anotherCompanyIsNotShownEvenByName() {
        SoapResponse byHandle = server.client.call("getCompanyInfo", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request("companies/getCompanyInfo-by-handle.xml", Map.of("company", "48")));
        SubmitJobTest.assertFault(byHandle, "authorizationFault", 20006);

        SoapResponse byName = server.client.call("getCompanyInfo", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request("companies/getCompanyInfo-by-name.xml", Map.of("name", "Other Company")));
        SubmitJobTest.assertFault(byName, "authorizationFault", 20006);
        assertThat(byName.body()).doesNotContain("<companyHandle>48");

        SoapResponse missing = server.client.call("getCompanyInfo", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request("companies/getCompanyInfo-by-name.xml", Map.of("name", "No Such Company")));
        assertThat(missing.faultCode()).as("the same answer as for a company that exists").isEqualTo(20006);
    }

    @Test
    void anAdminSeesEveryCompanyAndLearnsWhichDoNotExist() {
        assertThat(server.call("getCompanyInfo", "companies/getCompanyInfo-by-name.xml", Map.of("name", "Other Company"))
                .xpath("//ips:companyInfo/ips:companyHandle")).isEqualTo("48");
        SubmitJobTest.assertFault(server.call("getCompanyInfo", "companies/getCompanyInfo-by-handle.xml",
                Map.of("company", "99")), "authorizationFault", 20000);
    }

    @Test
    void neitherHandleNorNameIsAMissingParameter() {
        SoapResponse response = server.call("getCompanyInfo", "<getCompanyInfoParam xmlns=\"" + SoapClient.API_NS + "\"/>");
        SubmitJobTest.assertFault(response, "ipsApiFault", 30002);
        assertThat(response.faultReason()).contains("companyHandle or companyName");
    }

    @Test
    void answersInAnOlderVersionWithoutTheElementsItLacked() {
        String old = "http://www.scene7.com/IpsApi/xsd/2013-02-15";
        SoapResponse response = server.client.call("getCompanyInfo", TestServer.ADMIN, TestServer.ADMIN_PASSWORD,
                "<getCompanyInfoParam xmlns=\"" + old + "\"><companyHandle>47</companyHandle></getCompanyInfoParam>");
        assertThat(response.body()).as(response.toString()).contains("<getCompanyInfoReturn xmlns=\"" + old + "\"")
                .contains("<companyHandle>47</companyHandle>").doesNotContain("imsOrgId");
    }

    @Test
    void listsAUsersMemberships() {
        SoapResponse own = server.client.call("getCompanyMembership", TestServer.USER48, TestServer.USER48_PASSWORD,
                "<getCompanyMembershipParam xmlns=\"" + SoapClient.API_NS + "\"/>");
        assertThat(own.xpathAll("//ips:membershipArray/ips:items/ips:company/ips:companyHandle")).as(own.toString())
                .containsExactly("48");
        assertThat(own.xpath("//ips:membershipArray/ips:items/ips:role")).isEqualTo("IpsUser");
        assertThat(own.xpath("//ips:membershipArray/ips:items/ips:isActive")).isEqualTo("true");

        SoapResponse byAdmin = server.call("getCompanyMembership", "companies/getCompanyMembership.xml",
                Map.of("user", "u|48|1"));
        assertThat(byAdmin.xpathAll("//ips:company/ips:companyHandle")).containsExactly("48");

        SoapResponse foreign = server.client.call("getCompanyMembership", TestServer.USER47, TestServer.USER47_PASSWORD,
                SoapClient.request("companies/getCompanyMembership.xml", Map.of("user", "u|48|1")));
        SubmitJobTest.assertFault(foreign, "authorizationFault", 20002);
    }
}
