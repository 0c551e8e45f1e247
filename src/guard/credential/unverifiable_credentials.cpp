// unverifiable-credentials: the API could not tell what the credentials hold or what the task
// needs. Production fails closed; elsewhere the command proceeds with a warning.
#include "guard/credential/checks.h"

namespace tcg::guard::credential {

Finding unverifiable_credentials(const Target& target, const std::string& what) {
  Finding f;
  f.rule = "unverifiable-credentials";
  f.severity = rules::rule_severity(f.rule, target.production);
  f.message = "the credentials could not be checked: " + what +
              (target.production ? "; refused on a production cluster (fail closed)"
                                 : "; proceeding on a non-production cluster");
  f.help =
      "Check TASKCLUSTER_ROOT_URL and the network, then try again. If the credentials were rejected, sign in "
      "again and unset TASKCLUSTER_CERTIFICATE unless you use temporary credentials on purpose.";
  return f;
}

}  // namespace tcg::guard::credential
