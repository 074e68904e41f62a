package io.fedgate.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.appliance.security.AdminRole;
import org.junit.jupiter.api.Test;

class RoleRulesTest {
  @Test
  void readingNeedsReadOnlyExceptAdminAccounts() {
    assertThat(RoleRules.required("GET", "/api/v1/static-routes")).isEqualTo(AdminRole.READ_ONLY);
    assertThat(RoleRules.required("GET", "/admin/certificates")).isEqualTo(AdminRole.READ_ONLY);
    assertThat(RoleRules.required("GET", "/api/v1/admin-accounts"))
        .isEqualTo(AdminRole.ADMINISTRATOR);
    assertThat(RoleRules.required("GET", "/admin/admin-accounts"))
        .isEqualTo(AdminRole.ADMINISTRATOR);
  }

  @Test
  void operatorsRunServicesUsersAndTheGuard() {
    assertThat(RoleRules.required("POST", "/api/v1/services/XCP Router/restart"))
        .isEqualTo(AdminRole.OPERATOR);
    assertThat(RoleRules.required("POST", "/admin/services/restart-pending"))
        .isEqualTo(AdminRole.OPERATOR);
    assertThat(RoleRules.required("PUT", "/api/v1/users/alice/password"))
        .isEqualTo(AdminRole.OPERATOR);
    assertThat(RoleRules.required("POST", "/api/v1/guard/release")).isEqualTo(AdminRole.OPERATOR);
    assertThat(RoleRules.required("POST", "/api/v1/doctor/partner.example"))
        .isEqualTo(AdminRole.OPERATOR);
  }

  @Test
  void everyOtherChangeNeedsAnAdministrator() {
    assertThat(RoleRules.required("POST", "/api/v1/routes")).isEqualTo(AdminRole.ADMINISTRATOR);
    assertThat(RoleRules.required("DELETE", "/api/v1/acl")).isEqualTo(AdminRole.ADMINISTRATOR);
    assertThat(RoleRules.required("PUT", "/api/v1/parameters/x"))
        .isEqualTo(AdminRole.ADMINISTRATOR);
    assertThat(RoleRules.required("POST", "/admin/something-new"))
        .isEqualTo(AdminRole.ADMINISTRATOR);
    assertThat(RoleRules.required("PATCH", "/api/v1/users-but-not-really"))
        .isEqualTo(AdminRole.ADMINISTRATOR);
  }

  @Test
  void anyoneLoggedInMayLogOut() {
    assertThat(RoleRules.required("POST", "/admin/logout")).isEqualTo(AdminRole.READ_ONLY);
  }
}
